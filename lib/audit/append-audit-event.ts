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
  const chain = chainOf(input.workspaceId);
  await sql.query(LOCK_SQL, [chain]);
  const [last] = await sql.query<{ seq: number; hash: string }>(
    `SELECT "seq", "hash" FROM "AuditEvent" WHERE "chain" = $1 ORDER BY "seq" DESC LIMIT 1`,
    [chain],
  );
  const e = nextEvent(input, last ?? null);
  const json = (v: unknown) => (v === null ? null : JSON.stringify(v));
  await sql.query(
    `INSERT INTO "AuditEvent" ("chain", "seq", "occurredAt", "workspaceId", "actorType", "actorId", "actorLabel", "action",
       "targetType", "targetId", "before", "after", "metadata", "prevHash", "hash")
     VALUES ($1, $2, $3, $4, $5::"ActorType", $6, $7, $8, $9, $10, $11::jsonb, $12::jsonb, $13::jsonb, $14, $15)`,
    [
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
    ],
  );
}

// Prisma distinguishes a JSON null from a database NULL; store absent values as NULL.
function jsonOrNull(value: unknown) {
  return value === null ? Prisma.DbNull : (value as Prisma.InputJsonValue);
}
