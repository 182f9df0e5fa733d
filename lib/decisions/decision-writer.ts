import "server-only";
import { database } from "../db";
import type { Sql } from "../db/connect";
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

function values(rows: unknown[][], casts: string[]): { text: string; params: unknown[] } {
  const params: unknown[] = [];
  const text = rows
    .map((row) => `(${row.map((v, i) => (params.push(v), `$${params.length}${casts[i] ?? ""}`)).join(", ")})`)
    .join(", ");
  return { text, params };
}

/** Writes a batch; the ids of the decisions stored (a repeated idempotency key stores nothing). */
async function writeBatch(sql: Sql, records: DecisionRecord[]): Promise<Set<string>> {
  const d = values(
    records.map(({ decision: r }) => [
      r.id,
      r.workspaceId,
      r.agentId,
      r.agentExternalId,
      r.action,
      JSON.stringify(r.resource),
      JSON.stringify(r.context),
      r.outcome,
      JSON.stringify(r.reasons),
      JSON.stringify(r.policyVersions),
      JSON.stringify(r.errors),
      r.latencyMs,
      r.traceId,
      r.spanId,
      r.apiKeyId,
      r.idempotencyKey,
      r.requestHash,
      r.viaApprovalId,
      r.createdAt.toISOString(),
    ]),
    [
      "",
      "",
      "",
      "",
      "",
      "::jsonb",
      "::jsonb",
      '::"DecisionOutcome"',
      "::jsonb",
      "::jsonb",
      "::jsonb",
      "::float8",
      "",
      "",
      "",
      "",
      "",
      "",
      "::timestamptz",
    ],
  );
  const inserted = await sql.query<{ id: string }>(
    `INSERT INTO "Decision" ("id", "workspaceId", "agentId", "agentExternalId", "action", "resource", "context", "outcome",
       "reasons", "policyVersions", "errors", "latencyMs", "traceId", "spanId", "apiKeyId", "idempotencyKey",
       "requestHash", "viaApprovalId", "createdAt") VALUES ${d.text}
     ON CONFLICT ("workspaceId", "idempotencyKey") DO NOTHING RETURNING "id"`,
    d.params,
  );
  const stored = new Set(inserted.map((r) => r.id));
  const kept = records.filter((r) => stored.has(r.decision.id));
  const approvals = kept.filter((r) => r.approval !== null);
  if (approvals.length) {
    const a = values(
      approvals.map(({ decision, approval }) => [
        approval!.id,
        decision.workspaceId,
        decision.id,
        approval!.agentId,
        approval!.action,
        JSON.stringify(approval!.params),
        JSON.stringify(approval!.context),
        approval!.risk,
        approval!.reason,
        approval!.routedTo,
        approval!.policyId,
        approval!.policyVersion,
        approval!.quorum,
        approval!.expiresAt.toISOString(),
        approval!.escalateAt?.toISOString() ?? null,
        approval!.argsHash,
        approval!.webhookUrl,
        approval!.traceId,
        approval!.spanId,
        decision.createdAt.toISOString(),
      ]),
      [
        "",
        "",
        "",
        "",
        "",
        "::jsonb",
        "::jsonb",
        '::"RiskTier"',
        "",
        "",
        "",
        "::int",
        "::int",
        "::timestamptz",
        "::timestamptz",
        "",
        "",
        "",
        "",
        "::timestamptz",
      ],
    );
    await sql.query(
      `INSERT INTO "ApprovalRequest" ("id", "workspaceId", "decisionId", "agentId", "action", "params", "context", "risk",
         "reason", "routedTo", "policyId", "policyVersion", "quorum", "expiresAt", "escalateAt", "argsHash", "webhookUrl",
         "traceId", "spanId", "createdAt", "updatedAt")
       SELECT *, now() FROM (VALUES ${a.text}) AS v`,
      a.params,
    );
  }
  await appendAuditEventsSql(
    sql,
    kept.flatMap((r) => r.audit),
  );
  return stored;
}
