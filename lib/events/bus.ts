// Live events for the browser and for waiting agents, behind one interface: an in-process
// emitter on embedded PGlite (one process owns the database), PostgreSQL LISTEN/NOTIFY on a
// server so every instance hears every instance. Events are hints to re-read, never the state.
import "server-only";
import { randomUUID } from "node:crypto";
import { EventEmitter } from "node:events";
import { database } from "../db";

export interface LiveEvent {
  topic: string;
  [key: string]: unknown;
}

const CHANNEL = "arbiter_events";

interface Bus {
  emitter: EventEmitter;
  listener: { close(): Promise<void> } | null;
  /** Tags this process's notifications, which it has already delivered to its own subscribers. */
  origin: string;
}

const holder = globalThis as { __arbiterBus?: Bus };

function bus(): Bus {
  if (!holder.__arbiterBus) {
    const emitter = new EventEmitter();
    emitter.setMaxListeners(0);
    holder.__arbiterBus = { emitter, listener: null, origin: randomUUID() };
  }
  const b = holder.__arbiterBus;
  const db = database();
  if (db.kind === "postgres" && !b.listener && db.listen) {
    b.listener = db.listen(CHANNEL, (payload) => {
      try {
        const { origin, event } = JSON.parse(payload) as { origin?: string; event?: LiveEvent };
        if (event && origin !== b.origin) b.emitter.emit(event.topic, event);
      } catch {
        // Not ours: ignore.
      }
    });
  }
  return b;
}

/**
 * Tells every subscriber of the topic, on every instance. Call after the change has committed.
 * This instance's subscribers hear at once (not through the database, so not only once its
 * listening connection is up); other instances through NOTIFY.
 */
export async function publish(event: LiveEvent): Promise<void> {
  const b = bus();
  b.emitter.emit(event.topic, event);
  const db = database();
  if (db.kind !== "postgres") return;
  try {
    await db.query("SELECT pg_notify($1, $2)", [CHANNEL, JSON.stringify({ origin: b.origin, event })]);
  } catch (error) {
    // The change is committed either way; other instances re-read on their next check.
    console.error("[arbiter] live event not broadcast", error);
  }
}

/** Calls `listener` for each event of the topic until the returned function is called. */
export function subscribe(topic: string, listener: (event: LiveEvent) => void): () => void {
  const b = bus();
  b.emitter.on(topic, listener);
  return () => b.emitter.off(topic, listener);
}

/** Resolves with the first event of the topic that `match` accepts, or null after `ms`. */
export function nextEvent(
  topic: string,
  match: (event: LiveEvent) => boolean,
  ms: number,
  signal?: AbortSignal,
): { promise: Promise<LiveEvent | null>; cancel: () => void } {
  let cancel = () => {};
  const promise = new Promise<LiveEvent | null>((resolve) => {
    const timer = setTimeout(() => finish(null), ms);
    const unsubscribe = subscribe(topic, (event) => {
      if (match(event)) finish(event);
    });
    const onAbort = () => finish(null);
    signal?.addEventListener("abort", onAbort);
    function finish(value: LiveEvent | null) {
      clearTimeout(timer);
      unsubscribe();
      signal?.removeEventListener("abort", onAbort);
      resolve(value);
    }
    cancel = () => finish(null);
  });
  return { promise, cancel };
}

/** The topic of one workspace's approval changes. */
export const approvalsTopic = (workspaceId: string) => `approvals:${workspaceId}`;

/** Closes the PostgreSQL listener (tests, shutdown). */
export async function closeBus() {
  const b = holder.__arbiterBus;
  if (b?.listener) await b.listener.close();
  if (b) b.listener = null;
}
