import { describe, expect, it } from "vitest";
import { ingestNative } from "../../lib/ingest/ingest-native";
import { db } from "../../lib/db";
import { systemActor, verifyAuditChain } from "../../lib/audit";
import { installStarterPack } from "../../lib/policy/install-starter-pack";
import { createPolicyTx } from "../../lib/policy/publish-policy";
import { invalidatePolicies } from "../../lib/policy/policy-cache";
import { decide } from "../../lib/decisions/decide";
import { createBudget, deleteBudget, updateBudget } from "../../lib/cost/budgets";
import { readBudgetStates, refreshBudgets } from "../../lib/cost/budget-monitor";
import { forgetRaisedAlerts, raiseBudgetAlerts } from "../../lib/cost/budget-alerts";
import { rollOverBudgets } from "../../lib/cost/roll-over";
import { countBreakers, createBreaker, forgetTrips } from "../../lib/cost/breakers";
import { Invalid, NotFound } from "../../lib/errors";
import { createWorkspace } from "../factories";

const hex = (n: number, width: number) => n.toString(16).padStart(width, "0");
let next = 0x5000;

async function spend(workspaceId: string, spans: { at: number; cost: number; agent?: string; model?: string }[]) {
  const result = await ingestNative({
    workspaceId,
    items: spans.map((s, i) => {
      const n = next++;
      return {
        id: `i${i}`,
        type: "span",
        body: {
          traceId: hex(n, 32),
          spanId: hex(n, 16),
          name: "chat",
          kind: "llm",
          agent: s.agent ?? "buyer",
          model: s.model ?? "gpt-4o",
          startTime: s.at,
          endTime: s.at + 5,
          inputTokens: 10,
          outputTokens: 10,
          costUsd: s.cost,
        },
      };
    }),
  });
  expect(result.errors).toEqual([]);
}

async function seed() {
  const ws = await createWorkspace();
  await db().$transaction((tx) => installStarterPack(tx, { workspaceId: ws.id, actor: systemActor }));
  const buyer = await db().agent.create({
    data: { workspaceId: ws.id, externalId: "buyer", name: "Buyer", spendingLimitUsd: "100000" },
  });
  await db().agent.create({ data: { workspaceId: ws.id, externalId: "planner", name: "Planner" } });
  return { ws, buyer };
}

const budget = (over: Record<string, unknown> = {}) => ({
  name: "Buyer monthly",
  period: "MONTHLY",
  timeZone: "UTC",
  limitUsd: "10",
  action: "HOLD",
  ...over,
});

const ask = (workspaceId: string, action: string, agent = "buyer") =>
  decide({
    workspaceId,
    actor: systemActor,
    apiKeyId: null,
    body: { agent, action, resource: { kind: "vendor", id: "acme" }, context: { amount: 20 } },
    traceparent: null,
  });

describe("budget periods", () => {
  it("count the spend at 23:59 and 00:01 on the reset day in the budget's time zone", async () => {
    const { ws, buyer } = await seed();
    // Midnight 2026-11-01 in New York is 04:00 UTC (EDT until the 1st at 02:00 local).
    const midnight = Date.parse("2026-11-01T04:00:00Z");
    await spend(ws.id, [
      { at: midnight - 60_000, cost: 3 },
      { at: midnight + 60_000, cost: 4 },
    ]);
    const b = await createBudget({
      workspaceId: ws.id,
      input: budget({ agentId: buyer.id, period: "MONTHLY", timeZone: "America/New_York" }),
      actor: systemActor,
      createdById: null,
    });
    const at = async (iso: string) =>
      (await readBudgetStates({ workspaceId: ws.id, now: Date.parse(iso) })).find((s) => s.id === b.id)!;
    const before = await at("2026-11-01T03:59:30Z"); // 23:59:30 on Oct 31 in New York
    expect(before.spent).toBe("3");
    expect(new Date(before.window.end).toISOString()).toBe("2026-11-01T04:00:00.000Z");
    const after = await at("2026-11-01T04:30:00Z"); // 00:30 on Nov 1
    expect(after.spent).toBe("4");
    expect(new Date(after.window.start).toISOString()).toBe("2026-11-01T04:00:00.000Z");
    // The month ends at midnight EST (−05:00) after the clocks went back.
    expect(new Date(after.window.end).toISOString()).toBe("2026-12-01T05:00:00.000Z");
    // The same spend in a daily budget in Tokyo: both minutes are on Nov 1 there (13:59 and 14:01).
    const tokyo = await createBudget({
      workspaceId: ws.id,
      input: budget({ name: "Tokyo daily", period: "DAILY", timeZone: "Asia/Tokyo" }),
      actor: systemActor,
      createdById: null,
    });
    const t = (await readBudgetStates({ workspaceId: ws.id, now: midnight + 3_600_000 })).find(
      (s) => s.id === tokyo.id,
    )!;
    expect(t.spent).toBe("7");
  });

  it("count a rolling window's last N days, today included", async () => {
    const { ws } = await seed();
    const now = Date.parse("2026-11-20T12:00:00Z");
    await spend(ws.id, [
      { at: Date.parse("2026-11-17T23:59:00Z"), cost: 1 }, // outside a 3-day window
      { at: Date.parse("2026-11-18T00:01:00Z"), cost: 2 },
      { at: Date.parse("2026-11-20T11:00:00Z"), cost: 5 },
    ]);
    const b = await createBudget({
      workspaceId: ws.id,
      input: budget({ name: "Rolling", period: "ROLLING", rollingDays: 3 }),
      actor: systemActor,
      createdById: null,
    });
    const s = (await readBudgetStates({ workspaceId: ws.id, now })).find((x) => x.id === b.id)!;
    expect(s.spent).toBe("7");
    expect(s.forecast).toBeNull();
    expect(new Date(s.window.start).toISOString()).toBe("2026-11-18T00:00:00.000Z");
  });
});

describe("budget alerts", () => {
  it("raise one alert per threshold per period, under re-sends and concurrent instances", async () => {
    const { ws, buyer } = await seed();
    const b = await createBudget({
      workspaceId: ws.id,
      input: budget({ agentId: buyer.id, action: "ALERT" }),
      actor: systemActor,
      createdById: null,
    });
    await spend(ws.id, [{ at: Date.now() - 1000, cost: 8.5 }]);
    await refreshBudgets();
    const alerts = () =>
      db().alert.findMany({ where: { budgetId: b.id }, orderBy: [{ kind: "asc" }, { threshold: "asc" }] });
    // 85 % spent this early in the month is also forecast to end over the limit.
    expect((await alerts()).map((a) => [a.kind, a.threshold, a.status])).toEqual([
      ["budget.forecast", null, "OPEN"],
      ["budget.threshold", 50, "OPEN"],
      ["budget.threshold", 80, "OPEN"],
    ]);
    // Other instances (no memory of what was raised) at once, and a re-send of the refresh.
    forgetRaisedAlerts();
    const states = await readBudgetStates({ workspaceId: ws.id });
    const raised = await Promise.all([raiseBudgetAlerts(states), raiseBudgetAlerts(states), refreshBudgets()]);
    expect(raised.slice(0, 2)).toEqual([0, 0]);
    expect(await alerts()).toHaveLength(3);
    const audited = await db().auditEvent.count({ where: { workspaceId: ws.id, action: "budget.alert_raised" } });
    expect(audited).toBe(3);
    expect((await verifyAuditChain({ workspaceId: ws.id })).ok).toBe(true);
  });

  it("resolve at the period's end and keep the closed period as history", async () => {
    const { ws } = await seed();
    const b = await createBudget({
      workspaceId: ws.id,
      input: budget({ name: "Daily", period: "DAILY", action: "ALERT" }),
      actor: systemActor,
      createdById: null,
    });
    // Made yesterday, with spend yesterday that crossed 50 %: at 20:00 UTC, so the day's burn rate
    // (6 in 20 h) does not forecast the limit and only the threshold alert is due, at any hour.
    const today = Math.floor(Date.now() / 86_400_000) * 86_400_000;
    const yesterday = today - 4 * 3_600_000;
    await db().budget.update({ where: { id: b.id }, data: { createdAt: new Date(yesterday - 3_600_000) } });
    await spend(ws.id, [{ at: yesterday, cost: 6 }]);
    const then = await readBudgetStates({ workspaceId: ws.id, now: yesterday + 1000 });
    expect(await raiseBudgetAlerts(then, yesterday + 1000)).toBe(1);
    const { closed, resolved } = await rollOverBudgets();
    expect(resolved).toBe(1);
    expect(closed).toBe(1);
    const history = await db().budgetPeriodSpend.findMany({ where: { budgetId: b.id } });
    expect(history.map((h) => h.spentUsd.toFixed())).toEqual(["6"]);
    expect((await rollOverBudgets()).closed).toBe(0);
    const [alert] = await db().alert.findMany({ where: { budgetId: b.id } });
    expect(alert).toMatchObject({ status: "RESOLVED" });
  });
});

describe("budgets in decisions", () => {
  it("hold spend-bearing decisions at 100 % naming the budget, stop them with STOP, and leave reads alone", async () => {
    const { ws, buyer } = await seed();
    const b = await createBudget({
      workspaceId: ws.id,
      input: budget({ agentId: buyer.id }),
      actor: systemActor,
      createdById: null,
    });
    expect((await ask(ws.id, "purchase")).decision).toBe("ALLOW");
    await spend(ws.id, [{ at: Date.now() - 1000, cost: 10 }]);
    await refreshBudgets();
    const held = await ask(ws.id, "purchase");
    expect(held.decision).toBe("REQUIRE_APPROVAL");
    expect(held.reasons[0]!.policyId).toBe(`budget:${b.id}`);
    expect(held.reasons[0]!.message).toContain('Budget "Buyer monthly" is at 100 %');
    expect(held.approval?.status).toBe("PENDING");
    expect((await ask(ws.id, "read")).decision).toBe("ALLOW");
    // Another agent is not covered by the buyer's budget.
    expect((await ask(ws.id, "purchase", "planner")).decision).toBe("ALLOW");

    await updateBudget({
      workspaceId: ws.id,
      budgetId: b.id,
      input: budget({ agentId: buyer.id, action: "STOP" }),
      actor: systemActor,
    });
    const stopped = await ask(ws.id, "refund");
    expect(stopped.decision).toBe("DENY");
    expect(stopped.reasons[0]!.message).toContain("stopped");
    expect((await ask(ws.id, "read")).decision).toBe("ALLOW");
    const audit = await db().auditEvent.findFirst({
      where: { workspaceId: ws.id, action: "decision.made", targetId: stopped.decisionId },
    });
    expect(audit?.after).toMatchObject({ outcome: "DENY", budget: { id: b.id, effect: "STOP" } });
  });

  it("give policies context.budget, and suspend the agent when a STOP budget says so", async () => {
    const { ws, buyer } = await seed();
    await db().$transaction((tx) =>
      createPolicyTx(tx, {
        workspaceId: ws.id,
        name: "Slow down near the line",
        description: null,
        set: "APPROVALS",
        message: "Near budget",
        actor: systemActor,
        authorId: null,
        source: `@message("Budget nearly spent: a person confirms writes.")
permit (principal, action == Arbiter::Action::"write", resource)
when { context has budget && context.budget.percent >= 50 };`,
      }),
    );
    invalidatePolicies(ws.id);
    const b = await createBudget({
      workspaceId: ws.id,
      input: budget({ agentId: buyer.id, action: "STOP", suspendAgent: true, limitUsd: "4" }),
      actor: systemActor,
      createdById: null,
    });
    await spend(ws.id, [{ at: Date.now() - 1000, cost: 2 }]);
    await refreshBudgets();
    const state = (await readBudgetStates({ workspaceId: ws.id })).find((s) => s.id === b.id)!;
    expect(state.percent).toBe(50);
    // At 50 % the policy holds writes; a read is untouched.
    const write = await ask(ws.id, "write");
    expect(write.decision).toBe("REQUIRE_APPROVAL");
    expect(write.reasons[0]!.message).toBe("Budget nearly spent: a person confirms writes.");
    expect((await ask(ws.id, "read")).decision).toBe("ALLOW");
    await spend(ws.id, [{ at: Date.now() - 1000, cost: 2 }]);
    await refreshBudgets();
    const agent = await db().agent.findUniqueOrThrow({ where: { id: buyer.id } });
    expect(agent.status).toBe("SUSPENDED");
    expect((await ask(ws.id, "read")).decision).toBe("DENY");
    expect(await db().auditEvent.count({ where: { workspaceId: ws.id, action: "agent.suspended" } })).toBe(1);
  });
});

describe("budget management", () => {
  it("refuses another workspace's budget or agent, and bad input, with clear messages", async () => {
    const { ws, buyer } = await seed();
    const other = await createWorkspace();
    await expect(
      createBudget({
        workspaceId: other.id,
        input: budget({ agentId: buyer.id }),
        actor: systemActor,
        createdById: null,
      }),
    ).rejects.toThrow(Invalid);
    const b = await createBudget({ workspaceId: ws.id, input: budget(), actor: systemActor, createdById: null });
    await expect(
      updateBudget({ workspaceId: other.id, budgetId: b.id, input: budget(), actor: systemActor }),
    ).rejects.toThrow(NotFound);
    await expect(deleteBudget({ workspaceId: other.id, budgetId: b.id, actor: systemActor })).rejects.toThrow(NotFound);
    await expect(
      createBudget({ workspaceId: ws.id, input: budget({ limitUsd: "0" }), actor: systemActor, createdById: null }),
    ).rejects.toThrow(/more than \$0/);
    await expect(
      createBudget({
        workspaceId: ws.id,
        input: budget({ timeZone: "Mars/Olympus" }),
        actor: systemActor,
        createdById: null,
      }),
    ).rejects.toThrow(/time zone/);
    const actions = await db().auditEvent.findMany({
      where: { workspaceId: ws.id, action: { startsWith: "budget." } },
      select: { action: true },
    });
    expect(actions.map((a) => a.action)).toEqual(["budget.created"]);
  });
});

describe("circuit breakers", () => {
  const refund = (workspaceId: string, id = "o-1", at?: Date, agent = "buyer") =>
    decide({
      workspaceId,
      actor: systemActor,
      apiKeyId: null,
      body: { agent, action: "refund", resource: { kind: "order", id }, context: { amount: 5 } },
      traceparent: null,
      ...(at ? { at } : {}),
    });

  it("hold the decision after the limit within the window, and count nothing older", async () => {
    const { ws, buyer } = await seed();
    const breaker = await createBreaker({
      workspaceId: ws.id,
      input: {
        name: "Refund burst",
        agentId: buyer.id,
        kind: "ACTION_RATE",
        action: "refund",
        limit: 3,
        windowSeconds: 3600,
        outcome: "HOLD",
      },
      actor: systemActor,
      createdById: null,
    });
    const old = new Date(Date.now() - 2 * 3_600_000);
    for (let i = 0; i < 3; i++) expect((await refund(ws.id, `old-${i}`, old)).decision).toBe("ALLOW");
    for (let i = 0; i < 3; i++) expect((await refund(ws.id, `o-${i}`)).decision).toBe("ALLOW");
    const fourth = await refund(ws.id, "o-4");
    expect(fourth.decision).toBe("REQUIRE_APPROVAL");
    expect(fourth.reasons[0]).toMatchObject({ policyId: `breaker:${breaker.id}` });
    expect(fourth.reasons[0]!.message).toContain("3 in the window");
    // Another agent has its own count; other actions are not counted.
    expect((await refund(ws.id, "o-5", undefined, "planner")).decision).toBe("ALLOW");
    expect((await ask(ws.id, "read")).decision).toBe("ALLOW");
    // A second instance (no memory of the trip) and more decisions: still one alert.
    forgetTrips();
    expect((await refund(ws.id, "o-6")).decision).toBe("REQUIRE_APPROVAL");
    expect(await db().alert.count({ where: { breakerId: breaker.id } })).toBe(1);
    expect(await db().auditEvent.count({ where: { workspaceId: ws.id, action: "breaker.tripped" } })).toBe(1);
    const counts = await countBreakers({
      workspaceId: ws.id,
      agent: "buyer",
      request: { action: "refund", resource: { kind: "order", id: "x" } } as never,
    });
    expect(counts.map((c) => c.count)).toEqual([5]);
  });

  it("catch an agent looping on one resource, and stop an agent denied too often, suspending it", async () => {
    const { ws } = await seed();
    await createBreaker({
      workspaceId: ws.id,
      input: { name: "Loop", kind: "REPEATED_ACTION", action: "refund", limit: 2, windowSeconds: 300, outcome: "STOP" },
      actor: systemActor,
      createdById: null,
    });
    expect((await refund(ws.id, "same")).decision).toBe("ALLOW");
    expect((await refund(ws.id, "same")).decision).toBe("ALLOW");
    const third = await refund(ws.id, "same");
    expect(third.decision).toBe("DENY");
    expect(third.reasons[0]!.message).toContain('Breaker "Loop" tripped');
    expect((await refund(ws.id, "other")).decision).toBe("ALLOW");

    await createBreaker({
      workspaceId: ws.id,
      input: {
        name: "Denied too often",
        kind: "DENIALS",
        limit: 3,
        windowSeconds: 600,
        outcome: "STOP",
        suspendAgent: true,
      },
      actor: systemActor,
      createdById: null,
    });
    // The loop breaker has denied "same" once; two more denials reach the limit of three.
    await refund(ws.id, "same");
    await refund(ws.id, "same");
    const next = await ask(ws.id, "read");
    expect(next.decision).toBe("DENY");
    expect(next.reasons[0]!.message).toContain('Breaker "Denied too often" tripped');
    const agent = await db().agent.findFirstOrThrow({ where: { workspaceId: ws.id, externalId: "buyer" } });
    expect(agent.status).toBe("SUSPENDED");
    expect((await ask(ws.id, "read")).reasons[0]!.policyId).toBe("arbiter:kill-switch");
  });
});
