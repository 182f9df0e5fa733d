import "server-only";
import { z } from "zod";
import { db } from "../db";
import { appendAuditEvent, type Actor } from "../audit";
import { Invalid, NotFound } from "../errors";
import { AUTONOMY_LEVELS } from "../policy/schema";
import { announceRevision } from "../db/revisions";

export const agentControlsSchema = z
  .object({
    status: z.enum(["ACTIVE", "SUSPENDED"]).optional(),
    autonomyLevel: z.enum(AUTONOMY_LEVELS).optional(),
    reason: z.string().trim().min(3, "Say why (at least 3 characters).").max(500),
  })
  .refine((v) => v.status !== undefined || v.autonomyLevel !== undefined, "Change the status or the autonomy level.");

/**
 * The kill switch and the autonomy dial: an admin suspends or resumes an agent, or changes its
 * autonomy, always with a reason; the change and its audit event commit together. A suspended
 * agent is denied every decision from the next request on (decisions read the agent each time).
 */
export async function updateAgentControls({
  workspaceId,
  agentId,
  input,
  actor,
}: {
  workspaceId: string;
  agentId: string;
  input: z.input<typeof agentControlsSchema>;
  actor: Actor;
}) {
  const parsed = agentControlsSchema.safeParse(input);
  if (!parsed.success) throw new Invalid(parsed.error.issues[0]!.message);
  const { status, autonomyLevel, reason } = parsed.data;
  const updated = await db().$transaction(async (tx) => {
    const agent = await tx.agent.findFirst({ where: { id: agentId, workspaceId } });
    if (!agent) throw new NotFound("Agent not found.");
    const updated = await tx.agent.update({
      where: { id: agent.id },
      data: {
        ...(status !== undefined ? { status, statusReason: reason } : {}),
        ...(autonomyLevel !== undefined ? { autonomyLevel } : {}),
      },
    });
    if (status !== undefined && status !== agent.status) {
      await appendAuditEvent(tx, {
        workspaceId,
        actor,
        action: status === "SUSPENDED" ? "agent.suspended" : "agent.resumed",
        target: { type: "agent", id: agent.id },
        before: { status: agent.status },
        after: { status },
        metadata: { reason, agent: agent.externalId },
      });
    }
    if (autonomyLevel !== undefined && autonomyLevel !== agent.autonomyLevel) {
      await appendAuditEvent(tx, {
        workspaceId,
        actor,
        action: "agent.autonomy_changed",
        target: { type: "agent", id: agent.id },
        before: { autonomyLevel: agent.autonomyLevel },
        after: { autonomyLevel },
        metadata: { reason, agent: agent.externalId },
      });
    }
    return updated;
  });
  // Decisions on every instance see the kill switch from their next request (this one at once).
  await announceRevision(workspaceId);
  return updated;
}
