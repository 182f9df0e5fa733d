// Several requests answered at once with one reason or comment: each goes through the same rules
// as a single answer, and the result says which succeeded and why any did not.
import "server-only";
import { AppError } from "../errors";
import { decideApproval, type Decider, type DecideApprovalInput } from "./decide-approval";

export async function bulkDecideApprovals({
  workspaceId,
  approvalIds,
  decider,
  input,
  expected = {},
}: {
  workspaceId: string;
  approvalIds: string[];
  decider: Decider;
  input: Omit<DecideApprovalInput, "changes" | "expectedArgsHash">;
  /** Per request, the argsHash the approver saw. */
  expected?: Record<string, string>;
}) {
  const results: { id: string; ok: boolean; status?: string; message?: string }[] = [];
  // In sequence: each takes one row lock and one audit append; the order is the caller's.
  for (const id of [...new Set(approvalIds)]) {
    try {
      const r = await decideApproval({
        workspaceId,
        approvalId: id,
        decider,
        input: { ...input, ...(expected[id] ? { expectedArgsHash: expected[id] } : {}) },
      });
      results.push({ id, ok: true, status: r.status });
    } catch (error) {
      if (!(error instanceof AppError)) throw error;
      results.push({ id, ok: false, message: error.message });
    }
  }
  return { succeeded: results.filter((r) => r.ok).length, failed: results.filter((r) => !r.ok).length, results };
}
