// What this instance knows of every workspace's revisions (policies; controls: agents, keys, the
// webhook secret), so the data plane can answer from memory. One cheap query reads them all every
// POLL_MS; database triggers and publishes bump them in the changing transaction, so a change on
// any instance is seen here within POLL_MS; this process's own writers announce theirs at once.
import "server-only";
import { database } from "./index";
import { publish, subscribe } from "../events/bus";

const POLL_MS = 250;
/** Past this without a successful poll, nothing cached is trusted (a database outage). */
const STALE_AFTER_MS = 1_000;
/** An entry is re-read at least this often, whatever the revisions say. */
const MAX_AGE_MS = 30_000;
const TOPIC = "revisions";

export interface Revisions {
  policy: number;
  control: number;
}

/** A cached value with what it was read under. */
export interface Stamped<T> {
  value: T;
  workspaceId: string;
  revisions: Revisions;
  /** When the read that produced it started (a change announced after that makes it stale). */
  readAt: number;
}

interface State {
  known: Map<string, Revisions>;
  /** Per workspace: when this process last announced a change. */
  changedAt: Map<string, number>;
  lastPollStart: number;
  lastPollOk: number;
  timer: NodeJS.Timeout | null;
  unsubscribe: (() => void) | null;
}

// On globalThis: the data plane and the pages are bundled apart, but share one process.
const holder = globalThis as { __arbiterRevisions?: State };

function state(): State {
  holder.__arbiterRevisions ??= {
    known: new Map(),
    changedAt: new Map(),
    lastPollStart: 0,
    lastPollOk: 0,
    timer: null,
    unsubscribe: null,
  };
  return holder.__arbiterRevisions;
}

async function poll(s: State) {
  const started = Date.now();
  try {
    const rows = await database().query<{ id: string; policy: number; control: number }>(
      `SELECT "id", "policyRevision" AS "policy", "controlRevision" AS "control" FROM "Workspace"`,
    );
    s.known = new Map(rows.map((r) => [r.id, { policy: r.policy, control: r.control }]));
    s.lastPollStart = started;
    s.lastPollOk = Date.now();
  } catch {
    // Caches stop being trusted after STALE_AFTER_MS; requests then read (and fail) honestly.
  }
}

/** Starts the poll (idempotent); resolves once revisions have been read. */
export async function watchRevisions(): Promise<void> {
  const s = state();
  if (!s.timer) {
    s.timer = setInterval(() => void poll(s), POLL_MS);
    s.timer.unref();
    s.unsubscribe = subscribe(TOPIC, (event) => {
      if (typeof event.workspaceId === "string") s.changedAt.set(event.workspaceId, Date.now());
    });
  }
  if (!s.lastPollOk) await poll(s);
}

export function stopWatchingRevisions() {
  const s = state();
  if (s.timer) clearInterval(s.timer);
  s.unsubscribe?.();
  s.timer = null;
  s.unsubscribe = null;
  s.lastPollOk = 0;
}

/**
 * Tells every instance (this one at once, others through NOTIFY or their next poll) that a
 * workspace's policies or controls changed. Call after the change has committed.
 */
export async function announceRevision(workspaceId: string): Promise<void> {
  state().changedAt.set(workspaceId, Date.now());
  await publish({ topic: TOPIC, workspaceId });
}

/** Whether a cached entry still holds: no newer revision known, no change announced since it was read. */
export function isFresh(entry: Stamped<unknown>, now = Date.now()): boolean {
  const s = state();
  if (!s.timer) void watchRevisions();
  if (now - s.lastPollOk > STALE_AFTER_MS || now - entry.readAt > MAX_AGE_MS) return false;
  if ((s.changedAt.get(entry.workspaceId) ?? 0) >= entry.readAt) return false;
  const known = s.known.get(entry.workspaceId);
  // A workspace newer than the last poll: the entry holds if it was read after that poll began.
  if (!known) return entry.readAt >= s.lastPollStart;
  return known.policy <= entry.revisions.policy && known.control <= entry.revisions.control;
}

/**
 * A bounded map of stamped entries, least recently used out first, with concurrent misses for one
 * key sharing one read.
 */
export class RevisionCache<T> {
  private readonly entries = new Map<string, Stamped<T>>();
  private readonly loading = new Map<string, Promise<Stamped<T>>>();
  constructor(private readonly bound: number) {}

  async get(key: string, read: (readAt: number) => Promise<Stamped<T>>): Promise<T> {
    const hit = this.entries.get(key);
    if (hit && isFresh(hit)) {
      this.entries.delete(key);
      this.entries.set(key, hit);
      return hit.value;
    }
    let pending = this.loading.get(key);
    if (!pending) {
      pending = read(Date.now());
      this.loading.set(key, pending);
      void pending
        .then(
          (entry) => {
            this.entries.delete(key);
            this.entries.set(key, entry);
            if (this.entries.size > this.bound) this.entries.delete(this.entries.keys().next().value!);
          },
          () => this.entries.delete(key),
        )
        .finally(() => this.loading.delete(key));
    }
    return (await pending).value;
  }

  /** Holds an entry read elsewhere (warming at boot). */
  prime(key: string, entry: Stamped<T>) {
    this.entries.set(key, entry);
    if (this.entries.size > this.bound) this.entries.delete(this.entries.keys().next().value!);
  }

  clear() {
    this.entries.clear();
  }
}
