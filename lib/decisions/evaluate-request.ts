// Evaluating a decision request without storing it: the request parsed, the agent read with the
// workspace's policy revision, the published policies (cached) evaluated with the agent's controls.
// The decision endpoint, the simulator, saved tests and impact analysis share it.
import "server-only";
import { database } from "../db";
import { Conflict, Invalid, NotFound } from "../errors";
import { RevisionCache, type Stamped } from "../db/revisions";
import { evaluate, type CompiledPolicies, type Evaluation } from "../policy/evaluate";
import { policiesFor } from "../policy/policy-cache";
import {
  decisionRequestSchema,
  toCedarRequest,
  type AgentFacts,
  type BudgetFacts,
  type DecisionRequest,
} from "../policy/request";
import { budgetsFor } from "../cost/budget-monitor";
import { budgetFacts, enforceBudgets } from "../cost/enforce-budgets";

/** W3C traceparent: 00-<32 hex trace id>-<16 hex span id>-<2 hex flags>. */
export function parseTraceparent(header: string | null): { traceId: string; spanId: string } | null {
  const m = header ? /^[0-9a-f]{2}-([0-9a-f]{32})-([0-9a-f]{16})-[0-9a-f]{2}$/i.exec(header.trim()) : null;
  return m ? { traceId: m[1]!.toLowerCase(), spanId: m[2]!.toLowerCase() } : null;
}

export interface AgentRow {
  id: string;
  externalId: string;
  name: string;
  status: "ACTIVE" | "SUSPENDED";
  trustScore: number;
  autonomyLevel: AgentFacts["autonomy"];
  riskTier: AgentFacts["riskTier"];
  publicFacing: boolean;
  spendingLimitUsd: string | null;
  owner: string | null;
  slug: string;
  policyRevision: number;
  controlRevision: number;
  /** Whether the workspace can sign webhooks (has a signing secret). */
  webhooksReady: boolean;
}

const AGENT_COLUMNS = `a."id", a."externalId", a."name", a."status"::text AS "status", a."trustScore",
  a."autonomyLevel"::text AS "autonomyLevel", a."riskTier"::text AS "riskTier", a."publicFacing",
  a."spendingLimitUsd"::text AS "spendingLimitUsd", u."email" AS "owner", w."slug", w."policyRevision",
  w."controlRevision", w."webhookSecret" IS NOT NULL AS "webhooksReady"`;
const AGENT_FROM = `"Agent" a JOIN "Workspace" w ON w."id" = a."workspaceId" LEFT JOIN "User" u ON u."id" = a."ownerId"`;

/** The request as the schema reads it; an Invalid naming every problem otherwise. */
export function parseDecisionRequest(body: unknown): DecisionRequest {
  const parsed = decisionRequestSchema.safeParse(body);
  if (!parsed.success) {
    throw new Invalid(parsed.error.issues.map((i) => `${i.path.join(".") || "body"}: ${i.message}`).join("; "));
  }
  return parsed.data;
}

/** Agents by external id, with what policies see of them and the workspace's policy revision. */
export async function loadAgents(workspaceId: string, externalIds: string[]): Promise<Map<string, AgentRow>> {
  const rows = await database().query<AgentRow>(
    `SELECT ${AGENT_COLUMNS} FROM ${AGENT_FROM} WHERE a."workspaceId" = $1 AND a."externalId" = ANY($2::text[])`,
    [workspaceId, externalIds],
  );
  return new Map(rows.map((row) => [row.externalId, row]));
}

/**
 * The agent a request names, by its external id (what telemetry carries) or by its name when no
 * other agent of the workspace has it.
 */
async function readAgent(workspaceId: string, ref: string, readAt: number): Promise<Stamped<AgentRow>> {
  const rows = await database().query<AgentRow>(
    `SELECT ${AGENT_COLUMNS} FROM ${AGENT_FROM}
      WHERE a."workspaceId" = $1 AND (a."externalId" = $2 OR a."name" = $2) ORDER BY a."externalId" LIMIT 3`,
    [workspaceId, ref],
  );
  const agent = rows.find((r) => r.externalId === ref) ?? (rows.length === 1 ? rows[0] : undefined);
  if (!agent) {
    if (rows.length > 1)
      throw new Conflict(
        `More than one agent in this workspace is named "${ref}" (${rows.map((r) => r.externalId).join(", ")}): name it by its id.`,
      );
    throw unknownAgent(ref);
  }
  return {
    value: agent,
    workspaceId,
    revisions: { policy: agent.policyRevision, control: agent.controlRevision },
    readAt,
  };
}

// What decisions read of agents, held in memory on every instance and re-read when the workspace's
// control or policy revision moves (lib/db/revisions.ts).
const holder = globalThis as { __arbiterAgentCache?: RevisionCache<AgentRow> };
const agents = () => (holder.__arbiterAgentCache ??= new RevisionCache<AgentRow>(20_000));

/** Reads the most recently active agents into memory (warming at boot); how many. */
export async function primeAgents(limit: number): Promise<number> {
  const readAt = Date.now();
  const rows = await database().query<AgentRow & { workspaceId: string }>(
    `SELECT ${AGENT_COLUMNS}, a."workspaceId" FROM ${AGENT_FROM} ORDER BY a."lastSeenAt" DESC NULLS LAST LIMIT $1`,
    [limit],
  );
  for (const { workspaceId, ...agent } of rows) {
    const revisions = { policy: agent.policyRevision, control: agent.controlRevision };
    agents().prime(`${workspaceId}\u0000${agent.externalId}`, { value: agent, workspaceId, revisions, readAt });
  }
  return rows.length;
}

/** The agent by external id or unique name, from memory when nothing has changed since it was read. */
export function agentFor(workspaceId: string, ref: string): Promise<AgentRow> {
  return agents().get(`${workspaceId}\u0000${ref}`, (readAt) => readAgent(workspaceId, ref, readAt));
}

export function unknownAgent(externalId: string) {
  return new NotFound(
    `No agent "${externalId}" in this workspace: agents register when their telemetry arrives, or an admin adds them.`,
  );
}

/** What policies see of an agent. */
export function agentFacts(agent: AgentRow): AgentFacts {
  return {
    externalId: agent.externalId,
    name: agent.name,
    owner: agent.owner ?? "",
    workspace: agent.slug,
    status: agent.status,
    trustScore: agent.trustScore,
    autonomy: agent.autonomyLevel,
    riskTier: agent.riskTier,
    publicFacing: agent.publicFacing,
    spendingLimitUsd: agent.spendingLimitUsd,
  };
}

/** One request against a compiled set, with the agent's controls (the kill switch first). */
export function evaluateFor(
  compiled: CompiledPolicies,
  request: DecisionRequest,
  agent: AgentRow,
  budget?: BudgetFacts | null,
): Evaluation {
  return evaluate(compiled, toCedarRequest(request, agentFacts(agent), budget), agent.status === "SUSPENDED");
}

/**
 * Validates a request and evaluates it against the workspace's published policies (cached,
 * compared by revision) and the agent's controls. Stores nothing: decide() and the simulator
 * share it.
 */
export async function evaluateRequest({
  workspaceId,
  body,
  parsed,
}: {
  workspaceId: string;
  body: unknown;
  /** The body as the route's schema already checked it. */
  parsed?: DecisionRequest;
}) {
  const request = parsed ?? parseDecisionRequest(body);
  const agent = await agentFor(workspaceId, request.agent);
  const policies = await policiesFor(workspaceId, agent.policyRevision);
  // Budgets come from memory (refreshed every second): no round trip on the decision path.
  const budgets = await budgetsFor(workspaceId, agent.externalId);
  const evaluated = evaluateFor(policies.compiled, request, agent, budgetFacts(budgets));
  const { result, budget } = enforceBudgets(evaluated, { action: request.action, budgets });
  return { request, agent, policies, result, budget };
}
