// Demo decisions: the demo agents ask the real decision engine before acting, over the same 30
// days as the demo traces, and the demo approvers answer the held ones, so the decisions log, the
// approvals history, a live inbox and the policy editor's impact analysis have something to show.
import "server-only";
import { db } from "../db";
import { systemActor, userActor } from "../audit";
import type { Role } from "../auth/permissions";
import { decide } from "../decisions/decide";
import { decideApproval, type DecideApprovalInput } from "../approvals/decide-approval";
import { expireDueApprovals } from "../approvals/expire-approvals";
import { DECIDING_ROLES, roleMayDecide } from "../approvals/routing";
import { seededRandom, type Random } from "./scenarios";

type Request = { agent: string; action: string; resource: Record<string, unknown>; context: Record<string, unknown> };

const round = (n: number, digits = 2) => Math.round(n * 10 ** digits) / 10 ** digits;
const nth = <T>(u: number, items: readonly T[]) => items[Math.floor(u * items.length)]!;
const pick = <T>(r: Random, items: readonly T[]) => nth(r(), items);

const REQUESTS: Record<string, (r: Random, i: number) => Request> = {
  "customer-support": (r, i) => {
    const roll = r();
    if (roll < 0.55) {
      return {
        agent: "refund-agent",
        action: "refund",
        resource: { kind: "order", id: `o-${10_000 + i}`, riskTier: "MEDIUM", dataClass: "confidential" },
        context: { amount: round(8 + r() * 892), currency: "USD", confidence: round(0.55 + r() * 0.45) },
      };
    }
    if (roll < 0.85) {
      return {
        agent: "kb-answerer",
        action: "read",
        resource: { kind: "article", id: `kb-${Math.floor(r() * 400)}`, dataClass: "public" },
        context: {},
      };
    }
    const action = pick(r, ["send_message", "delete"] as const);
    return {
      agent: "triage-agent",
      action,
      resource: { kind: "ticket", id: `t-${20_000 + i}`, destructive: action === "delete" && r() < 0.7 },
      context: {},
    };
  },
  procurement: (r, i) => {
    const roll = r();
    if (roll < 0.6) {
      return {
        agent: "purchaser",
        action: "purchase",
        resource: {
          kind: "vendor",
          id: pick(r, ["acme-supplies", "globex", "initech", "umbrella-corp", "hooli"] as const),
          riskTier: "HIGH",
          blacklisted: r() < 0.08,
        },
        context: { amount: round(100 + r() ** 2 * 90_000), currency: "USD" },
      };
    }
    if (roll < 0.85) {
      return {
        agent: "vendor-checker",
        action: pick(r, ["read", "read", "write"] as const),
        resource: { kind: "vendor-record", id: `v-${Math.floor(r() * 200)}`, environment: "production" },
        context: {},
      };
    }
    return {
      agent: "procurement-planner",
      action: "delegate",
      resource: { kind: "agent", id: "purchaser" },
      context: { reason: `Sourcing plan ${i}` },
    };
  },
  research: (r, i) => {
    const roll = r();
    if (roll < 0.6) {
      return {
        agent: "researcher",
        action: "call_tool",
        resource: { kind: "tool", id: pick(r, ["web_search", "fetch_page", "arxiv_search"] as const) },
        context: {},
      };
    }
    return {
      agent: roll < 0.85 ? "summarizer" : "research-planner",
      action: roll < 0.85 ? "write" : "delegate",
      resource: { kind: "document", id: `brief-${i}`, environment: pick(r, ["staging", "production"] as const) },
      context: {},
    };
  },
};

const DAY_MS = 86_400_000;
const DAYS_BACK = 30;
/** Requests held within this window stay pending (their deadline is still ahead): the live inbox. */
const LIVE_MS = 3 * 3_600_000;
/** The share of each workspace's decisions taken within LIVE_MS, as if the agents were busy now. */
const LIVE_SHARE = 0.08;

/**
 * When each of `count` decisions was taken, oldest first: spread over the last 30 days, the
 * newest few within the last LIVE_MS, none later than a minute ago.
 */
function decisionTimes(r: Random, count: number, now: number): Date[] {
  const live = Math.min(count, Math.round(count * LIVE_SHARE));
  const ages = Array.from({ length: count }, (_, i) =>
    i < live ? 60_000 + r() * (LIVE_MS - 120_000) : LIVE_MS + r() * (DAYS_BACK * DAY_MS - LIVE_MS),
  );
  return ages.sort((a, b) => b - a).map((age) => new Date(now - age));
}

/** `perWorkspace` decisions per demo workspace, through the same path the HTTP endpoint takes. */
export async function seedDemoDecisions({ perWorkspace }: { perWorkspace: number }) {
  let total = 0;
  const now = Date.now();
  for (const [slug, next] of Object.entries(REQUESTS)) {
    const workspace = await db().workspace.findUnique({ where: { slug }, select: { id: true } });
    if (!workspace) continue;
    const r = seededRandom(slug.length * 104_729);
    const bodies = Array.from({ length: perWorkspace }, (_, i) => next(r, i));
    const times = decisionTimes(seededRandom(slug.length * 15_485_863), perWorkspace, now);
    // Concurrently, a batch at a time: the decision writer commits each batch as one group.
    for (let i = 0; i < bodies.length; i += 25) {
      await Promise.all(
        bodies.slice(i, i + 25).map((body, j) =>
          decide({
            workspaceId: workspace.id,
            actor: systemActor,
            apiKeyId: null,
            body,
            traceparent: null,
            at: times[i + j]!,
          }),
        ),
      );
    }
    await settleDemoApprovals({ workspaceId: workspace.id, seed: slug.length * 7_727, now: new Date(now) });
    total += bodies.length;
  }
  // The requests settleDemoApprovals left to lapse: their deadlines passed long ago.
  await expireDueApprovals();
  return total;
}

const APPROVE_COMMENTS = [
  "Checked the order history; refund is fine.",
  "Item arrived damaged, photos attached to the ticket.",
  "Long-standing customer, approved as a goodwill gesture.",
  "Carrier confirmed the parcel was lost.",
  "Matches the return we received at the warehouse.",
];
const PARTIAL_COMMENTS = [
  "Partial refund: only the damaged items.",
  "Refunding the item, not the express shipping.",
  "Half refund agreed with the customer on the phone.",
];
const REJECT_REASONS = [
  "Customer has a history of chargebacks",
  "Duplicate of an earlier refund",
  "Outside the 30-day return window",
  "Tracking shows the parcel was delivered and signed for",
  "Already refunded through the payments desk",
];

type Member = { userId: string; email: string; role: Role };

/**
 * Answers a workspace's held requests the way its approvers would have: each older request is
 * approved (now and then for a smaller amount) or rejected, as of a moment before its deadline,
 * by a member it is routed to; about one in ten is left to lapse (expireDueApprovals then
 * expires it), and those held within the last LIVE_MS stay pending for the inbox. Returns how
 * many it answered, left to lapse and left pending.
 */
export async function settleDemoApprovals({
  workspaceId,
  seed,
  now,
}: {
  workspaceId: string;
  seed: number;
  now: Date;
}) {
  const members: Member[] = (
    await db().membership.findMany({
      where: { workspaceId, role: { in: DECIDING_ROLES } },
      select: { role: true, user: { select: { id: true, email: true } } },
      orderBy: { user: { email: "asc" } },
    })
  ).map((m) => ({ userId: m.user.id, email: m.user.email, role: m.role }));
  const held = await db().approvalRequest.findMany({
    where: { workspaceId, status: "PENDING" },
    select: {
      id: true,
      createdAt: true,
      expiresAt: true,
      routedTo: true,
      context: true,
      agent: { select: { ownerId: true } },
    },
    orderBy: [{ createdAt: "asc" }, { id: "asc" }],
  });
  const r = seededRandom(seed);
  const counts = { approved: 0, rejected: 0, lapsing: 0, pending: 0 };
  for (const request of held) {
    // Drawn up front, so each request's fate does not depend on the branches taken before it.
    const [fate, how, delay, text, who, share] = [r(), r(), r(), r(), r(), r()];
    const lapsed = request.expiresAt <= now;
    if (!lapsed && now.getTime() - request.createdAt.getTime() < LIVE_MS) {
      counts.pending++;
      continue;
    }
    if (lapsed && fate < 0.1) {
      counts.lapsing++;
      continue;
    }
    const routed = members.filter((m) => roleMayDecide(m.role, request.routedTo));
    // Separation of duties: the agent's owner may reject its request but not approve it.
    const approvers = routed.filter((m) => m.userId !== request.agent?.ownerId);
    const approve = fate < 0.72 && approvers.length > 0;
    const deciders = approve ? approvers : routed;
    if (deciders.length === 0) continue;
    const window = request.expiresAt.getTime() - request.createdAt.getTime();
    const asOf = new Date(Math.min(request.createdAt.getTime() + (0.02 + 0.8 * delay) * window, now.getTime() - 1000));
    const amount = (request.context as { amount?: unknown } | null)?.amount;
    let input: DecideApprovalInput;
    if (!approve) input = { decision: "REJECT", reason: nth(text, REJECT_REASONS) };
    else if (typeof amount === "number" && amount > 100 && how < 0.25)
      input = {
        decision: "APPROVE",
        comment: nth(text, PARTIAL_COMMENTS),
        changes: { amount: round(amount * (0.4 + 0.4 * share)) },
      };
    else input = { decision: "APPROVE", ...(how < 0.7 ? { comment: nth(text, APPROVE_COMMENTS) } : {}) };
    // A quorum above one takes that many distinct approvers; one rejection settles it.
    const start = Math.floor(who * deciders.length);
    for (let k = 0; k < deciders.length; k++) {
      const member = deciders[(start + k) % deciders.length]!;
      const { status } = await decideApproval({
        workspaceId,
        approvalId: request.id,
        decider: { ...member, actor: userActor({ id: member.userId, email: member.email }) },
        input,
        now: asOf,
      });
      if (status !== "PENDING") break;
    }
    counts[approve ? "approved" : "rejected"]++;
  }
  return counts;
}
