// Demo decisions: the demo agents ask the real decision engine before acting, so the decisions
// log, the held approvals and the policy editor's impact analysis have recorded history to show.
import "server-only";
import { db } from "../db";
import { systemActor } from "../audit";
import { decide } from "../policy/decide";
import { seededRandom, type Random } from "./scenarios";

type Request = { agent: string; action: string; resource: Record<string, unknown>; context: Record<string, unknown> };

const round = (n: number, digits = 2) => Math.round(n * 10 ** digits) / 10 ** digits;
const pick = <T>(r: Random, items: readonly T[]) => items[Math.floor(r() * items.length)]!;

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

/** `perWorkspace` decisions per demo workspace, through the same path the HTTP endpoint takes. */
export async function seedDemoDecisions({ perWorkspace }: { perWorkspace: number }) {
  let total = 0;
  for (const [slug, next] of Object.entries(REQUESTS)) {
    const workspace = await db().workspace.findUnique({ where: { slug }, select: { id: true } });
    if (!workspace) continue;
    const r = seededRandom(slug.length * 104_729);
    const bodies = Array.from({ length: perWorkspace }, (_, i) => next(r, i));
    // Concurrently, a batch at a time: the decision writer commits each batch as one group.
    for (let i = 0; i < bodies.length; i += 25) {
      await Promise.all(
        bodies
          .slice(i, i + 25)
          .map((body) =>
            decide({ workspaceId: workspace.id, actor: systemActor, apiKeyId: null, body, traceparent: null }),
          ),
      );
    }
    total += bodies.length;
  }
  return total;
}
