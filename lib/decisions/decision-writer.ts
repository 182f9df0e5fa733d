import "server-only";
import { database } from "../db";
import { env } from "../env";
import type { Sql } from "../db/connect";
import { insertRows, type Columns } from "../db/insert-rows";
import {
  appendAfterHead,
  appendAuditEventsSql,
  chainOf,
  readChainHead,
  type AuditInput,
  type ChainHead,
} from "../audit";

export interface DecisionRecord {
  decision: {
    id: string;
    workspaceId: string;
    agentId: string;
    agentExternalId: string;
    action: string;
    resource: unknown;
    context: unknown;
    outcome: string;
    reasons: unknown;
    policyVersions: unknown;
    errors: unknown;
    latencyMs: number;
    traceId: string | null;
    spanId: string | null;
    apiKeyId: string | null;
    idempotencyKey: string | null;
    requestHash: string | null;
    viaApprovalId: string | null;
    createdAt: Date;
  };
  approval: {
    id: string;
    agentId: string;
    action: string;
    params: unknown;
    context: unknown;
    risk: string;
    reason: string;
    routedTo: string;
    policyId: string;
    policyVersion: number;
    quorum: number;
    expiresAt: Date;
    escalateAt: Date | null;
    argsHash: string;
    webhookUrl: string | null;
    traceId: string | null;
    spanId: string | null;
  } | null;
  /** The decision's audit events (and the approval's, when it opens one). */
  audit: AuditInput[];
}

/** "stored", or "duplicate" when a decision with the same idempotency key was stored first. */
export type StoreResult = "stored" | "duplicate";

interface Pending {
  record: DecisionRecord;
  resolve: (result: StoreResult) => void;
  reject: (error: unknown) => void;
}

// Group commit, per workspace (one audit chain each): while a transaction is writing, the
// decisions that arrive wait and then go together in the next one. An idle workspace writes at
// once; a busy one takes one lock, one chain read and a few multi-row inserts per batch instead
// of per decision. A caller's promise settles only after its batch has committed.
const MAX_BATCH = 200;
const queues = new Map<string, { pending: Pending[]; flushing: boolean }>();

export function storeDecision(record: DecisionRecord): Promise<StoreResult> {
  const workspaceId = record.decision.workspaceId;
  let queue = queues.get(workspaceId);
  if (!queue) queues.set(workspaceId, (queue = { pending: [], flushing: false }));
  const done = new Promise<StoreResult>((resolve, reject) => queue.pending.push({ record, resolve, reject }));
  if (!queue.flushing) {
    const window = env().ARBITER_DECIDE_COMMIT_WINDOW_MS;
    if (window > 0) {
      // Taken now, so the decisions arriving in the window join this write.
      queue.flushing = true;
      setTimeout(() => void flush(workspaceId, queue), window);
    } else void flush(workspaceId, queue);
  }
  return done;
}

async function flush(workspaceId: string, queue: { pending: Pending[]; flushing: boolean }) {
  queue.flushing = true;
  try {
    while (queue.pending.length) {
      const batch = queue.pending.splice(0, MAX_BATCH);
      try {
        const records = batch.map((p) => p.record);
        const stored =
          (await writeAfterKnownHead(workspaceId, records)) ??
          (await database().sqlTransaction((sql) => writeBatch(workspaceId, sql, records)));
        for (const p of batch) p.resolve(stored.has(p.record.decision.id) ? "stored" : "duplicate");
      } catch (error) {
        for (const p of batch) p.reject(error);
      }
    }
  } finally {
    queue.flushing = false;
    if (queue.pending.length === 0) queues.delete(workspaceId);
  }
}

const json = (v: unknown) => JSON.stringify(v);

const decisionColumns: Columns<DecisionRecord> = {
  id: { value: ({ decision: d }) => d.id },
  workspaceId: { value: ({ decision: d }) => d.workspaceId },
  agentId: { value: ({ decision: d }) => d.agentId },
  agentExternalId: { value: ({ decision: d }) => d.agentExternalId },
  action: { value: ({ decision: d }) => d.action },
  resource: { cast: "::jsonb", value: ({ decision: d }) => json(d.resource) },
  context: { cast: "::jsonb", value: ({ decision: d }) => json(d.context) },
  outcome: { cast: '::"DecisionOutcome"', value: ({ decision: d }) => d.outcome },
  reasons: { cast: "::jsonb", value: ({ decision: d }) => json(d.reasons) },
  policyVersions: { cast: "::jsonb", value: ({ decision: d }) => json(d.policyVersions) },
  errors: { cast: "::jsonb", value: ({ decision: d }) => json(d.errors) },
  latencyMs: { cast: "::float8", value: ({ decision: d }) => d.latencyMs },
  traceId: { value: ({ decision: d }) => d.traceId },
  spanId: { value: ({ decision: d }) => d.spanId },
  apiKeyId: { value: ({ decision: d }) => d.apiKeyId },
  idempotencyKey: { value: ({ decision: d }) => d.idempotencyKey },
  requestHash: { value: ({ decision: d }) => d.requestHash },
  viaApprovalId: { value: ({ decision: d }) => d.viaApprovalId },
  createdAt: { cast: "::timestamptz", value: ({ decision: d }) => d.createdAt.toISOString() },
};

type WithApproval = DecisionRecord & { approval: NonNullable<DecisionRecord["approval"]> };

const approvalColumns: Columns<WithApproval> = {
  id: { value: ({ approval: a }) => a.id },
  workspaceId: { value: ({ decision: d }) => d.workspaceId },
  decisionId: { value: ({ decision: d }) => d.id },
  agentId: { value: ({ approval: a }) => a.agentId },
  action: { value: ({ approval: a }) => a.action },
  params: { cast: "::jsonb", value: ({ approval: a }) => json(a.params) },
  context: { cast: "::jsonb", value: ({ approval: a }) => json(a.context) },
  risk: { cast: '::"RiskTier"', value: ({ approval: a }) => a.risk },
  reason: { value: ({ approval: a }) => a.reason },
  routedTo: { value: ({ approval: a }) => a.routedTo },
  policyId: { value: ({ approval: a }) => a.policyId },
  policyVersion: { cast: "::int", value: ({ approval: a }) => a.policyVersion },
  quorum: { cast: "::int", value: ({ approval: a }) => a.quorum },
  expiresAt: { cast: "::timestamptz", value: ({ approval: a }) => a.expiresAt.toISOString() },
  escalateAt: { cast: "::timestamptz", value: ({ approval: a }) => a.escalateAt?.toISOString() ?? null },
  argsHash: { value: ({ approval: a }) => a.argsHash },
  webhookUrl: { value: ({ approval: a }) => a.webhookUrl },
  traceId: { value: ({ approval: a }) => a.traceId },
  spanId: { value: ({ approval: a }) => a.spanId },
  createdAt: { cast: "::timestamptz", value: ({ decision: d }) => d.createdAt.toISOString() },
  updatedAt: { cast: "::timestamptz", value: ({ decision: d }) => d.createdAt.toISOString() },
};

// The audit chain's head as this process last wrote it, per workspace: the next batch assumes it
// and writes in one statement, no transaction round trips (writeAfterKnownHead).
const heads = new Map<string, ChainHead>();
const MAX_HEADS = 10_000;

function rememberHead(workspaceId: string, head: ChainHead | null) {
  heads.delete(workspaceId);
  if (head) heads.set(workspaceId, head);
  if (heads.size > MAX_HEADS) heads.delete(heads.keys().next().value!);
}

/**
 * The common case in one statement (atomic on its own): decisions, approvals and audit events
 * inserted only if the chain's head is still the one this process last wrote. Null when it
 * cannot be used or did not apply (another writer moved the head, or raced this one): the caller
 * then writes through the locked transaction, which reads the head.
 */
async function writeAfterKnownHead(workspaceId: string, records: DecisionRecord[]): Promise<Set<string> | null> {
  const expected = heads.get(workspaceId);
  // A repeated idempotency key stores nothing and must audit nothing: that takes the locked path.
  if (!expected || records.some((r) => r.decision.idempotencyKey !== null)) return null;
  const statement = afterHeadStatement(records, expected);
  try {
    const [row] = await database().query<{ events: number }>(statement.text, statement.params);
    if (!row || row.events === 0) {
      heads.delete(workspaceId);
      return null;
    }
  } catch (error) {
    heads.delete(workspaceId);
    // Another appender took the next sequence number first: the locked path reads the new head.
    if ((error as { code?: unknown }).code === "23505") return null;
    throw error;
  }
  rememberHead(workspaceId, statement.head);
  return new Set(records.map((r) => r.decision.id));
}

/** The one statement of writeAfterKnownHead: it counts the audit events it inserted. */
function afterHeadStatement(records: DecisionRecord[], expected: ChainHead | null) {
  const params: unknown[] = [];
  const audit = appendAfterHead(
    records.flatMap((r) => r.audit),
    expected,
    params,
  );
  const parts = [`guard AS (${audit.guard})`];
  parts.push(
    `d AS (${insertRows("Decision", decisionColumns, records, { params, onlyIf: "guard" }).text} RETURNING 1)`,
  );
  const approvals = records.filter((r): r is WithApproval => r.approval !== null);
  if (approvals.length)
    parts.push(
      `a AS (${insertRows("ApprovalRequest", approvalColumns, approvals, { params, onlyIf: "guard" }).text} RETURNING 1)`,
    );
  const text = `WITH ${parts.join(", ")}, e AS (${audit.insert} RETURNING 1) SELECT count(*)::int AS "events" FROM e`;
  return { text, params, head: audit.head };
}

class Rehearsed extends Error {}

/**
 * Warming at boot: the statement a batch would be written with, run against the chain's current
 * head in a transaction that is rolled back, so nothing is kept; the head it read is remembered,
 * so the first real batch takes the one-statement path. False when the statement stored nothing.
 */
export async function rehearseWrite(records: DecisionRecord[]): Promise<boolean> {
  const workspaceId = records[0]!.decision.workspaceId;
  let head: ChainHead | null = null;
  let events = 0;
  try {
    await database().sqlTransaction(async (sql) => {
      head = await readChainHead(sql, chainOf(workspaceId));
      const statement = afterHeadStatement(records, head);
      [{ events = 0 } = {}] = await sql.query<{ events: number }>(statement.text, statement.params);
      throw new Rehearsed();
    });
  } catch (error) {
    if (!(error instanceof Rehearsed)) throw error;
  }
  if (!heads.has(workspaceId)) rememberHead(workspaceId, head);
  return events > 0;
}

/** Writes a batch; the ids of the decisions stored (a repeated idempotency key stores nothing). */
async function writeBatch(workspaceId: string, sql: Sql, records: DecisionRecord[]): Promise<Set<string>> {
  const d = insertRows("Decision", decisionColumns, records);
  const inserted = await sql.query<{ id: string }>(
    `${d.text} ON CONFLICT ("workspaceId", "idempotencyKey") DO NOTHING RETURNING "id"`,
    d.params,
  );
  const stored = new Set(inserted.map((r) => r.id));
  const kept = records.filter((r) => stored.has(r.decision.id));
  const approvals = kept.filter((r): r is WithApproval => r.approval !== null);
  if (approvals.length) {
    const a = insertRows("ApprovalRequest", approvalColumns, approvals);
    await sql.query(a.text, a.params);
  }
  const head = await appendAuditEventsSql(
    sql,
    kept.flatMap((r) => r.audit),
  );
  // Known once this transaction commits; a rollback leaves a head that the next guard refuses.
  if (head) rememberHead(workspaceId, head);
  return stored;
}
