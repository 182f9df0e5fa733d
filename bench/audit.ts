// npm run bench:audit -- [--events 1000000] [--runs 20] [--only pglite|postgres] [--json]
// Seeds a throwaway database with one workspace's chain of --events audit events (decisions,
// mostly, with policy publishes, approvals and member changes among them, hashed and linked as
// the app does) and its signed checkpoints, then times in process:
//   - the audit browser's first page, and filtered pages (a rare group, a common action, an actor,
//     a target id prefix, a day), --runs each, server time;
//   - the incremental verification of the newest 10,000 events;
//   - a full verification of the chain (events/s), beside two floors of the same run: reading
//     every row in the verifier's batches without checking, and hashing them without reading.
// Prints every figure, then the targets with the figure beside each.
// Not yet measured here: the evidence-pack export (issue 14 builds it next).
import { parseArgs } from "node:util";
import { mkdtempSync, rmSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { openDatabase, type DatabaseTarget } from "../lib/db/connect";
import { database, installDatabase } from "../lib/db";
import { migrateDatabase } from "../lib/db/migrate";
import { GENESIS_HASH, hashEvent, type HashedFields } from "../lib/audit/hash";
import { listAuditEvents, auditQuery } from "../lib/audit/audit-query";
import { verifyAuditChain, verifyIncrementally, readEvents } from "../lib/audit/verify-audit-chain";
import { checkpointDueChains } from "../lib/audit/checkpoints";
import { benchTargets, createPgDatabase, dropPgDatabase, log } from "./harness";
import { timeRuns, viewLatency } from "./stats";
import { fmt, printVerdicts, table, verdict, type Verdict } from "./report";

const { values } = parseArgs({
  options: {
    events: { type: "string", default: "1000000" },
    runs: { type: "string", default: "20" },
    only: { type: "string" },
    json: { type: "boolean", default: false },
  },
});
const total = Number(values.events);
if (!Number.isInteger(total) || total < 20_000)
  throw new Error("--events is at least 20,000 (the newest 10,000 are verified incrementally)");
const runs = Number(values.runs);
const BATCH = 5000;

/** The i-th event's content: mostly decisions; a publish, an approval and a member change now and then. */
function content(i: number) {
  if (i % 997 === 0) {
    return {
      action: "policy.published",
      targetType: "policy",
      targetId: `pol_${i % 40}`,
      before: null,
      after: {
        name: `policy-${i % 40}`,
        version: 1 + Math.floor(i / 997),
        set: "GUARDRAILS",
        mode: "ENFORCE",
        message: "tighten refunds",
      },
    };
  }
  if (i % 101 === 0) {
    return {
      action: "approval.approved",
      targetType: "approval",
      targetId: `apr_${i}`,
      before: { status: "PENDING" },
      after: { status: "APPROVED", approvals: 1, quorum: 1 },
    };
  }
  if (i % 5003 === 0) {
    return {
      action: "member.role_changed",
      targetType: "membership",
      targetId: `mem_${i}`,
      before: { role: "VIEWER" },
      after: { role: "APPROVER", email: `m${i}@example.test` },
    };
  }
  return {
    action: "decision.made",
    targetType: "decision",
    targetId: `dec_${i.toString(36).padStart(8, "0")}`,
    before: null,
    after: {
      agent: `agent-${i % 50}`,
      action: i % 3 ? "refund" : "read",
      resource: `order:o-${i}`,
      outcome: i % 7 ? "ALLOW" : "DENY",
      reasons: [{ policyId: `pol_${i % 40}`, version: 1 }],
    },
  };
}

async function seed(chain: string) {
  const started = performance.now();
  let prevHash = GENESIS_HASH;
  const t0 = Date.now() - total * 50;
  for (let from = 1; from <= total; from += BATCH) {
    const rows: (HashedFields & { hash: string })[] = [];
    for (let seq = from; seq < Math.min(total + 1, from + BATCH); seq++) {
      const c = content(seq);
      const user = seq % 5003 === 0;
      const fields = {
        chain,
        seq,
        occurredAt: new Date(t0 + seq * 50),
        workspaceId: chain,
        actorType: user ? "USER" : "API_KEY",
        actorId: user ? "usr_bench_admin" : `key_${seq % 3}`,
        actorLabel: user ? "admin@bench.test" : `pk-agent-${seq % 3}`,
        ...c,
        metadata: null,
        prevHash,
      };
      prevHash = hashEvent(fields);
      rows.push({ ...fields, hash: prevHash });
    }
    const col = <K extends keyof (typeof rows)[number]>(k: K) => rows.map((r) => r[k]);
    const json = (k: "before" | "after") => rows.map((r) => (r[k] === null ? null : JSON.stringify(r[k])));
    await database().query(
      `INSERT INTO "AuditEvent" ("chain", "seq", "occurredAt", "workspaceId", "actorType", "actorId", "actorLabel", "action",
         "targetType", "targetId", "before", "after", "metadata", "prevHash", "hash")
       SELECT u.chain, u.seq, u.at, u.ws, u.actor_type::"ActorType", u.actor_id, u.actor_label, u.action, u.target_type,
              u.target_id, u.before::jsonb, u.after::jsonb, NULL, u.prev, u.hash
         FROM unnest($1::text[], $2::int[], $3::timestamptz[], $4::text[], $5::text[], $6::text[], $7::text[], $8::text[],
                     $9::text[], $10::text[], $11::text[], $12::text[], $13::text[], $14::text[])
           AS u(chain, seq, at, ws, actor_type, actor_id, actor_label, action, target_type, target_id, before, after, prev, hash)`,
      [
        col("chain"),
        col("seq"),
        rows.map((r) => r.occurredAt.toISOString()),
        col("workspaceId"),
        col("actorType"),
        col("actorId"),
        col("actorLabel"),
        col("action"),
        col("targetType"),
        col("targetId"),
        json("before"),
        json("after"),
        col("prevHash"),
        col("hash"),
      ],
    );
    if ((from - 1) % 100_000 === 0) log(`seeded ${fmt(from - 1)} events`);
  }
  await database().query(`ANALYZE "AuditEvent"`);
  const checkpoints = await checkpointDueChains({
    chains: [chain],
    policy: { everyEvents: 1000, everyMs: 300_000 },
    force: true,
  });
  return { seconds: (performance.now() - started) / 1000, checkpoints: checkpoints.length };
}

async function benchOne(kind: "pglite" | "postgres") {
  const dataDir = mkdtempSync(path.join(os.tmpdir(), "arbiter-bench-audit-"));
  const dbName = `arbiter_bench_audit_${process.pid}`;
  const target: DatabaseTarget =
    kind === "postgres"
      ? { kind, url: await createPgDatabase(dbName) }
      : { kind, dataDir: path.join(dataDir, "pglite") };
  const handle = openDatabase(target);
  try {
    await migrateDatabase({ database: handle });
    installDatabase(handle);
    const [ws] = await database().query<{ id: string }>(
      `INSERT INTO "Workspace" ("id", "slug", "name", "updatedAt") VALUES ('ws_bench_audit', 'bench-audit', 'Bench audit', now()) RETURNING "id"`,
    );
    const chain = ws!.id;
    log(`${kind}: seeding ${fmt(total)} audit events (and checkpoints every 1,000)`);
    const seeded = await seed(chain);
    log(`${kind}: seeded in ${seeded.seconds.toFixed(0)} s, ${fmt(seeded.checkpoints)} checkpoints`);

    const day = new Date(Date.now() - (total * 50) / 2).toISOString().slice(0, 10);
    const pages: [string, Record<string, unknown>][] = [
      ["first page (newest 50)", {}],
      ["page 200 back (keyset cursor)", { before: total - 10_000 }],
      ["filter: policies (0.1 % of events)", { group: "policies" }],
      ["filter: approvals, halfway back", { group: "approvals", before: Math.floor(total / 2) }],
      ["filter: action decision.made", { action: "decision.made" }],
      ["filter: actor admin@bench.test (rare)", { actor: "usr_bench_admin" }],
      ["filter: target id prefix dec_00", { q: "dec_00" }],
      ["filter: one day", { from: day, to: day }],
    ];
    const timings: { view: string; p50: number; p95: number }[] = [];
    for (const [view, raw] of pages) {
      log(`${kind}: ${view}`);
      const query = auditQuery.parse(raw);
      timings.push({ view, ...(await timeRuns(runs, () => listAuditEvents({ chain, query }))) });
    }

    // The newest 10,000 as the incremental verifier meets them: state set 10,000 behind the head.
    const [behind] = await database().query<{ seq: number; hash: string }>(
      `SELECT "seq", "hash" FROM "AuditEvent" WHERE "chain" = $1 AND "seq" = $2`,
      [chain, total - 10_000],
    );
    const incremental: number[] = [];
    for (let i = 0; i < 5; i++) {
      await database().query(
        `INSERT INTO "AuditChainState" ("chain", "verifiedSeq", "verifiedHash", "verifiedAt", "checkedAt") VALUES ($1, $2, $3, now(), now())
         ON CONFLICT ("chain") DO UPDATE SET "verifiedSeq" = $2, "verifiedHash" = $3, "brokenSeq" = NULL`,
        [chain, behind!.seq, behind!.hash],
      );
      const t = performance.now();
      const state = await verifyIncrementally(chain);
      incremental.push(performance.now() - t);
      if (state.verifiedSeq !== total) throw new Error(`incremental verification stopped at ${state.verifiedSeq}`);
    }

    log(`${kind}: floors — reading every row, hashing every row`);
    let t = performance.now();
    const read: Awaited<ReturnType<typeof readEvents>>[] = [];
    for (let after = 0; ;) {
      const rows = await readEvents(chain, after);
      if (rows.length === 0) break;
      read.push(rows);
      after = rows.at(-1)!.seq;
    }
    const readSeconds = (performance.now() - t) / 1000;
    t = performance.now();
    for (const rows of read) for (const r of rows) hashEvent(r);
    const hashSeconds = (performance.now() - t) / 1000;
    read.length = 0;

    log(`${kind}: full verification`);
    t = performance.now();
    const report = await verifyAuditChain({ workspaceId: chain });
    const fullSeconds = (performance.now() - t) / 1000;
    if (!report.ok) throw new Error(`the seeded chain did not verify: ${JSON.stringify(report.firstBroken)}`);
    return {
      kind,
      seeded,
      timings,
      incremental: viewLatency(incremental),
      floors: { readPerSecond: total / readSeconds, hashPerSecond: total / hashSeconds },
      fullPerSecond: report.checked / fullSeconds,
    };
  } finally {
    await handle.close();
    rmSync(dataDir, { recursive: true, force: true });
    if (kind === "postgres") await dropPgDatabase(dbName);
  }
}

const results = [];
for (const kind of await benchTargets(values.only)) results.push(await benchOne(kind));
if (values.json) console.log(JSON.stringify(results, null, 2));
const verdicts: Verdict[] = [];
for (const r of results) {
  console.log(`\n## ${r.kind}: ${fmt(total)} audit events in one chain, ${fmt(r.seeded.checkpoints)} checkpoints`);
  console.log(
    table([
      ["audit browser (in process)", "p50 ms", "p95 ms"],
      ...r.timings.map((t) => [t.view, fmt(t.p50, 1), fmt(t.p95, 1)]),
      ["incremental verification, newest 10,000 events", fmt(r.incremental.p50, 0), fmt(r.incremental.p95, 0)],
    ]),
  );
  console.log(
    table([
      ["verification", "events/s"],
      ["floor: reading every row in the verifier's batches", fmt(r.floors.readPerSecond)],
      ["floor: hashing every row (canonical JSON + SHA-256)", fmt(r.floors.hashPerSecond)],
      ["full verification (read, hash, links, checkpoints)", fmt(r.fullPerSecond)],
    ]),
  );
  for (const t of r.timings) verdicts.push(verdict(`${r.kind} ${t.view}: p95`, t.p95, "≤", 200, " ms"));
  verdicts.push(verdict(`${r.kind} full verification`, r.fullPerSecond, "≥", 50_000, " events/s", 0));
}
printVerdicts("bench:audit targets", verdicts);
process.exit(0);
