// Delivers what the outbox holds: claims due rows with a lease (SKIP LOCKED, so instances share
// the work and never send one row twice at once), POSTs each signed CloudEvent, and records the
// outcome — delivered on a 2xx, retried with exponential backoff otherwise, given up at its deadline.
import "server-only";
import http from "node:http";
import https from "node:https";
import { database } from "../db";
import { guardedLookup, refuseTarget } from "./target-guard";
import { SIGNATURE_HEADER, signPayload } from "./sign";

const LEASE_SECONDS = 30;
const TIMEOUT_MS = 10_000;
const MAX_BACKOFF_SECONDS = 300;

interface Claimed {
  id: string;
  eventId: string;
  type: string;
  url: string;
  payload: unknown;
  attempts: number;
  deadline: Date;
  secret: string | null;
}

/** Seconds before retry n (1-based): 1, 2, 4, … up to 5 minutes, with ±20 % jitter. */
export function backoffSeconds(attempt: number, random = Math.random): number {
  const base = Math.min(2 ** (attempt - 1), MAX_BACKOFF_SECONDS);
  return base * (0.8 + random() * 0.4);
}

async function claim(limit: number): Promise<Claimed[]> {
  return database().sqlTransaction(async (sql) => {
    const rows = await sql.query<Claimed>(
      `SELECT o."id", o."eventId", o."type", o."url", o."payload", o."attempts", o."deadline", w."webhookSecret" AS "secret"
         FROM "OutboxMessage" o JOIN "Workspace" w ON w."id" = o."workspaceId"
        WHERE o."deliveredAt" IS NULL AND o."failedAt" IS NULL AND o."nextAttemptAt" <= now()
          AND (o."lockedUntil" IS NULL OR o."lockedUntil" < now())
        ORDER BY o."nextAttemptAt" LIMIT $1
        FOR UPDATE OF o SKIP LOCKED`,
      [limit],
    );
    if (rows.length) {
      await sql.query(
        `UPDATE "OutboxMessage" SET "lockedUntil" = now() + make_interval(secs => $2) WHERE "id" = ANY($1::text[])`,
        [rows.map((r) => r.id), LEASE_SECONDS],
      );
    }
    return rows;
  });
}

/** One POST; the status, or an error message. Never throws. */
export function post(
  url: string,
  body: string,
  headers: Record<string, string>,
): Promise<{ status: number } | { error: string }> {
  const refused = refuseTarget(url);
  if (refused) return Promise.resolve({ error: refused });
  const target = new URL(url);
  const client = target.protocol === "https:" ? https : http;
  return new Promise((resolve) => {
    const request = client.request(
      target,
      {
        method: "POST",
        headers: { ...headers, "content-length": String(Buffer.byteLength(body)) },
        lookup: guardedLookup as never,
        timeout: TIMEOUT_MS,
      },
      (response) => {
        response.resume();
        response.on("end", () => resolve({ status: response.statusCode ?? 0 }));
        response.on("error", () => resolve({ status: response.statusCode ?? 0 }));
      },
    );
    request.on("timeout", () => request.destroy(new Error(`no answer within ${TIMEOUT_MS / 1000} s`)));
    request.on("error", (error) => resolve({ error: error.message }));
    request.end(body);
  });
}

async function deliverOne(message: Claimed) {
  const body = JSON.stringify(message.payload);
  const headers: Record<string, string> = {
    "content-type": "application/cloudevents+json; charset=utf-8",
    "user-agent": "Arbiter-Webhooks/1",
    "x-arbiter-event-id": message.eventId,
    "x-arbiter-event-type": message.type,
  };
  if (message.secret)
    headers[SIGNATURE_HEADER] = signPayload({ secret: message.secret, body, timestamp: Math.floor(Date.now() / 1000) });
  const result = await post(message.url, body, headers);
  const attempts = message.attempts + 1;
  const ok = "status" in result && result.status >= 200 && result.status < 300;
  const status = "status" in result ? result.status : null;
  const error = "error" in result ? result.error : ok ? null : `answered ${status}`;
  const retryAt = new Date(Date.now() + backoffSeconds(attempts) * 1000);
  const giveUp = !ok && retryAt > new Date(message.deadline);
  await database().query(
    `UPDATE "OutboxMessage" SET "attempts" = $2, "lastStatus" = $3, "lastError" = $4, "lockedUntil" = NULL,
        "deliveredAt" = CASE WHEN $5 THEN now() ELSE NULL END,
        "failedAt" = CASE WHEN $6 THEN now() ELSE NULL END,
        "nextAttemptAt" = $7::timestamptz
      WHERE "id" = $1`,
    [message.id, attempts, status, error?.slice(0, 500) ?? null, ok, giveUp, retryAt.toISOString()],
  );
  return ok ? "delivered" : giveUp ? "failed" : "retrying";
}

/** Delivers every due message (in rounds of `batch`); counts by outcome. */
export async function deliverDue({ batch = 20 }: { batch?: number } = {}) {
  const counts = { delivered: 0, retrying: 0, failed: 0 };
  for (;;) {
    const claimed = await claim(batch);
    for (const outcome of await Promise.all(claimed.map(deliverOne))) counts[outcome]++;
    if (claimed.length < batch) return counts;
  }
}
