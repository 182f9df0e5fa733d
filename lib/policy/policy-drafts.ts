// The editing life of a policy: create it, save drafts (which never affect decisions), publish a
// draft or roll back to an earlier version (each an immutable new version, refused while a saved
// test fails), and switch it between enforce and shadow. Every change is audited in its transaction.
import "server-only";
import { z } from "zod";
import { db, type Tx } from "../db";
import { appendAuditEvent, type Actor } from "../audit";
import { Conflict, Invalid, NotFound } from "../errors";
import { candidateSources, withCompiled } from "./candidate";
import { validatePolicy, type PolicyProblem } from "./evaluate";
import { invalidatePolicies } from "./policy-cache";
import { runPolicyTests, type TestResult } from "./policy-tests";
import { publishPolicyTx } from "./publish-policy";
import { announceRevision } from "../db/revisions";

export const MAX_POLICY_SOURCE = 100_000;

// A new draft validates cleanly and applies to nothing until it is edited: its condition names a
// resource kind no agent sends (`when { false }` would do the same but draws Cedar's "policy is
// impossible" warning on a draft nobody has touched yet).
export const NEW_POLICY_SOURCE = {
  GUARDRAILS: `@message("Describe what this guardrail forbids.")
forbid (principal, action, resource)
when { resource.kind == "replace-with-a-resource-kind" };
`,
  APPROVALS: `@message("Describe what this approval holds for a human.")
@route("APPROVER")
@timeout("1h")
permit (principal, action, resource)
when { resource.kind == "replace-with-a-resource-kind" };
`,
};

export const newPolicyInput = z.object({
  name: z
    .string()
    .trim()
    .regex(/^[a-z0-9][a-z0-9-]{0,62}$/, "Use lowercase letters, digits and dashes (at most 63)."),
  set: z.enum(["GUARDRAILS", "APPROVALS"]),
  description: z.string().trim().max(500).optional(),
});

async function findPolicy(tx: Tx, workspaceId: string, policyId: string) {
  const policy = await tx.policy.findFirst({ where: { id: policyId, workspaceId } });
  if (!policy) throw new NotFound("No such policy in this workspace.");
  return policy;
}

const NO_DRAFT = { draftSource: null, draftAuthorId: null, draftUpdatedAt: null };

function checkLength(source: string) {
  if (source.length > MAX_POLICY_SOURCE) throw new Invalid(`A policy is at most ${MAX_POLICY_SOURCE} characters.`);
}

/** A new policy with a starting draft; it takes part in decisions once its first version is published. */
export async function createPolicy({
  workspaceId,
  input,
  actor,
  userId,
}: {
  workspaceId: string;
  input: z.input<typeof newPolicyInput>;
  actor: Actor;
  userId: string | null;
}) {
  const parsed = newPolicyInput.safeParse(input);
  if (!parsed.success) throw new Invalid(parsed.error.issues[0]!.message);
  const { name, set, description } = parsed.data;
  return db().$transaction(async (tx) => {
    if (await tx.policy.findFirst({ where: { workspaceId, name } })) {
      throw new Conflict(`A policy named "${name}" exists already.`);
    }
    const policy = await tx.policy.create({
      data: {
        workspaceId,
        name,
        set,
        description: description || null,
        draftSource: NEW_POLICY_SOURCE[set],
        draftAuthorId: userId,
        draftUpdatedAt: new Date(),
      },
    });
    await appendAuditEvent(tx, {
      workspaceId,
      actor,
      action: "policy.created",
      target: { type: "policy", id: policy.id },
      after: { name, set, description: policy.description },
    });
    return policy;
  });
}

export interface DraftCheck {
  problems: PolicyProblem[];
  /** null when the draft has errors (nothing to run the tests against). */
  tests: TestResult[] | null;
}

/** Validates `source` and runs the saved tests against the set publishing it would put in force. */
export async function checkDraft(workspaceId: string, policyId: string, source: string): Promise<DraftCheck> {
  const problems = validatePolicy(source);
  if (problems.some((p) => p.severity === "error")) return { problems, tests: null };
  const sources = await candidateSources(workspaceId, { policyId, source }, problems);
  const tests = await withCompiled(sources, (compiled) => runPolicyTests(workspaceId, compiled));
  return { problems, tests };
}

/** Saves the working copy (even one with errors: work is never lost) and checks it. */
export async function saveDraft({
  workspaceId,
  policyId,
  source,
  actor,
  userId,
}: {
  workspaceId: string;
  policyId: string;
  source: string;
  actor: Actor;
  userId: string | null;
}): Promise<DraftCheck> {
  checkLength(source);
  await db().$transaction(async (tx) => {
    const policy = await findPolicy(tx, workspaceId, policyId);
    await tx.policy.update({
      where: { id: policy.id },
      data: { draftSource: source, draftAuthorId: userId, draftUpdatedAt: new Date() },
    });
    await appendAuditEvent(tx, {
      workspaceId,
      actor,
      action: "policy.draft_saved",
      target: { type: "policy", id: policy.id },
      after: { name: policy.name, length: source.length },
    });
  });
  return checkDraft(workspaceId, policyId, source);
}

export async function discardDraft({
  workspaceId,
  policyId,
  actor,
}: {
  workspaceId: string;
  policyId: string;
  actor: Actor;
}) {
  await db().$transaction(async (tx) => {
    const policy = await findPolicy(tx, workspaceId, policyId);
    if (!policy.activeVersionId) throw new Invalid("This policy has never been published: its draft is all there is.");
    await tx.policy.update({
      where: { id: policy.id },
      data: NO_DRAFT,
    });
    await appendAuditEvent(tx, {
      workspaceId,
      actor,
      action: "policy.draft_discarded",
      target: { type: "policy", id: policy.id },
      after: { name: policy.name },
    });
  });
}

function failingTests(tests: TestResult[]) {
  const failing = tests.filter((t) => !t.passed);
  if (!failing.length) return null;
  const list = failing
    .map((t) => `"${t.name}" (expected ${t.expected}, got ${t.actual ?? t.error ?? "an error"})`)
    .join(", ");
  return `Publishing is blocked: ${failing.length} saved test${failing.length === 1 ? "" : "s"} fail${failing.length === 1 ? "s" : ""} — ${list}.`;
}

/**
 * Publishes `source` as the policy's next version — after validation and only when every saved
 * test passes against the set it would put in force — and clears the draft.
 */
async function publishChecked({
  workspaceId,
  policyId,
  source,
  message,
  actor,
  userId,
  rollbackOf,
}: {
  workspaceId: string;
  policyId: string;
  source: string;
  message: string;
  actor: Actor;
  userId: string | null;
  rollbackOf?: number;
}) {
  const policy = await db().policy.findFirst({
    where: { id: policyId, workspaceId },
    select: { activeVersion: { select: { version: true, source: true } } },
  });
  if (!policy) throw new NotFound("No such policy in this workspace.");
  if (policy.activeVersion?.source === source) {
    throw new Invalid(`Nothing to publish: version ${policy.activeVersion.version}, in force, has this source.`);
  }
  const { problems, tests } = await checkDraft(workspaceId, policyId, source);
  const error = problems.find((p) => p.severity === "error");
  if (error || !tests) throw new Invalid(`The policy does not validate: ${error?.message}`);
  const blocked = failingTests(tests);
  if (blocked) throw new Conflict(blocked);
  const version = await db().$transaction(async (tx) => {
    const published = await publishPolicyTx(tx, {
      workspaceId,
      policyId,
      source,
      message,
      actor,
      authorId: userId,
      ...(rollbackOf !== undefined ? { rollbackOf } : {}),
    });
    await tx.policy.update({ where: { id: policyId }, data: NO_DRAFT });
    return published;
  });
  invalidatePolicies(workspaceId);
  await announceRevision(workspaceId);
  return { version: version.version, tests };
}

const publishMessage = z.string().trim().min(3, "Say what changed (at least 3 characters).").max(500);

export async function publishDraft(input: {
  workspaceId: string;
  policyId: string;
  source: string;
  message: string;
  actor: Actor;
  userId: string | null;
}) {
  const message = publishMessage.safeParse(input.message);
  if (!message.success) throw new Invalid(message.error.issues[0]!.message);
  checkLength(input.source);
  return publishChecked({ ...input, message: message.data });
}

/** Publishes an earlier version's source as a new version (history is never rewritten). */
export async function rollbackPolicy({
  workspaceId,
  policyId,
  versionId,
  actor,
  userId,
}: {
  workspaceId: string;
  policyId: string;
  versionId: string;
  actor: Actor;
  userId: string | null;
}) {
  const target = await db().policyVersion.findFirst({ where: { id: versionId, policyId, workspaceId } });
  if (!target) throw new NotFound("No such version of this policy.");
  // Rolling back to the version in force (or to its source) is refused as nothing to publish.
  return publishChecked({
    workspaceId,
    policyId,
    source: target.source,
    message: `Roll back to version ${target.version}`,
    actor,
    userId,
    rollbackOf: target.version,
  });
}

/** Enforce or shadow (evaluated and logged, never changing an outcome); in force at once everywhere. */
export async function setPolicyMode({
  workspaceId,
  policyId,
  mode,
  reason,
  actor,
}: {
  workspaceId: string;
  policyId: string;
  mode: "ENFORCE" | "SHADOW";
  /** Why: a switch changes what every decision does at once, so it is recorded with its reason. */
  reason: string;
  actor: Actor;
}) {
  const why = reason.trim();
  if (!why) throw new Invalid("Say why the policy's mode changes: the reason is kept in the audit trail.");
  await db().$transaction(async (tx) => {
    const policy = await findPolicy(tx, workspaceId, policyId);
    if (policy.mode === mode) return;
    await tx.policy.update({ where: { id: policy.id }, data: { mode } });
    await tx.workspace.update({ where: { id: workspaceId }, data: { policyRevision: { increment: 1 } } });
    await appendAuditEvent(tx, {
      workspaceId,
      actor,
      action: "policy.mode_changed",
      target: { type: "policy", id: policy.id },
      before: { mode: policy.mode },
      after: { name: policy.name, mode },
      metadata: { reason: why },
    });
  });
  invalidatePolicies(workspaceId);
  await announceRevision(workspaceId);
}
