import "server-only";
import type { Tx } from "../db";
import type { Sql } from "../db/connect";
import { Prisma } from "../db/generated/client";
import type { Actor } from "./actor";
import { GENESIS_HASH, hashEvent, toPlainJson } from "./hash";

export interface AuditInput {
  workspaceId: string | null;
  actor: Actor;
  action: string;
  target?: { type: string; id: string };
  before?: unknown;
  after?: unknown;
  metadata?: unknown;
}

export function chainOf(workspaceId: string | null): string {
  return workspaceId ?? "global";
}

/** The next event of a chain: its fields and its hash over them. Pure. */
function nextEvent(input: AuditInput, last: { seq: number; hash: string } | null) {
  const fields = {
    chain: chainOf(input.workspaceId),
    seq: (last?.seq ?? 0) + 1,
    // The column keeps milliseconds, as Date does: what is stored is what was hashed.
    occurredAt: new Date(),
    workspaceId: input.workspaceId,
    actorType: input.actor.type,
    actorId: input.actor.id,
    actorLabel: input.actor.label,
    action: input.action,
    targetType: input.target?.type ?? null,
    targetId: input.target?.id ?? null,
    before: toPlainJson(input.before),
    after: toPlainJson(input.after),
    metadata: toPlainJson(input.metadata),
    prevHash: last?.hash ?? GENESIS_HASH,
  };
  return { ...fields, hash: hashEvent(fields) };
}

const LOCK_SQL = `SELECT pg_advisory_xact_lock(hashtext('audit:' || $1))`;

/**
 * Appends one event to its workspace's chain, inside the caller's transaction, so the
 * change and its record commit (or roll back) together.
 */
export async function appendAuditEvent(tx: Tx, input: AuditInput) {
  const chain = chainOf(input.workspaceId);
  // Serialise appenders of one chain until this transaction ends.
  await tx.$executeRawUnsafe(LOCK_SQL, chain);
  const last = await tx.auditEvent.findFirst({
    where: { chain },
    orderBy: { seq: "desc" },
    select: { seq: true, hash: true },
  });
  const event = nextEvent(input, last);
  return tx.auditEvent.create({
    data: {
      ...event,
      before: jsonOrNull(event.before),
      after: jsonOrNull(event.after),
      metadata: jsonOrNull(event.metadata),
    },
  });
}

/** The same, inside a driver-level transaction (see Database.sqlTransaction). */
export async function appendAuditEventSql(sql: Sql, input: AuditInput) {
  await appendAuditEventsSql(sql, [input]);
}

/**
 * Several events of one chain, in order, inside a driver-level transaction: one lock, one read
 * of the chain's head and one multi-row insert, however many events (group commit).
 */
export async function appendAuditEventsSql(sql: Sql, inputs: AuditInput[]) {
  if (inputs.length === 0) return;
  const chain = chainOf(inputs[0]!.workspaceId);
  if (inputs.some((input) => chainOf(input.workspaceId) !== chain)) throw new Error("One chain per call.");
  await sql.query(LOCK_SQL, [chain]);
  const [head] = await sql.query<{ seq: number; hash: string }>(
    `SELECT "seq", "hash" FROM "AuditEvent" WHERE "chain" = $1 ORDER BY "seq" DESC LIMIT 1`,
    [chain],
  );
  let last: { seq: number; hash: string } | null = head ?? null;
  const json = (v: unknown) => (v === null ? null : JSON.stringify(v));
  const params: unknown[] = [];
  const rows: string[] = [];
  for (const input of inputs) {
    const e = nextEvent(input, last);
    last = { seq: e.seq, hash: e.hash };
    const n = params.length;
    rows.push(
      `($${n + 1}, $${n + 2}, $${n + 3}, $${n + 4}, $${n + 5}::"ActorType", $${n + 6}, $${n + 7}, $${n + 8}, $${n + 9}, $${n + 10}, $${n + 11}::jsonb, $${n + 12}::jsonb, $${n + 13}::jsonb, $${n + 14}, $${n + 15})`,
    );
    params.push(
      e.chain,
      e.seq,
      e.occurredAt.toISOString(),
      e.workspaceId,
      e.actorType,
      e.actorId,
      e.actorLabel,
      e.action,
      e.targetType,
      e.targetId,
      json(e.before),
      json(e.after),
      json(e.metadata),
      e.prevHash,
      e.hash,
    );
  }
  await sql.query(
    `INSERT INTO "AuditEvent" ("chain", "seq", "occurredAt", "workspaceId", "actorType", "actorId", "actorLabel", "action",
       "targetType", "targetId", "before", "after", "metadata", "prevHash", "hash")
     VALUES ${rows.join(", ")}`,
    params,
  );
}

// Prisma distinguishes a JSON null from a database NULL; store absent values as NULL.
function jsonOrNull(value: unknown) {
  return value === null ? Prisma.DbNull : (value as Prisma.InputJsonValue);
}
