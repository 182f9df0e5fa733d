import { describe, expect, it } from "vitest";
import { db } from "../../lib/db";
import { runWorkspaceAction } from "../../lib/http/server-action";
import { ingestNative } from "../../lib/ingest/ingest-native";
import { createBudgetDef, deleteBudgetDef, repriceDef, updateBudgetDef } from "../../app/[workspace]/costs/action-defs";
import { GET as ledger } from "../../app/api/v1/costs/ledger/route";
import { LEDGER_COLUMNS } from "../../lib/cost/ledger";
import { createKey, createMember, createWorkspace } from "../factories";
import { seededRandom } from "../../lib/simulator/scenarios";

const budget = { name: "Team", period: "MONTHLY", timeZone: "UTC", limitUsd: "100", action: "HOLD" };

type User = { id: string; email: string; name: string | null };
const run = <D extends { config: never; handler: never }>(d: D, user: User, raw: unknown) =>
  runWorkspaceAction({ user: { ...user, name: user.name ?? "" }, raw, config: d.config, handler: d.handler });

describe("who manages budgets", () => {
  it("lets admins create, change and delete budgets and refuses every other role", async () => {
    const ws = await createWorkspace();
    for (const role of ["ADMIN", "APPROVER", "ENGINEER", "AUDITOR", "VIEWER"] as const) {
      const { user } = await createMember({ workspaceId: ws.id, role });
      const created = await run(createBudgetDef as never, user, { workspace: ws.slug, budget });
      expect(created.ok, role).toBe(role === "ADMIN");
      if (!created.ok) expect(created.error.code, role).toBe("forbidden");
      const dry = await run(repriceDef as never, user, {
        workspace: ws.slug,
        from: "2026-11-01",
        to: "2026-11-30",
        tz: "UTC",
        apply: false,
      });
      expect(dry.ok, role).toBe(role === "ADMIN");
    }
    expect(await db().budget.count({ where: { workspaceId: ws.id } })).toBe(1);
  });

  it("does not reach another workspace's budget", async () => {
    const mine = await createWorkspace();
    const theirs = await createWorkspace();
    const { user: admin } = await createMember({ workspaceId: mine.id, role: "ADMIN" });
    const { user: other } = await createMember({ workspaceId: theirs.id, role: "ADMIN" });
    const created = await run(createBudgetDef as never, other, { workspace: theirs.slug, budget });
    expect(created.ok).toBe(true);
    const budgetId = (created as { data: { id: string } }).data.id;
    expect(
      await run(updateBudgetDef as never, admin, {
        workspace: mine.slug,
        budgetId,
        budget: { ...budget, limitUsd: "1" },
      }),
    ).toMatchObject({ ok: false, error: { code: "not_found" } });
    expect(await run(deleteBudgetDef as never, admin, { workspace: theirs.slug, budgetId })).toMatchObject({
      ok: false,
      error: { code: "not_found" },
    });
    expect((await db().budget.findUniqueOrThrow({ where: { id: budgetId } })).limitUsd.toFixed()).toBe("100");
  });

  it("refuses budgets that do not parse, with the reason", async () => {
    const ws = await createWorkspace();
    const { user } = await createMember({ workspaceId: ws.id, role: "ADMIN" });
    for (const [bad, message] of [
      [{ ...budget, limitUsd: "-5" }, /dollars/],
      [{ ...budget, period: "YEARLY" }, /period|option/i],
      [{ ...budget, thresholds: [0] }, /from 1/],
      [{ ...budget, name: "" }, /Name the budget/],
    ] as const) {
      const result = await run(createBudgetDef as never, user, { workspace: ws.slug, budget: bad });
      expect(result.ok).toBe(false);
      if (!result.ok) {
        expect(result.error.code).toBe("invalid_request");
        expect(result.error.message).toMatch(message);
      }
    }
  });
});

describe("GET /api/v1/costs/ledger", () => {
  const get = (secret: string | null, search: string) =>
    ledger(
      new Request(`http://arbiter.test/api/v1/costs/ledger?${search}`, {
        headers: secret ? { authorization: `Bearer ${secret}` } : {},
      }),
      { params: Promise.resolve({}) },
    );

  it("exports the workspace's ledger by local day to a read key, and only its own", async () => {
    const ws = await createWorkspace();
    const other = await createWorkspace();
    for (const [w, cost] of [
      [ws, 1.25],
      [other, 99],
    ] as const) {
      await ingestNative({
        workspaceId: w.id,
        items: [
          {
            id: "a",
            type: "span",
            body: {
              traceId: "ab".repeat(16),
              spanId: "cd".repeat(8),
              name: "chat",
              kind: "llm",
              agent: "buyer",
              model: "gpt-4o",
              startTime: "2026-11-10T03:30:00Z",
              inputTokens: 10,
              outputTokens: 5,
              costUsd: cost,
            },
          },
        ],
      });
    }
    const { secret } = await createKey({ workspaceId: ws.id, scopes: ["read"] });
    const res = await get(secret, "from=2026-11-09&to=2026-11-10&tz=America/New_York");
    expect(res.status).toBe(200);
    expect(res.headers.get("content-type")).toContain("text/csv");
    const [header, ...rows] = (await res.text()).trim().split("\n");
    expect(header).toBe(LEDGER_COLUMNS.join(","));
    // 03:30 UTC on Nov 10 is 22:30 on Nov 9 in New York.
    expect(rows).toEqual([`2026-11-09,${ws.slug},buyer,gpt-4o,,1,10,5,0,0,0,1.250000000,1.250000000,0,0.000000000`]);
    const ingestOnly = await createKey({ workspaceId: ws.id, scopes: ["ingest"] });
    expect((await get(ingestOnly.secret, "range=7d")).status).toBe(403);
    expect((await get(null, "range=7d")).status).toBe(401);
    const bad = await get(secret, "from=2026-11-10&to=2026-11-01");
    expect(bad.status).toBe(400);
    expect((await bad.json()).error.message).toMatch(/start first/);
    expect((await get(secret, "tz=Nowhere/City")).status).toBe(400);
  });
});

describe("fuzzing the ledger's query", () => {
  it("answers 200 or 400 to 300 mutated queries, never a 5xx", async () => {
    const ws = await createWorkspace();
    const { secret } = await createKey({ workspaceId: ws.id, scopes: ["read"] });
    const rand = seededRandom(20261201);
    const valid = "from=2026-11-01&to=2026-11-30&tz=Europe/Berlin&range=30d";
    const statuses = new Map<number, number>();
    for (let i = 0; i < 300; i++) {
      const chars = [...valid];
      for (let e = 0; e < 1 + Math.floor(rand() * 5); e++) {
        const at = Math.floor(rand() * chars.length);
        chars[at] = String.fromCharCode(32 + Math.floor(rand() * 95));
      }
      const search = chars.join("").replaceAll("#", "%23");
      let response: Response;
      try {
        response = await ledger(
          new Request(`http://arbiter.test/api/v1/costs/ledger?${search}`, {
            headers: { authorization: `Bearer ${secret}` },
          }),
          { params: Promise.resolve({}) },
        );
      } catch (error) {
        if (error instanceof TypeError) continue; // not a URL a client could send
        throw error;
      }
      statuses.set(response.status, (statuses.get(response.status) ?? 0) + 1);
    }
    expect([...statuses.keys()].every((s) => s === 200 || s === 400)).toBe(true);
    expect(statuses.get(400)).toBeGreaterThan(10);
  });
});
