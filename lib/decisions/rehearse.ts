// Warming at boot: decisions rehearsed through the same code as real ones (parse, agent, policies,
// Cedar, the write statement) so that the first requests after the server says it is ready run
// compiled code against preparsed sets, not the interpreter. Nothing is kept: a rehearsal's write
// runs in a transaction that is rolled back, and no approval it would open is announced.
import "server-only";
import { database } from "../db";
import { systemActor } from "../audit";
import { policiesFor } from "../policy/policy-cache";
import { decide } from "./decide";
import { rehearseWrite, type DecisionRecord } from "./decision-writer";

class NotKept extends Error {}

export interface Rehearsal {
  decisions: number;
  writes: number;
}

/**
 * Rehearses decisions for the most recently active agent of up to `workspaces` workspaces: every
 * scope of their policy sets is evaluated (so each is preparsed), round after round until `rounds`
 * or `budgetMs` is spent; the first `writes` also rehearse their write.
 */
export async function rehearseDecisions({
  workspaces,
  rounds,
  writes,
  budgetMs,
}: {
  workspaces: number;
  rounds: number;
  writes: number;
  budgetMs: number;
}): Promise<Rehearsal> {
  const deadline = performance.now() + budgetMs;
  const agents = await database().query<{ workspaceId: string; externalId: string; policyRevision: number }>(
    `SELECT * FROM (
       SELECT DISTINCT ON (a."workspaceId") a."workspaceId", a."externalId", a."lastSeenAt", w."policyRevision"
         FROM "Agent" a JOIN "Workspace" w ON w."id" = a."workspaceId"
        WHERE a."status" = 'ACTIVE'
        ORDER BY a."workspaceId", a."lastSeenAt" DESC NULLS LAST) latest
      ORDER BY "lastSeenAt" DESC NULLS LAST LIMIT $1`,
    [workspaces],
  );
  const plans = await Promise.all(
    agents.map(async (a) => ({
      workspaceId: a.workspaceId,
      bodies: (await policiesFor(a.workspaceId, a.policyRevision)).compiled.scopes().map(({ action, kind }) => ({
        agent: a.externalId,
        action,
        resource: { kind: kind ?? "arbiter-rehearsal", id: "rehearsal" },
        context: { amount: 1, confidence: 1 },
      })),
    })),
  );
  const done: Rehearsal = { decisions: 0, writes: 0 };
  const store = async (record: DecisionRecord): Promise<never> => {
    if (done.writes < writes) {
      done.writes++;
      await rehearseWrite([record]);
    }
    throw new NotKept();
  };
  for (let round = 0; round < rounds && performance.now() < deadline; round++) {
    for (const { workspaceId, bodies } of plans)
      for (const body of bodies) {
        await decide({ workspaceId, actor: systemActor, apiKeyId: null, body, traceparent: null }, store).catch(
          (error) => {
            if (!(error instanceof NotKept)) throw error;
          },
        );
        done.decisions++;
      }
  }
  return done;
}
