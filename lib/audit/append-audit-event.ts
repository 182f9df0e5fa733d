import "server-only";
import type { Tx } from "../db";
import type { Sql } from "../db/connect";
import { Prisma } from "../db/generated/client";
import type { Actor } from "./actor";
import { GENESIS_HASH, hashEvent, toPlainJson } from "./hash";
import { insertRows, type Columns } from "../db/insert-rows";

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
export async function appendAuditEventSql(sql: Sql, input: AuditInput): Promise<void> {
  await appendAuditEventsSql(sql, [input]);
}

/** A chain's last event, which the next one follows. */
export interface ChainHead {
  seq: number;
  hash: string;
}

type ChainedEvent = ReturnType<typeof nextEvent>;
const orNull = (v: unknown) => (v === null ? null : JSON.stringify(v));

const auditColumns: Columns<ChainedEvent> = {
  chain: { value: (e) => e.chain },
  seq: { cast: "::int", value: (e) => e.seq },
  occurredAt: { cast: "::timestamptz", value: (e) => e.occurredAt.toISOString() },
  workspaceId: { value: (e) => e.workspaceId },
  actorType: { cast: '::"ActorType"', value: (e) => e.actorType },
  actorId: { value: (e) => e.actorId },
  actorLabel: { value: (e) => e.actorLabel },
  action: { value: (e) => e.action },
  targetType: { value: (e) => e.targetType },
  targetId: { value: (e) => e.targetId },
  before: { cast: "::jsonb", value: (e) => orNull(e.before) },
  after: { cast: "::jsonb", value: (e) => orNull(e.after) },
  metadata: { cast: "::jsonb", value: (e) => orNull(e.metadata) },
  prevHash: { value: (e) => e.prevHash },
  hash: { value: (e) => e.hash },
};

/** The events chained after `last`, and the head they leave. */
function chainEvents(inputs: AuditInput[], last: ChainHead | null): { events: ChainedEvent[]; head: ChainHead | null } {
  const events: ChainedEvent[] = [];
  let head = last;
  for (const input of inputs) {
    const e = nextEvent(input, head);
    head = { seq: e.seq, hash: e.hash };
    events.push(e);
  }
  return { events, head };
}

/** A chain's last event as the caller's transaction sees it; null for an empty chain. */
export async function readChainHead(sql: Sql, chain: string): Promise<ChainHead | null> {
  const [last] = await sql.query<ChainHead>(
    `SELECT "seq", "hash" FROM "AuditEvent" WHERE "chain" = $1 ORDER BY "seq" DESC LIMIT 1`,
    [chain],
  );
  return last ?? null;
}

/**
 * Several events of one chain, in order, inside a driver-level transaction: one lock, one read
 * of the chain's head and one multi-row insert, however many events (group commit). Returns the
 * head they leave.
 */
export async function appendAuditEventsSql(sql: Sql, inputs: AuditInput[]): Promise<ChainHead | null> {
  if (inputs.length === 0) return null;
  const chain = chainOf(inputs[0]!.workspaceId);
  if (inputs.some((input) => chainOf(input.workspaceId) !== chain)) throw new Error("One chain per call.");
  await sql.query(LOCK_SQL, [chain]);
  const { events, head } = chainEvents(inputs, await readChainHead(sql, chain));
  const insert = insertRows("AuditEvent", auditColumns, events);
  await sql.query(insert.text, insert.params);
  return head;
}

/**
 * The parts of one statement that appends events after a head the caller believes current,
 * with other rows that must commit only with them (the decision writer's one-round-trip path).
 * `guard` is a CTE body selecting a row only when the chain's head is still `expected` (it takes
 * the chain's lock first, so appenders that lock never interleave); inserts joined to it write
 * nothing otherwise, and two such statements racing collide on (chain, seq) and fail whole.
 */
export function appendAfterHead(
  inputs: AuditInput[],
  expected: ChainHead | null,
  params: unknown[],
): { guard: string; insert: string; head: ChainHead | null } {
  const chain = chainOf(inputs[0]!.workspaceId);
  params.push(chain, expected?.hash ?? null);
  const [c, h] = [params.length - 1, params.length];
  const guard = `SELECT 1 AS ok FROM (SELECT pg_advisory_xact_lock(hashtext('audit:' || $${c}::text))) l
     WHERE (SELECT "hash" FROM "AuditEvent" WHERE "chain" = $${c}::text ORDER BY "seq" DESC LIMIT 1) IS NOT DISTINCT FROM $${h}::text`;
  const { events, head } = chainEvents(inputs, expected);
  const insert = insertRows("AuditEvent", auditColumns, events, { params, onlyIf: "guard" }).text;
  return { guard, insert, head };
}

// Prisma distinguishes a JSON null from a database NULL; store absent values as NULL.
function jsonOrNull(value: unknown) {
  return value === null ? Prisma.DbNull : (value as Prisma.InputJsonValue);
}
