// The inbox's reads: the requests that wait for this member (routed to their role, not their own
// agent's, not yet answered by them), all pending, decided or expired — filtered by agent,
// policy, risk and age — and the count the sidebar shows.
import "server-only";
import { z } from "zod";
import { db, type PrismaNS } from "../db";
import { can, type Role } from "../auth/permissions";
import { RISK_TIERS } from "../policy/schema";
import { DECIDING_ROLES } from "./routing";

export const INBOX_VIEWS = ["mine", "pending", "decided", "expired"] as const;
export const AGE_FILTERS = { "15m": 15, "1h": 60, "4h": 240, "24h": 1440 } as const;

export const inboxQuery = z.object({
  view: z.enum(INBOX_VIEWS).default("mine"),
  agent: z.string().min(1).max(512).optional(),
  policy: z.string().min(1).max(100).optional(),
  risk: z.enum(RISK_TIERS).optional(),
  /** Waiting longer than this. */
  age: z.enum(Object.keys(AGE_FILTERS) as [keyof typeof AGE_FILTERS]).optional(),
  limit: z.coerce.number().int().min(1).max(200).default(100),
});

export type InboxQuery = z.output<typeof inboxQuery>;

interface Member {
  userId: string;
  role: Role;
}

/** What waits for this member, as a Prisma filter (waitsFor in routing.ts, in SQL). */
function waitingFor(member: Member, now: Date): PrismaNS.ApprovalRequestWhereInput | null {
  if (!can(member.role, "approvals:decide")) return null;
  const others = DECIDING_ROLES.filter((r) => r !== "ADMIN");
  const routing: PrismaNS.ApprovalRequestWhereInput =
    member.role === "ADMIN"
      ? { OR: [{ routedTo: null }, { routedTo: { notIn: others } }, { escalatedAt: { not: null } }] }
      : { routedTo: member.role };
  return {
    status: "PENDING",
    expiresAt: { gt: now },
    votes: { none: { userId: member.userId } },
    OR: [{ agentId: null }, { agent: { OR: [{ ownerId: null }, { ownerId: { not: member.userId } }] } }],
    AND: [routing],
  };
}

function whereFor(workspaceId: string, member: Member, query: InboxQuery, now: Date) {
  const filters: PrismaNS.ApprovalRequestWhereInput[] = [
    query.agent ? { agent: { externalId: query.agent } } : {},
    query.policy ? { policyId: query.policy } : {},
    query.risk ? { risk: query.risk } : {},
    query.age ? { createdAt: { lte: new Date(now.getTime() - AGE_FILTERS[query.age] * 60_000) } } : {},
  ];
  let view: PrismaNS.ApprovalRequestWhereInput | null;
  switch (query.view) {
    case "mine":
      view = waitingFor(member, now);
      break;
    case "pending":
      view = { status: "PENDING", expiresAt: { gt: now } };
      break;
    case "decided":
      view = { status: { in: ["APPROVED", "REJECTED", "CANCELLED"] } };
      break;
    case "expired":
      view = { OR: [{ status: "EXPIRED" }, { status: "PENDING", expiresAt: { lte: now } }] };
      break;
  }
  return view ? { workspaceId, AND: [view, ...filters] } : null;
}

export async function listApprovals({
  workspaceId,
  member,
  query: input,
  now = new Date(),
}: {
  workspaceId: string;
  member: Member;
  query: z.input<typeof inboxQuery>;
  now?: Date;
}) {
  const query = inboxQuery.parse(input);
  const where = whereFor(workspaceId, member, query, now);
  if (!where) return [];
  const pending = query.view === "mine" || query.view === "pending";
  const rows = await db().approvalRequest.findMany({
    where,
    orderBy: pending
      ? [{ expiresAt: "asc" }, { id: "asc" }]
      : [{ decidedAt: { sort: "desc", nulls: "last" } }, { id: "desc" }],
    take: query.limit,
    select: {
      id: true,
      action: true,
      params: true,
      context: true,
      risk: true,
      reason: true,
      policyId: true,
      policyVersion: true,
      routedTo: true,
      quorum: true,
      status: true,
      createdAt: true,
      expiresAt: true,
      escalatedAt: true,
      decidedAt: true,
      decisionReason: true,
      approvedArgsHash: true,
      approvedRequest: true,
      argsHash: true,
      agent: { select: { id: true, externalId: true, name: true, ownerId: true } },
      decidedBy: { select: { email: true } },
      votes: { select: { userId: true, vote: true, argsHash: true } },
    },
  });
  return rows.map((r) => {
    const binding = r.approvedArgsHash ?? r.argsHash;
    const resource = r.params as { kind?: string; id?: string };
    // What is up for approval now: an earlier approver's edit, or the request as asked.
    const context = ((r.approvedRequest as { context?: unknown } | null)?.context ?? r.context) as {
      amount?: number;
      currency?: string;
    };
    return {
      id: r.id,
      agent: r.agent ? { id: r.agent.id, externalId: r.agent.externalId, name: r.agent.name } : null,
      action: r.action,
      resource: `${resource.kind ?? "?"}:${resource.id ?? "?"}`,
      amount: context.amount ?? null,
      currency: context.currency ?? null,
      risk: r.risk,
      reason: r.reason,
      policyId: r.policyId,
      policyVersion: r.policyVersion,
      routedTo: r.routedTo,
      quorum: r.quorum,
      argsHash: binding,
      edited: r.approvedArgsHash !== null && r.approvedArgsHash !== r.argsHash,
      approvals: r.votes.filter((v) => v.vote === "APPROVE" && v.argsHash === binding).length,
      status: r.status === "PENDING" && r.expiresAt <= now ? ("EXPIRED" as const) : r.status,
      createdAt: r.createdAt.toISOString(),
      expiresAt: r.expiresAt.toISOString(),
      escalatedAt: r.escalatedAt?.toISOString() ?? null,
      decidedAt: r.decidedAt?.toISOString() ?? null,
      decidedBy: r.decidedBy?.email ?? null,
      decisionReason: r.decisionReason,
      ownAgent: r.agent?.ownerId === member.userId,
      answered: r.votes.some((v) => v.userId === member.userId),
    };
  });
}

export type InboxRow = Awaited<ReturnType<typeof listApprovals>>[number];

/** How many requests wait for this member (the sidebar's count). */
export async function countWaiting({ workspaceId, member }: { workspaceId: string; member: Member }) {
  const where = whereFor(workspaceId, member, inboxQuery.parse({ view: "mine" }), new Date());
  return where ? db().approvalRequest.count({ where }) : 0;
}

/** How many requests of the workspace are pending (before their deadline). */
export function countPending({ workspaceId }: { workspaceId: string }) {
  return db().approvalRequest.count({ where: { workspaceId, status: "PENDING", expiresAt: { gt: new Date() } } });
}
