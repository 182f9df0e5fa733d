// Impact analysis: before a draft is published, replay recently recorded decisions against the
// set it would put in force and against the published set, and show which outcomes would change.
// Both sides use today's agent facts, so a flip is caused by the draft alone.
import "server-only";
import { database, db } from "../db";
import { Invalid, NotFound } from "../errors";
import { candidateSources, withCompiled } from "./candidate";
import { agentFacts, loadAgents } from "../decisions/evaluate-request";
import { compareDecisions, policyActions, type Outcome, type Reason } from "./evaluate";
import { policiesFor } from "./policy-cache";
import { decisionRequestSchema, toCedarRequest, type DecisionRequest } from "./request";

export const IMPACT_MAX_DECISIONS = 10_000;
const EXAMPLES_PER_FLIP = 5;
/** Requests evaluated between yields to the event loop, so decisions keep being answered. */
const CHUNK = 250;

interface RecordedDecision {
  id: string;
  agentExternalId: string;
  action: string;
  resource: unknown;
  context: Record<string, unknown> | null;
  outcome: Outcome;
  createdAt: Date;
}

export interface Flip {
  from: Outcome;
  to: Outcome;
  count: number;
  examples: {
    decisionId: string;
    /** The agent's external id, and its name. */
    agent: string;
    agentName: string;
    action: string;
    resource: string;
    createdAt: string;
    reasons: Reason[];
  }[];
}

/**
 * What switching a published policy between enforce and shadow would have changed over the last
 * `days`: its published source replayed in the other mode against the recorded decisions.
 */
export async function analyseModeSwitch({
  workspaceId,
  policyId,
  mode,
  days,
}: {
  workspaceId: string;
  policyId: string;
  mode: "ENFORCE" | "SHADOW";
  days: number;
}): Promise<ImpactReport> {
  const policy = await db().policy.findFirst({
    where: { id: policyId, workspaceId },
    select: { activeVersion: { select: { source: true } } },
  });
  if (!policy) throw new NotFound("No such policy in this workspace.");
  if (!policy.activeVersion) throw new Invalid("This policy is not published: its mode changes nothing yet.");
  return analyseImpact({ workspaceId, policyId, source: policy.activeVersion.source, days, mode });
}

export interface ImpactReport {
  days: number;
  /** Recorded decisions replayed (the newest, up to IMPACT_MAX_DECISIONS). */
  replayed: number;
  /** True when the window held more decisions than were replayed. */
  truncated: boolean;
  /** Distinct requests among them (identical requests are evaluated once). */
  distinct: number;
  /** Distinct requests evaluated: those of an action the policy (published or draft) can apply to. */
  evaluated: number;
  /** Decisions that could not be replayed (their agent is gone, say). */
  skipped: number;
  changed: number;
  flips: Flip[];
  elapsedMs: number;
}

const tick = () => new Promise<void>((resolve) => setImmediate(resolve));

export async function analyseImpact({
  workspaceId,
  policyId,
  source,
  days,
  mode,
}: {
  workspaceId: string;
  policyId: string;
  source: string;
  days: number;
  /** The policy's mode after the change (a switch between enforce and shadow); its own unless said. */
  mode?: "ENFORCE" | "SHADOW";
}): Promise<ImpactReport> {
  const started = performance.now();
  const [workspace, policy] = await Promise.all([
    db().workspace.findUnique({ where: { id: workspaceId }, select: { policyRevision: true } }),
    db().policy.findFirst({
      where: { id: policyId, workspaceId },
      select: { set: true, activeVersion: { select: { source: true } } },
    }),
  ]);
  if (!workspace || !policy) throw new NotFound("No such policy in this workspace.");
  const since = new Date(Date.now() - days * 86_400_000);
  const rows = await database().query<RecordedDecision>(
    `SELECT "id", "agentExternalId", "action", "resource", "context", "outcome"::text AS "outcome", "createdAt"
       FROM "Decision" WHERE "workspaceId" = $1 AND "createdAt" >= $2
      ORDER BY "createdAt" DESC LIMIT ${IMPACT_MAX_DECISIONS + 1}`,
    [workspaceId, since],
  );
  const truncated = rows.length > IMPACT_MAX_DECISIONS;
  const decisions = rows.slice(0, IMPACT_MAX_DECISIONS);

  // Identical requests get identical answers: evaluate each distinct one once.
  const distinct = new Map<string, { request: DecisionRequest; decisions: RecordedDecision[] }>();
  let skipped = 0;
  for (const d of decisions) {
    const context = { ...d.context };
    delete context._shadow;
    const parsed = decisionRequestSchema.safeParse({
      agent: d.agentExternalId,
      action: d.action,
      resource: d.resource,
      context,
    });
    if (!parsed.success) {
      skipped++;
      continue;
    }
    const key = JSON.stringify([parsed.data.agent, parsed.data.action, parsed.data.resource, parsed.data.context]);
    const entry = distinct.get(key);
    if (entry) entry.decisions.push(d);
    else distinct.set(key, { request: parsed.data, decisions: [d] });
  }
  const agents = await loadAgents(workspaceId, [...new Set(decisions.map((d) => d.agentExternalId))]);
  const sources = await candidateSources(workspaceId, { policyId, source, mode });
  // Taken last, so that a publish meanwhile is more likely seen; one during the replay frees this
  // set in the cache, and the replay's next evaluation preparses it again (evaluate.ts).
  const published = await policiesFor(workspaceId, workspace.policyRevision);
  // Only a request of an action the policy can apply to (before or after the change) can flip.
  const draftActions = policyActions(source);
  const publishedActions = policy.activeVersion ? policyActions(policy.activeVersion.source) : new Set<string>();
  const relevant = draftActions && publishedActions ? new Set([...draftActions, ...publishedActions]) : null;

  const flips = new Map<string, Flip>();
  let changed = 0;
  let evaluated = 0;
  await withCompiled(sources, async (draft) => {
    for (const { request, decisions: same } of distinct.values()) {
      const agent = agents.get(request.agent);
      if (!agent) {
        skipped += same.length;
        continue;
      }
      // A suspended agent is denied either way; an action the policy cannot apply to cannot flip.
      if (agent.status === "SUSPENDED" || (relevant && !relevant.has(request.action))) continue;
      if (++evaluated % CHUNK === 0) await tick();
      const [before, after] = compareDecisions(
        published.compiled,
        draft,
        toCedarRequest(request, agentFacts(agent)),
        policy.set,
      );
      if (before.outcome === after.outcome) continue;
      changed += same.length;
      const key = `${before.outcome}>${after.outcome}`;
      const flip = flips.get(key) ?? { from: before.outcome, to: after.outcome, count: 0, examples: [] };
      flips.set(key, flip);
      flip.count += same.length;
      for (const d of same) {
        if (flip.examples.length >= EXAMPLES_PER_FLIP) break;
        flip.examples.push({
          decisionId: d.id,
          agent: d.agentExternalId,
          agentName: agent.name,
          action: d.action,
          resource: `${request.resource.kind}:${request.resource.id}`,
          createdAt: new Date(d.createdAt).toISOString(),
          reasons: after.reasons,
        });
      }
    }
  });
  return {
    days,
    replayed: decisions.length,
    truncated,
    distinct: distinct.size,
    evaluated,
    skipped,
    changed,
    flips: [...flips.values()].sort((a, b) => b.count - a.count),
    elapsedMs: Math.round(performance.now() - started),
  };
}
