// The agent's long-poll: answers as soon as the request is settled (a live event wakes it within
// milliseconds of the approver's click, on any instance), at its deadline (expired), or after
// `waitSeconds` with the request still pending.
import "server-only";
import { approvalsTopic, nextEvent } from "../events/bus";
import { getApprovalView } from "./get-approval";
import type { ApprovalView } from "./approval-rows";

export const MAX_WAIT_SECONDS = 60;

// Re-read at least this often while waiting: an event missed while a listener reconnected costs
// at most this much, not the whole wait.
const RECHECK_MS = 5000;

export async function waitForApproval({
  workspaceId,
  approvalId,
  waitSeconds,
  signal,
}: {
  workspaceId: string;
  approvalId: string;
  waitSeconds: number;
  signal?: AbortSignal;
}): Promise<ApprovalView> {
  const until = Date.now() + Math.min(Math.max(waitSeconds, 0), MAX_WAIT_SECONDS) * 1000;
  for (;;) {
    // Listen before reading, so a decision between the read and the wait is not missed.
    const left = until - Date.now();
    const waiter = nextEvent(
      approvalsTopic(workspaceId),
      (e) => e.approvalId === approvalId,
      Math.min(Math.max(left, 0), RECHECK_MS),
      signal,
    );
    const view = await getApprovalView({ workspaceId, approvalId });
    if (view.status !== "PENDING" || left <= 0 || signal?.aborted) {
      waiter.cancel();
      return view;
    }
    // Wake at the deadline too, to answer EXPIRED on time even if no sweep has run yet.
    const toDeadline = Date.parse(view.expiresAt) - Date.now() + 50;
    const deadline = toDeadline < left ? setTimeout(() => waiter.cancel(), Math.max(toDeadline, 0)) : undefined;
    await waiter.promise;
    clearTimeout(deadline);
    if (Date.now() >= until || signal?.aborted) return getApprovalView({ workspaceId, approvalId });
  }
}
