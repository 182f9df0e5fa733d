// The inbox's server actions as plain definitions (input schema, permission, handler), so tests
// run exactly what actions.ts exposes ("use server" files may export only the actions).
import { z } from "zod";
import { decideApproval, decideApprovalInput } from "@/lib/approvals/decide-approval";
import { bulkDecideApprovals } from "@/lib/approvals/bulk-decide";
import type { WorkspaceAccess } from "@/lib/auth/access";
import type { ActionConfig } from "@/lib/http/server-action";

const decider = (access: WorkspaceAccess) => ({
  userId: access.user.id,
  email: access.user.email,
  role: access.role,
  actor: access.actor,
});

const decideInput = z.object({
  workspace: z.string(),
  approvalId: z.string().min(1).max(64),
  decision: z.enum(["APPROVE", "REJECT"]),
  reason: z.string().max(500).optional(),
  comment: z.string().max(2000).optional(),
  changes: z.unknown().optional(),
  expectedArgsHash: z.string().max(64).optional(),
});

export const decideApprovalDef = {
  config: { input: decideInput, permission: "approvals:decide" } satisfies ActionConfig<typeof decideInput>,
  handler: async (input: z.infer<typeof decideInput>, access: WorkspaceAccess) => {
    const { approvalId, decision, reason, comment, changes, expectedArgsHash } = input;
    const result = await decideApproval({
      workspaceId: access.workspace.id,
      approvalId,
      decider: decider(access),
      input: {
        decision,
        reason,
        comment,
        expectedArgsHash,
        changes: changes as z.input<typeof decideApprovalInput>["changes"],
      },
    });
    return { status: result.status, approvals: result.approvals, quorum: result.quorum };
  },
};

const bulkInput = z.object({
  workspace: z.string(),
  approvalIds: z.array(z.string().min(1).max(64)).min(1).max(100),
  decision: z.enum(["APPROVE", "REJECT"]),
  reason: z.string().max(500).optional(),
  comment: z.string().max(2000).optional(),
  expected: z.record(z.string().max(64), z.string().max(64)).optional(),
});

export const bulkDecideDef = {
  config: { input: bulkInput, permission: "approvals:decide" } satisfies ActionConfig<typeof bulkInput>,
  handler: async (input: z.infer<typeof bulkInput>, access: WorkspaceAccess) =>
    bulkDecideApprovals({
      workspaceId: access.workspace.id,
      approvalIds: input.approvalIds,
      decider: decider(access),
      input: { decision: input.decision, reason: input.reason, comment: input.comment },
      ...(input.expected ? { expected: input.expected } : {}),
    }),
};
