// Tells inboxes and waiting agents that an approval changed (after its transaction committed),
// and wakes the outbox so a webhook goes out at once rather than on the next sweep.
import "server-only";
import { approvalsTopic, publish } from "../events/bus";
import { kickJob } from "../jobs/scheduler";

export type ApprovalChange =
  "opened" | "voted" | "approved" | "rejected" | "expired" | "escalated" | "cancelled" | "token_used";

export async function announceApproval({
  workspaceId,
  approvalId,
  status,
  change,
}: {
  workspaceId: string;
  approvalId: string;
  status: string;
  change: ApprovalChange;
}) {
  await publish({ topic: approvalsTopic(workspaceId), approvalId, status, change });
  // After this request's answer and the woken long-polls have gone out (on PGlite one thread does all).
  if (change !== "opened" && change !== "voted" && change !== "token_used" && change !== "cancelled")
    setImmediate(() => kickJob("outbox"));
}
