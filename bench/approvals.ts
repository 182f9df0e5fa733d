// npm run bench:approvals -- [--agents 200] [--concurrency 10] [--only pglite|postgres] [--json]
// Seeds a throwaway database with a workspace (starter pack, a webhook signing secret, an approver
// and `agents` agents without owner), starts the production server on it (private webhook targets
// allowed), and from a separate process has every agent ask for a held refund — half with a
// callbackUrl — and long-poll it, then decides all of them through the decide route. Prints how
// soon after each decision the long-poll answered and the webhook arrived, against the
// GET /api/health floor at the same concurrency, and checks what the database holds afterwards.
import { parseArgs } from "node:util";
import { mkdtempSync, rmSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { openDatabase, type Database } from "../lib/db/connect";
import { installDatabase, db } from "../lib/db";
import { hashPassword } from "../lib/auth/password";
import { seedBenchWorkspace } from "./seed";
import { createPgDatabase, dropPgDatabase, log, reachable, runDriver, serverUrl, startServer } from "./harness";

const { values } = parseArgs({
  options: {
    agents: { type: "string", default: "200" },
    concurrency: { type: "string", default: "10" },
    port: { type: "string", default: "3350" },
    only: { type: "string" },
    json: { type: "boolean", default: false },
  },
});
const agents = Number(values.agents);
const concurrency = Number(values.concurrency);
const key = { publicKey: "pk-arb-bench-approvals", secret: "sk-arb-bench-approvals-0123456789abcdef" };
const webhookSecret = "whsec_bench-approvals-0123456789abcdef0123456789";
const approver = { email: "approver@bench.test", password: "bench-approver-password" };
const TARGET_POLL_P99_MS = 250;
const TARGET_WEBHOOK_P99_MS = 1000;

async function seed(database: Database) {
  const ws = await seedBenchWorkspace(database, key);
  await db().workspace.update({ where: { id: ws.id }, data: { webhookSecret } });
  // No owner: an agent's owner may not approve its requests.
  await db().agent.createMany({
    data: ["bench-warmup", ...Array.from({ length: agents }, (_, i) => `bench-agent-${i}`)].map((externalId) => ({
      workspaceId: ws.id,
      externalId,
      name: externalId,
    })),
  });
  // A cheap bcrypt cost: the driver signs in once, and sign-in speed is not measured here.
  const user = await db().user.create({
    data: {
      email: approver.email,
      name: "Bench approver",
      passwordHash: await hashPassword(approver.password, { cost: 4 }),
    },
  });
  await db().membership.create({ data: { workspaceId: ws.id, userId: user.id, role: "APPROVER" } });
  await database.close();
  return { workspaceId: ws.id, slug: ws.slug };
}

interface Stats {
  n: number;
  p50Ms: number;
  p99Ms: number;
  maxMs: number;
}

interface DriveResult {
  agents: number;
  concurrency: number;
  asked: number;
  held: number;
  askErrors: string[];
  asks503: number;
  askSeconds: number;
  answeredEarly: number;
  decided: number;
  decideSeconds: number;
  decideErrors: string[];
  decideRoute: Stats;
  polls: { ok: number; lost: number; errors: string[] };
  pollAfterAnswer: Stats;
  pollAfterSend: Stats;
  webhooks: {
    expected: number;
    delivered: number;
    lost: number;
    badSignature: number;
    duplicates: number;
    unexpected: number;
  };
  webhookAfterAnswer: Stats;
  webhookAfterSend: Stats;
  health: Stats & { failed: number };
}

async function benchOne(kind: "pglite" | "postgres", port: number) {
  const dataDir = mkdtempSync(path.join(os.tmpdir(), "arbiter-bench-approvals-"));
  const dbName = `arbiter_bench_approvals_${process.pid}`;
  const databaseUrl = kind === "postgres" ? await createPgDatabase(dbName) : "";
  const target =
    kind === "postgres"
      ? ({ kind, url: databaseUrl } as const)
      : ({ kind, dataDir: path.join(dataDir, "pglite") } as const);
  log(`${kind}: seeding ${agents} agents, an approver and a webhook signing secret`);
  const { workspaceId, slug } = await seed(openDatabase(target));
  const server = await startServer({
    port,
    env: {
      ARBITER_DATA_DIR: dataDir,
      ARBITER_DEMO: "0",
      ARBITER_ADMIN_PASSWORD: "bench-admin-password",
      ARBITER_WEBHOOK_ALLOW_PRIVATE: "1",
      DATABASE_URL: databaseUrl,
    },
  });
  let run: DriveResult;
  try {
    log(`${kind}: ${agents} agents ask and long-poll; then ${concurrency} decisions at a time`);
    run = await runDriver<DriveResult>("bench/approvals-driver.ts", {
      url: server.url,
      key: key.secret,
      "webhook-secret": webhookSecret,
      workspace: slug,
      email: approver.email,
      password: approver.password,
      agents,
      concurrency,
    });
  } finally {
    await server.stop();
  }
  // What the database holds: every request approved, every webhook delivered once (warm-up included).
  const check = openDatabase(target);
  installDatabase(check);
  const approved = await db().approvalRequest.count({ where: { workspaceId, status: "APPROVED" } });
  const outbox = await db().outboxMessage.findMany({
    where: { workspaceId },
    select: { deliveredAt: true, failedAt: true, attempts: true },
  });
  await check.close();
  rmSync(dataDir, { recursive: true, force: true });
  if (kind === "postgres") await dropPgDatabase(dbName);
  return {
    database: kind,
    run,
    stored: {
      approved,
      outbox: outbox.length,
      delivered: outbox.filter((o) => o.deliveredAt).length,
      failed: outbox.filter((o) => o.failedAt).length,
      retried: outbox.filter((o) => o.attempts > 1).length,
    },
  };
}

const targets: ("pglite" | "postgres")[] = [];
if (!values.only || values.only === "pglite") targets.push("pglite");
if ((!values.only || values.only === "postgres") && (await reachable(serverUrl))) targets.push("postgres");
const results = [];
let port = Number(values.port);
for (const t of targets) results.push(await benchOne(t, port++));

const ms = (v: number) => v.toFixed(1).padStart(8);
const verdict = (p99: number, target: number, lost: number) =>
  `p99 ≤ ${target} ms: ${p99 <= target && lost === 0 ? "met" : "MISSED"}`;

if (values.json) console.log(JSON.stringify(results));
else {
  console.log(
    `\napprovals benchmark: ${agents} agents long-poll a held refund (half with a callbackUrl), decided ${concurrency} at a time, ${os.cpus().length} cores\n`,
  );
  console.log("database   measure                                       n   p50 ms   p99 ms   max ms   target");
  for (const { database, run: r, stored } of results) {
    const rows: [string, Stats, string][] = [
      ["POST …/decide (send → answer)", r.decideRoute, ""],
      [
        "long-poll answer after decide answered",
        r.pollAfterAnswer,
        verdict(r.pollAfterAnswer.p99Ms, TARGET_POLL_P99_MS, r.polls.lost),
      ],
      ["long-poll answer after decide sent", r.pollAfterSend, ""],
      [
        "webhook arrival after decide answered",
        r.webhookAfterAnswer,
        verdict(r.webhookAfterAnswer.p99Ms, TARGET_WEBHOOK_P99_MS, r.webhooks.lost + r.webhooks.badSignature),
      ],
      ["webhook arrival after decide sent", r.webhookAfterSend, ""],
      [`GET /api/health (floor, ${r.concurrency} at a time)`, r.health, ""],
    ];
    for (const [label, s, target] of rows)
      console.log(
        `${database.padEnd(10)} ${label.padEnd(40)} ${String(s.n).padStart(6)} ${ms(s.p50Ms)} ${ms(s.p99Ms)} ${ms(s.maxMs)}   ${target}`,
      );
    const w = r.webhooks;
    console.log(
      [
        `asked ${r.asked}, held ${r.held} (${r.askSeconds.toFixed(1)} s, ${r.asks503} asks answered 503 and retried); ${r.answeredEarly} long-polls answered before any decision`,
        `decisions made ${r.decided} of ${r.held} (${r.decideSeconds.toFixed(1)} s); long-polls answered APPROVED with a token ${r.polls.ok}, lost ${r.polls.lost}`,
        `webhooks delivered ${w.delivered} of ${w.expected}, lost ${w.lost}, bad signature ${w.badSignature}, duplicates ${w.duplicates}, unexpected ${w.unexpected}`,
        `stored: ${stored.approved} requests APPROVED; outbox ${stored.delivered} of ${stored.outbox} delivered, ${stored.failed} failed, ${stored.retried} needed a retry (warm-up included)`,
        ...[...r.askErrors, ...r.decideErrors, ...r.polls.errors].map((e) => `error: ${e}`),
      ]
        .map((line) => `${" ".repeat(11)}${line}`)
        .join("\n"),
    );
  }
}
