// Tells inboxes and waiting agents that an approval changed (after its transaction committed),
// and wakes the outbox so a webhook goes out at once rather than on the next sweep.
import "server-only";
import { approvalsTopic, publish } from "../events/bus";
import { kickJob } from "../jobs/scheduler";

export type ApprovalChange =
  "opened" | "voted" | "approved" | "rejected" | "expired" | "escalated" | "cancelled" | "token_used";

/** The changes that put a webhook in the outbox. */
const WEBHOOK_CHANGES = new Set<ApprovalChange>(["approved", "rejected", "expired", "escalated"]);

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
  if (WEBHOOK_CHANGES.has(change)) setImmediate(() => kickJob("outbox"));
}
