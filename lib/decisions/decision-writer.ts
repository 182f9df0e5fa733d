import "server-only";
import { database } from "../db";
import type { Sql } from "../db/connect";
import { insertRows, type Columns } from "../db/insert-rows";
import { appendAuditEventsSql, type AuditInput } from "../audit";

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
  if (!queue.flushing) void flush(workspaceId, queue);
  return done;
}

async function flush(workspaceId: string, queue: { pending: Pending[]; flushing: boolean }) {
  queue.flushing = true;
  try {
    while (queue.pending.length) {
      const batch = queue.pending.splice(0, MAX_BATCH);
      try {
        const stored = await database().sqlTransaction((sql) =>
          writeBatch(
            sql,
            batch.map((p) => p.record),
          ),
        );
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

/** Writes a batch; the ids of the decisions stored (a repeated idempotency key stores nothing). */
async function writeBatch(sql: Sql, records: DecisionRecord[]): Promise<Set<string>> {
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
  await appendAuditEventsSql(
    sql,
    kept.flatMap((r) => r.audit),
  );
  return stored;
}
