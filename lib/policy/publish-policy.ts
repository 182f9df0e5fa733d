import "server-only";
import type { Tx } from "../db";
import { db } from "../db";
import { appendAuditEvent, type Actor } from "../audit";
import { Invalid } from "../errors";
import { policyErrors } from "./evaluate";
import { invalidatePolicies } from "./policy-cache";
import { announceRevision } from "../db/revisions";

/**
 * Publishes `source` as the policy's next immutable version, inside the caller's transaction:
 * the version, the policy's active pointer, the workspace's policy revision (which every
 * server's decision cache compares) and the audit event commit together.
 */
export async function publishPolicyTx(
  tx: Tx,
  {
    workspaceId,
    policyId,
    source,
    message,
    actor,
    authorId,
    rollbackOf,
  }: {
    workspaceId: string;
    policyId: string;
    source: string;
    message: string;
    actor: Actor;
    authorId: string | null;
    /** The earlier version whose source this republishes. */
    rollbackOf?: number;
  },
) {
  // Validation parses too: a policy that does not parse fails here with Cedar's parse error.
  const problems = policyErrors(source);
  if (problems.length) throw new Invalid(`The policy does not validate: ${problems[0]!.message}`);
  const policy = await tx.policy.findFirst({ where: { id: policyId, workspaceId } });
  if (!policy) throw new Invalid("No such policy in this workspace.");
  const last = await tx.policyVersion.findFirst({ where: { policyId }, orderBy: { version: "desc" } });
  await tx.policyVersion.updateMany({ where: { policyId, status: "ACTIVE" }, data: { status: "ARCHIVED" } });
  const version = await tx.policyVersion.create({
    data: { policyId, workspaceId, version: (last?.version ?? 0) + 1, source, message, authorId, status: "ACTIVE" },
  });
  await tx.policy.update({ where: { id: policyId }, data: { activeVersionId: version.id } });
  await tx.workspace.update({ where: { id: workspaceId }, data: { policyRevision: { increment: 1 } } });
  await appendAuditEvent(tx, {
    workspaceId,
    actor,
    action: "policy.published",
    target: { type: "policy", id: policyId },
    before: last ? { version: last.version } : null,
    after: {
      name: policy.name,
      set: policy.set,
      mode: policy.mode,
      version: version.version,
      message,
      ...(rollbackOf !== undefined ? { rollbackOf } : {}),
    },
  });
  return version;
}

export async function publishPolicy(input: Parameters<typeof publishPolicyTx>[1]) {
  const version = await db().$transaction((tx) => publishPolicyTx(tx, input));
  invalidatePolicies(input.workspaceId);
  await announceRevision(input.workspaceId);
  return version;
}

/** A new policy (draft-free: created with its first published version). */
export async function createPolicyTx(
  tx: Tx,
  input: {
    workspaceId: string;
    name: string;
    description: string | null;
    set: "GUARDRAILS" | "APPROVALS";
    mode?: "ENFORCE" | "SHADOW";
    source: string;
    message: string;
    actor: Actor;
    authorId: string | null;
  },
) {
  const policy = await tx.policy.create({
    data: {
      workspaceId: input.workspaceId,
      name: input.name,
      description: input.description,
      set: input.set,
      mode: input.mode ?? "ENFORCE",
    },
  });
  await publishPolicyTx(tx, { ...input, policyId: policy.id });
  return policy;
}
