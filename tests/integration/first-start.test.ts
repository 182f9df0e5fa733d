import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { database as currentDatabase, installDatabase, type Database } from "../../lib/db";
import { migrateDatabase, readMigrations } from "../../lib/db/migrate";
import { runBootstrap } from "../../lib/bootstrap";
import { DEMO_USERS, DEMO_WORKSPACES } from "../../lib/bootstrap/seed-demo";
import { parseEnv } from "../../lib/env";
import { authenticateApiKey } from "../../lib/api-keys";
import { signInWithPassword } from "../../lib/auth/sign-in";
import { verifyAuditChain } from "../../lib/audit";
import { openFreshDatabase } from "../setup/fresh-database";

// What `npm start` does on an empty database, run twice, as a restart would.
let shared: Database;
let fresh: Awaited<ReturnType<typeof openFreshDatabase>>;

beforeAll(async () => {
  shared = currentDatabase();
  fresh = await openFreshDatabase();
  installDatabase(fresh.database);
});

afterAll(async () => {
  installDatabase(shared);
  await fresh.dispose();
});

const env = parseEnv({
  ARBITER_DEMO: "1",
  ARBITER_DEMO_TRACES: "4",
  ARBITER_ADMIN_EMAIL: "root@example.test",
  ARBITER_ADMIN_PASSWORD: "a long admin password",
  ARBITER_INIT_WORKSPACE: "platform",
  ARBITER_INIT_PUBLIC_KEY: "pk-lf-platform-init",
  ARBITER_INIT_SECRET_KEY: "sk-lf-platform-init-secret",
});

async function snapshot(db: Database["prisma"]) {
  return {
    users: await db.user.count(),
    workspaces: await db.workspace.count(),
    memberships: await db.membership.count(),
    keys: await db.apiKey.count(),
    agents: await db.agent.count(),
    audit: await db.auditEvent.count(),
  };
}

describe("first start", () => {
  it("migrates an empty database, and a second migrate applies nothing", async () => {
    const applied = await migrateDatabase({ database: fresh.database });
    const all = (await readMigrations()).migrationDirectories.map((m) => m.path);
    expect(applied).toEqual(all);
    expect(await migrateDatabase({ database: fresh.database })).toEqual([]);
  });

  it("creates the admin, the demo organisation and the init key; a second start changes nothing", async () => {
    const first = await runBootstrap({ env });
    expect(first).toMatchObject({
      seededDemo: true,
      demoTraces: 12,
      demoDecisions: 450,
      initialised: true,
      createdDefaultWorkspace: false,
    });
    // The demo traffic went through the ingest pipeline into each demo workspace.
    for (const slug of DEMO_WORKSPACES.map((w) => w.slug)) {
      const traces = await fresh.database.prisma.trace.count({ where: { workspace: { slug } } });
      expect(traces, slug).toBe(4);
    }
    // The demo agents asked the decision engine before acting: all three outcomes are on record.
    const outcomes = await fresh.database.prisma.decision.groupBy({ by: ["outcome"], _count: true });
    expect(outcomes.map((o) => o.outcome).sort()).toEqual(["ALLOW", "DENY", "REQUIRE_APPROVAL"]);
    expect(await fresh.database.prisma.approvalRequest.count()).toBe(
      outcomes.find((o) => o.outcome === "REQUIRE_APPROVAL")!._count,
    );
    // The held requests were answered over the month as approvers would have: customer-support
    // shows a history of every outcome and a live inbox waiting for the APPROVER.
    const support = { workspace: { slug: "customer-support" } };
    const statuses = await fresh.database.prisma.approvalRequest.groupBy({
      by: ["status"],
      where: support,
      _count: true,
    });
    expect(statuses.map((s) => s.status).sort()).toEqual(["APPROVED", "EXPIRED", "PENDING", "REJECTED"]);
    const pending = await fresh.database.prisma.approvalRequest.findMany({
      where: { ...support, status: "PENDING" },
      select: { routedTo: true, expiresAt: true },
    });
    for (const p of pending) {
      expect(p.routedTo).toBe("APPROVER");
      expect(p.expiresAt.getTime()).toBeGreaterThan(Date.now());
    }
    const rejected = await fresh.database.prisma.approvalRequest.findMany({
      where: { ...support, status: "REJECTED" },
      select: { decisionReason: true, decidedBy: { select: { email: true } } },
    });
    for (const r of rejected) {
      expect(r.decisionReason?.length).toBeGreaterThan(3);
      expect(r.decidedBy?.email).toBeDefined();
    }
    // Approvers approved, never the agents' owner; some approved a smaller refund than asked.
    const approvals = await fresh.database.prisma.approvalVote.findMany({
      where: { vote: "APPROVE", approval: support },
      select: { user: { select: { email: true } } },
    });
    expect(new Set(approvals.map((v) => v.user.email))).toEqual(new Set(["approver@arbiter.local"]));
    const supportId = (await fresh.database.prisma.workspace.findUniqueOrThrow({ where: { slug: "customer-support" } }))
      .id;
    expect(
      await fresh.database.prisma.auditEvent.count({ where: { workspaceId: supportId, action: "approval.edited" } }),
    ).toBeGreaterThan(0);
    // The decisions are spread over the month of the demo traces, none of them in the future.
    const span = await fresh.database.prisma.decision.aggregate({
      _min: { createdAt: true },
      _max: { createdAt: true },
    });
    expect(span._max.createdAt!.getTime()).toBeLessThanOrEqual(Date.now());
    expect(span._max.createdAt!.getTime() - span._min.createdAt!.getTime()).toBeGreaterThan(20 * 86_400_000);
    expect(span._min.createdAt!.getTime()).toBeGreaterThan(Date.now() - 30 * 86_400_000);
    expect((await verifyAuditChain()).ok).toBe(true);

    // The admin's password came from the environment; only the demo users' were generated.
    expect(first.credentials.map((c) => c.email)).toEqual(DEMO_USERS.map((u) => u.email));

    const db = fresh.database.prisma;
    const slugs = (await db.workspace.findMany({ select: { slug: true }, orderBy: { slug: "asc" } })).map(
      (w) => w.slug,
    );
    expect(slugs).toEqual([...DEMO_WORKSPACES.map((w) => w.slug), "platform"].sort());
    const adminRoles = await db.membership.findMany({
      where: { user: { email: "root@example.test" } },
      select: { role: true },
    });
    expect(adminRoles.map((m) => m.role)).toEqual(["ADMIN", "ADMIN", "ADMIN", "ADMIN"]);
    expect(await db.agent.count()).toBe(DEMO_WORKSPACES.reduce((n, w) => n + w.agents.length, 0));

    const viewer = first.credentials.find((c) => c.role === "VIEWER")!;
    expect((await signInWithPassword({ email: viewer.email, password: viewer.password, ip: "127.0.0.1" })).ok).toBe(
      true,
    );
    const key = await authenticateApiKey({ authorization: "Bearer sk-lf-platform-init-secret" });
    expect(key.scopes).toEqual(["ingest", "decide", "read"]);

    const before = await snapshot(db);
    const second = await runBootstrap({ env });
    expect(second).toEqual({
      credentials: [],
      seededDemo: false,
      demoTraces: 0,
      demoDecisions: 0,
      createdDefaultWorkspace: false,
      initialised: false,
    });
    expect(await snapshot(db)).toEqual(before);
    expect((await verifyAuditChain()).ok).toBe(true);
  });
});
