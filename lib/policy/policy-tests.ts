// Saved test cases: a decision request and the outcome the workspace's policies must give it.
// They run against the set a draft would publish on every save, and a failing one blocks the
// publish (publish-draft.ts).
import "server-only";
import { z } from "zod";
import { db } from "../db";
import { appendAuditEvent, type Actor } from "../audit";
import { Conflict, Invalid, NotFound } from "../errors";
import type { CompiledPolicies, Outcome, Reason } from "./evaluate";
import { evaluateFor, loadAgents, parseDecisionRequest, unknownAgent } from "../decisions/evaluate-request";
import { decisionRequestSchema } from "./request";
import { policiesFor } from "./policy-cache";
import { candidateSources, withCompiled } from "./candidate";

export const OUTCOMES = ["ALLOW", "DENY", "REQUIRE_APPROVAL"] as const satisfies readonly Outcome[];

export const policyTestInput = z.object({
  name: z.string().trim().min(1, "Name the test.").max(120),
  request: z.string().max(20_000),
  expected: z.enum(OUTCOMES),
});

export interface TestResult {
  id: string;
  name: string;
  expected: Outcome;
  /** The saved request, as stored (what the editor lets people edit). */
  request: unknown;
  /** null when the request could not be evaluated (its agent is gone, say). */
  actual: Outcome | null;
  passed: boolean;
  reasons: Reason[];
  error: string | null;
}

export function listPolicyTests({ workspaceId }: { workspaceId: string }) {
  return db().policyTest.findMany({
    where: { workspaceId },
    orderBy: { name: "asc" },
    select: { id: true, name: true, request: true, expected: true, createdAt: true },
  });
}

/** The saved tests with their requests read and their agents loaded, ready to evaluate. */
async function prepareTests(workspaceId: string) {
  const tests = await listPolicyTests({ workspaceId });
  const requests = tests.map((t) => decisionRequestSchema.safeParse(t.request));
  const agents = await loadAgents(
    workspaceId,
    requests.flatMap((r) => (r.success ? [r.data.agent] : [])),
  );
  return { tests, requests, agents };
}

function judge({ tests, requests, agents }: Awaited<ReturnType<typeof prepareTests>>, compiled: CompiledPolicies) {
  return tests.map((test, i): TestResult => {
    const base = { id: test.id, name: test.name, expected: test.expected, request: test.request };
    const request = requests[i]!;
    if (!request.success) {
      return { ...base, actual: null, passed: false, reasons: [], error: "The saved request no longer validates." };
    }
    const agent = agents.get(request.data.agent);
    if (!agent)
      return { ...base, actual: null, passed: false, reasons: [], error: unknownAgent(request.data.agent).message };
    const result = evaluateFor(compiled, request.data, agent);
    return {
      ...base,
      actual: result.outcome,
      passed: result.outcome === test.expected,
      reasons: result.reasons,
      error: result.errors.length ? result.errors.join("; ") : null,
    };
  });
}

/** Runs every saved test against a compiled set. */
export async function runPolicyTests(workspaceId: string, compiled: CompiledPolicies): Promise<TestResult[]> {
  return judge(await prepareTests(workspaceId), compiled);
}

/** The saved tests against the published set (what the policies page shows). */
export async function publishedTestResults(workspaceId: string): Promise<TestResult[]> {
  const workspace = await db().workspace.findUnique({ where: { id: workspaceId }, select: { policyRevision: true } });
  if (!workspace) throw new NotFound("No such workspace.");
  const prepared = await prepareTests(workspaceId);
  // The published set is taken last and evaluated at once, as a decision does.
  const published = await policiesFor(workspaceId, workspace.policyRevision);
  return judge(prepared, published.compiled);
}

/**
 * The saved tests against what publishing this policy's draft would put in force (the published
 * set when it has no draft, or a draft that does not validate yet): the editor shows them there,
 * next to the publish they block. `against` says which it was.
 */
export async function draftTestResults(
  workspaceId: string,
  policyId: string,
): Promise<{ against: "draft" | "published"; results: TestResult[] }> {
  const policy = await db().policy.findFirst({ where: { id: policyId, workspaceId }, select: { draftSource: true } });
  if (!policy) throw new NotFound("No such policy in this workspace.");
  if (policy.draftSource === null) return { against: "published", results: await publishedTestResults(workspaceId) };
  const sources = await candidateSources(workspaceId, { policyId, source: policy.draftSource }).catch((error) => {
    if (error instanceof Invalid) return null;
    throw error;
  });
  if (!sources) return { against: "published", results: await publishedTestResults(workspaceId) };
  const prepared = await prepareTests(workspaceId);
  return { against: "draft", results: await withCompiled(sources, (compiled) => judge(prepared, compiled)) };
}

/** Reads and checks a test's input: its request as the decision endpoint would take it, its agent known. */
async function checkedTest(workspaceId: string, input: z.input<typeof policyTestInput>) {
  const parsed = policyTestInput.safeParse(input);
  if (!parsed.success) throw new Invalid(parsed.error.issues[0]!.message);
  let body: unknown;
  try {
    body = JSON.parse(parsed.data.request);
  } catch {
    throw new Invalid("The test's request is not valid JSON.");
  }
  const request = parseDecisionRequest(body);
  const agent = (await loadAgents(workspaceId, [request.agent])).get(request.agent);
  if (!agent) throw unknownAgent(request.agent);
  return { name: parsed.data.name, expected: parsed.data.expected, request };
}

/** Changes a saved test (its name, request or expected outcome), audited with before and after. */
export async function updatePolicyTest({
  workspaceId,
  testId,
  input,
  actor,
}: {
  workspaceId: string;
  testId: string;
  input: z.input<typeof policyTestInput>;
  actor: Actor;
}) {
  const next = await checkedTest(workspaceId, input);
  return db().$transaction(async (tx) => {
    const test = await tx.policyTest.findFirst({ where: { id: testId, workspaceId } });
    if (!test) throw new NotFound("No such test in this workspace.");
    const clash = await tx.policyTest.findFirst({ where: { workspaceId, name: next.name, id: { not: test.id } } });
    if (clash) throw new Conflict(`A test named "${next.name}" exists already.`);
    const updated = await tx.policyTest.update({
      where: { id: test.id },
      data: { name: next.name, expected: next.expected, request: JSON.parse(JSON.stringify(next.request)) },
    });
    await appendAuditEvent(tx, {
      workspaceId,
      actor,
      action: "policy_test.updated",
      target: { type: "policy_test", id: test.id },
      before: { name: test.name, expected: test.expected, request: test.request },
      after: { name: updated.name, expected: updated.expected, request: next.request },
    });
    return updated;
  });
}

export async function createPolicyTest({
  workspaceId,
  input,
  actor,
  userId,
}: {
  workspaceId: string;
  input: z.input<typeof policyTestInput>;
  actor: Actor;
  userId: string | null;
}) {
  const { name, expected, request } = await checkedTest(workspaceId, input);
  return db().$transaction(async (tx) => {
    const clash = await tx.policyTest.findFirst({ where: { workspaceId, name } });
    if (clash) throw new Conflict(`A test named "${name}" exists already.`);
    const test = await tx.policyTest.create({
      data: {
        workspaceId,
        name,
        // Stored as the schema reads it (defaults filled in), so a later reading cannot differ.
        request: JSON.parse(JSON.stringify(request)),
        expected,
        createdById: userId,
      },
    });
    await appendAuditEvent(tx, {
      workspaceId,
      actor,
      action: "policy_test.created",
      target: { type: "policy_test", id: test.id },
      after: { name: test.name, expected: test.expected, request },
    });
    return test;
  });
}

export async function deletePolicyTest({
  workspaceId,
  testId,
  actor,
}: {
  workspaceId: string;
  testId: string;
  actor: Actor;
}) {
  await db().$transaction(async (tx) => {
    const test = await tx.policyTest.findFirst({ where: { id: testId, workspaceId } });
    if (!test) throw new NotFound("No such test in this workspace.");
    await tx.policyTest.delete({ where: { id: test.id } });
    await appendAuditEvent(tx, {
      workspaceId,
      actor,
      action: "policy_test.deleted",
      target: { type: "policy_test", id: test.id },
      before: { name: test.name, expected: test.expected, request: test.request },
    });
  });
}
