import "server-only";
import { db } from "../db";

export const agentFields = {
  id: true,
  externalId: true,
  name: true,
  description: true,
  status: true,
  autonomyLevel: true,
  trustScore: true,
  riskTier: true,
  firstSeenAt: true,
  lastSeenAt: true,
  owner: { select: { email: true, name: true } },
} as const;

export function listAgents({ workspaceId }: { workspaceId: string }) {
  return db().agent.findMany({ where: { workspaceId }, select: agentFields, orderBy: { name: "asc" } });
}
