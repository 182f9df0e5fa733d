import { describe, expect, it } from "vitest";
import { bucketsOf, localMidnight, resolveRange, wholeHourZone } from "../../lib/cost/ranges";
import { readPlan, type ReadPlan } from "../../lib/cost/read-plan";
import { keyOfHour, unitStart } from "../../lib/cost/rollups";
import { periodAt } from "../../lib/cost/periods";
import { forecast } from "../../lib/cost/forecast";
import { OTHER_KEY, spendSeries, topBy, workspaceRows } from "../../lib/cost/cost-view";
import { enforceBudgets, budgetFacts } from "../../lib/cost/enforce-budgets";
import type { UsageCell } from "../../lib/cost/usage-cube";
import type { BudgetState } from "../../lib/cost/budget-monitor";
import type { Evaluation } from "../../lib/policy/evaluate";

const iso = (ms: number) => new Date(ms).toISOString();

describe("cost ranges", () => {
  it("makes presets of local days, and week buckets past 62 days", () => {
    const now = Date.parse("2026-11-30T03:00:00Z"); // still Nov 29 in New York
    const { range } = resolveRange({ preset: "7d", zone: "America/New_York", now });
    expect([range.firstDay, range.lastDay]).toEqual(["2026-11-23", "2026-11-29"]);
    expect(iso(range.from)).toBe("2026-11-23T05:00:00.000Z");
    expect(bucketsOf(range).map((b) => b.label)).toEqual([
      "2026-11-23",
      "2026-11-24",
      "2026-11-25",
      "2026-11-26",
      "2026-11-27",
      "2026-11-28",
      "2026-11-29",
    ]);
    const year = resolveRange({ preset: "12m", zone: "UTC", now }).range;
    expect(year.bucket).toBe("week");
    const weeks = bucketsOf(year);
    expect(weeks[0]!.start).toBe(year.from);
    expect(weeks.at(-1)!.end).toBe(year.to);
    expect(weeks.slice(1).every((w, i) => w.start === weeks[i]!.end)).toBe(true);
  });

  it("reads custom dates inclusively and explains bad ones", () => {
    const ok = resolveRange({ from: "2026-03-28", to: "2026-03-30", zone: "Europe/Berlin" });
    expect(ok.error).toBeNull();
    // Clocks go forward on Mar 29 in Berlin: that day has 23 hours.
    expect(bucketsOf(ok.range).map((b) => (b.end - b.start) / 3_600_000)).toEqual([24, 23, 24]);
    expect(resolveRange({ from: "2026-03-30", to: "2026-03-28", zone: "UTC" }).error).toMatch(/start first/);
    expect(resolveRange({ preset: "forever", zone: "UTC" }).error).toMatch(/Unknown range/);
    expect(localMidnight("2026-01-01", "Pacific/Kiritimati")).toBe(Date.parse("2025-12-31T10:00:00Z"));
  });

  it("reads each bucket exactly: every hour in it counted once, nothing outside it", () => {
    const HOUR = 3_600_000;
    // Each bucket's net hours, from its intervals expanded hour by hour with their signs.
    const netHours = (plan: ReadPlan, bucket: number) => {
      const net = new Map<number, number>();
      for (const u of plan.uses.filter((x) => x.bucket === bucket)) {
        const { start, end } = plan.intervals[u.interval]!;
        for (let h = start; h < end; h += HOUR) net.set(h, (net.get(h) ?? 0) + u.sign);
      }
      return [...net].filter(([, n]) => n !== 0);
    };
    for (const zone of [
      "UTC",
      "America/New_York",
      "Europe/Berlin",
      "Asia/Tokyo",
      "Pacific/Kiritimati",
      "Asia/Kolkata",
    ]) {
      for (const preset of ["7d", "30d", "90d", "last-month", "12m"]) {
        const { range } = resolveRange({ preset, zone, now: Date.parse("2026-11-30T18:00:00Z") });
        const buckets = bucketsOf(range);
        const plan = readPlan([...buckets, { start: range.from, end: range.to }]);
        for (const [i, b] of [...buckets, { start: range.from, end: range.to }].entries()) {
          const net = netHours(plan, i);
          expect(net.every(([, n]) => n === 1)).toBe(true);
          expect(net.map(([h]) => h).sort((x, y) => x - y)).toEqual(
            Array.from({ length: (b.end - b.start) / HOUR }, (_, k) => b.start + k * HOUR),
          );
        }
      }
    }
  });

  it("reads a year as its months, a local week as its UTC week and the hours between, and shares edges", () => {
    const { range } = resolveRange({
      preset: "12m",
      zone: "America/New_York",
      now: Date.parse("2026-11-30T18:00:00Z"),
    });
    const whole = readPlan([{ start: range.from, end: range.to }]);
    const levels = (plan: ReadPlan) => plan.intervals.map((i) => i.level);
    // Dec 2025 (whole, less Dec 1 and five hours), Jan–Nov 2026 as one interval, Dec 1 2026 (days)
    // and the five hours either end: a handful of intervals, not 365 days.
    expect(levels(whole).filter((l) => l === "month")).toHaveLength(2);
    expect(whole.intervals.length).toBeLessThanOrEqual(8);
    // Every week bucket is its UTC week less five hours (four in summer) plus the next week's first.
    const weeks = bucketsOf(range).slice(1, -1);
    const plan = readPlan(weeks);
    expect(plan.intervals.filter((i) => i.level === "week")).toHaveLength(weeks.length);
    expect(
      plan.intervals.filter((i) => i.level === "hour").every((i) => [4, 5].includes((i.end - i.start) / 3_600_000)),
    ).toBe(true);
    // Adjacent weeks read the hours between them once.
    expect(plan.intervals.filter((i) => i.level === "hour")).toHaveLength(weeks.length + 1);
    expect(plan.uses).toHaveLength(weeks.length * 3);
    // A local day in New York: its UTC day less five hours, plus five hours of the next day.
    const start = Date.parse("2026-11-02T05:00:00Z");
    const day = readPlan([{ start, end: start + 86_400_000 }]);
    expect(day.intervals.map((i) => [i.level, iso(i.start), iso(i.end)])).toEqual([
      ["day", "2026-11-02T00:00:00.000Z", "2026-11-03T00:00:00.000Z"],
      ["hour", "2026-11-02T00:00:00.000Z", "2026-11-02T05:00:00.000Z"],
      ["hour", "2026-11-03T00:00:00.000Z", "2026-11-03T05:00:00.000Z"],
    ]);
    expect(day.uses.map((u) => u.sign)).toEqual([1, -1, 1]);
    // A bucket inside one UTC day, shorter than half of it, is all hours.
    expect(
      levels(readPlan([{ start: Date.parse("2026-11-01T01:00:00Z"), end: Date.parse("2026-11-01T03:00:00Z") }])),
    ).toEqual(["hour"]);
    expect(wholeHourZone("Asia/Kolkata")).toBe(false);
    expect(wholeHourZone("Europe/Berlin")).toBe(true);
  });

  it("keys an hour's usage by its UTC day, Monday and month", () => {
    const at = Date.parse("2026-11-01T23:30:00Z"); // a Sunday
    expect(["hour", "day", "week", "month"].map((l) => keyOfHour(l as "hour", at))).toEqual([
      "2026-11-01T23:00:00.000Z",
      "2026-11-01",
      "2026-10-26",
      "2026-11-01",
    ]);
    expect(iso(unitStart("week", Date.parse("2026-11-02T00:00:00Z")))).toBe("2026-11-02T00:00:00.000Z");
    expect(iso(unitStart("week", Date.parse("1969-12-28T12:00:00Z")))).toBe("1969-12-22T00:00:00.000Z");
  });
});

describe("budget periods and forecasts", () => {
  it("starts weeks on Monday and months on the 1st in the budget's zone", () => {
    const at = Date.parse("2026-12-02T10:00:00Z"); // a Wednesday
    const week = periodAt({ period: "WEEKLY", rollingDays: null, timeZone: "Asia/Tokyo" }, at);
    expect(iso(week.start)).toBe("2026-11-29T15:00:00.000Z"); // Monday 00:00 in Tokyo
    const month = periodAt({ period: "MONTHLY", rollingDays: null, timeZone: "UTC" }, at);
    expect([iso(month.start), iso(month.end)]).toEqual(["2026-12-01T00:00:00.000Z", "2027-01-01T00:00:00.000Z"]);
    const kolkata = periodAt({ period: "DAILY", rollingDays: null, timeZone: "Asia/Kolkata" }, at);
    expect(iso(kolkata.start)).toBe("2026-12-01T18:30:00.000Z");
    expect(iso(kolkata.readFrom)).toBe("2026-12-01T18:00:00.000Z");
  });

  it("projects the period's end at its burn rate and finds the crossing", () => {
    const start = Date.parse("2026-12-01T00:00:00Z");
    const end = Date.parse("2026-12-11T00:00:00Z"); // ten days
    const now = Date.parse("2026-12-03T00:00:00Z"); // two days in
    const f = forecast({ spent: "20", limit: "60", start, end, now })!;
    expect(f.projected).toBe("100");
    expect(f.over).toBe(true);
    expect(iso(f.crossesAt!)).toBe("2026-12-07T00:00:00.000Z");
    expect(f.burnPerHour).toBe("0.416666667");
    const under = forecast({ spent: "2", limit: "60", start, end, now })!;
    expect(under).toMatchObject({ projected: "10", over: false, crossesAt: null });
    expect(forecast({ spent: "1", limit: "60", start, end, now: start + 60_000 })).toBeNull();
  });
});

const cell = (over: Partial<UsageCell>): UsageCell => ({
  bucket: 0,
  workspaceId: "w1",
  agent: "a",
  model: "m",
  provider: "p",
  spans: 1,
  input: "10",
  output: "5",
  cacheRead: "0",
  cacheWrite: "0",
  reasoning: "0",
  cost: "0",
  reported: "0",
  unpriced: 0,
  savings: "0",
  ...over,
});

describe("cost view preparers", () => {
  it("stacks the top keys by spend and folds the rest into Other, exactly", () => {
    const buckets = [
      { start: 0, end: 1, label: "d1" },
      { start: 1, end: 2, label: "d2" },
    ];
    const cells = [
      cell({ agent: "a", cost: "0.100000001" }),
      cell({ agent: "b", cost: "0.3", bucket: 1 }),
      cell({ agent: "c", cost: "0.2" }),
      cell({ agent: "d", cost: "0.000000002", bucket: 1 }),
    ];
    const s = spendSeries({ cells, buckets, by: "agent", top: 2, names: { agents: new Map([["b", "Buyer"]]) } });
    expect(s.keys.map((k) => [k.label, k.total])).toEqual([
      ["Buyer", "0.300000000"],
      ["c", "0.200000000"],
      ["Other (2)", "0.100000003"],
    ]);
    expect(s.points.map((p) => p.exact[OTHER_KEY])).toEqual(["0.100000001", "0.000000002"]);
    expect(s.total).toBe("0.600000003");
    expect(s.points.map((p) => p.total)).toEqual(["0.300000001", "0.300000002"]);
    const [top] = topBy({ cells, by: "agent", limit: 1 });
    expect(top).toMatchObject({ key: "b", cost: "0.300000000" });
    expect(top!.share).toBeCloseTo(0.3 / 0.600000003, 6);
  });

  it("compares each workspace with its previous period", () => {
    const rows = workspaceRows({
      cells: [cell({ workspaceId: "w1", cost: "15" }), cell({ workspaceId: "w2", cost: "1" })],
      previous: [cell({ workspaceId: "w1", cost: "10" })],
      workspaces: [
        { id: "w1", name: "Finance" },
        { id: "w2", name: "Support" },
        { id: "w3", name: "Idle" },
      ],
    });
    expect(rows.map((r) => [r.name, r.cost, r.change])).toEqual([
      ["Finance", "15.000000000", 0.5],
      ["Support", "1.000000000", null],
      ["Idle", "0.000000000", null],
    ]);
    expect(rows[0]!.topAgent).toMatchObject({ key: "a", cost: "15.000000000" });
  });
});

const state = (over: Partial<BudgetState>): BudgetState => ({
  id: "b1",
  workspaceId: "w1",
  name: "Team",
  agentId: null,
  agentExternalId: null,
  model: null,
  period: "MONTHLY",
  rollingDays: null,
  timeZone: "UTC",
  limit: "100",
  spent: "100",
  remaining: "0",
  percent: 100,
  thresholds: [50, 80, 100],
  action: "HOLD",
  suspendAgent: false,
  spendActions: ["purchase", "pay", "refund"],
  window: { start: 0, end: 86_400_000, readFrom: 0, readTo: 86_400_000 },
  forecast: null,
  createdAt: 0,
  readAt: 0,
  ...over,
});

const allow: Evaluation = {
  outcome: "ALLOW",
  reasons: [{ policyId: "p", version: 1, message: "ok" }],
  errors: [],
  approval: null,
  shadow: null,
};

describe("budget enforcement", () => {
  it("holds or stops only spend-bearing actions, and only at the limit", () => {
    expect(enforceBudgets(allow, { action: "purchase", budgets: [state({})] }).result.outcome).toBe("REQUIRE_APPROVAL");
    expect(enforceBudgets(allow, { action: "read", budgets: [state({})] }).result.outcome).toBe("ALLOW");
    expect(
      enforceBudgets({ ...allow, spend: true }, { action: "call_tool", budgets: [state({})] }).result.outcome,
    ).toBe("REQUIRE_APPROVAL");
    const under = state({ spent: "99.999999999", percent: 99.999999999 });
    expect(enforceBudgets(allow, { action: "purchase", budgets: [under] }).result.outcome).toBe("ALLOW");
    const both = [state({}), state({ id: "b2", action: "STOP" })];
    const stopped = enforceBudgets(allow, { action: "pay", budgets: both });
    expect(stopped.result).toMatchObject({ outcome: "DENY", approval: null });
    expect(stopped.budget?.id).toBe("b2");
    expect(enforceBudgets(allow, { action: "pay", budgets: [state({ action: "ALERT" })] }).result.outcome).toBe(
      "ALLOW",
    );
    expect(budgetFacts([state({ percent: 20 }), state({ id: "b9", name: "Top", percent: 90 })])?.name).toBe("Top");
  });
});
