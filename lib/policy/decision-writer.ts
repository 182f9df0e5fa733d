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
    expiresAt: Date;
    traceId: string | null;
    spanId: string | null;
  } | null;
  audit: AuditInput;
}

interface Pending {
  record: DecisionRecord;
  resolve: () => void;
  reject: (error: unknown) => void;
}

// Group commit, per workspace (one audit chain each): while a transaction is writing, the
// decisions that arrive wait and then go together in the next one. An idle workspace writes at
// once; a busy one takes one lock, one chain read and a few multi-row inserts per batch instead
// of per decision. A caller's promise settles only after its batch has committed.
const MAX_BATCH = 200;
const queues = new Map<string, { pending: Pending[]; flushing: boolean }>();

export function storeDecision(record: DecisionRecord): Promise<void> {
  const workspaceId = record.decision.workspaceId;
  let queue = queues.get(workspaceId);
  if (!queue) queues.set(workspaceId, (queue = { pending: [], flushing: false }));
  const done = new Promise<void>((resolve, reject) => queue.pending.push({ record, resolve, reject }));
  if (!queue.flushing) void flush(workspaceId, queue);
  return done;
}

async function flush(workspaceId: string, queue: { pending: Pending[]; flushing: boolean }) {
  queue.flushing = true;
  try {
    while (queue.pending.length) {
      const batch = queue.pending.splice(0, MAX_BATCH);
      try {
        await database().sqlTransaction((sql) =>
          writeBatch(
            sql,
            batch.map((p) => p.record),
          ),
        );
        for (const p of batch) p.resolve();
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

async function writeBatch(sql: Sql, records: DecisionRecord[]) {
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
    ]),
    ["", "", "", "", "", "::jsonb", "::jsonb", '::"DecisionOutcome"', "::jsonb", "::jsonb", "::jsonb"],
  );
  await sql.query(
    `INSERT INTO "Decision" ("id", "workspaceId", "agentId", "agentExternalId", "action", "resource", "context", "outcome",
       "reasons", "policyVersions", "errors", "latencyMs", "traceId", "spanId", "apiKeyId") VALUES ${d.text}`,
    d.params,
  );
  const approvals = records.filter((r) => r.approval !== null);
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
        approval!.expiresAt.toISOString(),
        approval!.traceId,
        approval!.spanId,
      ]),
      ["", "", "", "", "", "::jsonb", "::jsonb", '::"RiskTier"', "", "", "::timestamptz"],
    );
    await sql.query(
      `INSERT INTO "ApprovalRequest" ("id", "workspaceId", "decisionId", "agentId", "action", "params", "context", "risk",
         "reason", "routedTo", "expiresAt", "traceId", "spanId", "updatedAt")
       SELECT *, now() FROM (VALUES ${a.text}) AS v`,
      a.params,
    );
  }
  await appendAuditEventsSql(
    sql,
    records.map((r) => r.audit),
  );
}
