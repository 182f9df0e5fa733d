// npm run bench:trace-search -- [--traces 1000000] [--runs 20] [--only pglite|postgres] [--json]
// The trace list's search at scale: a throwaway database with --traces traces in one workspace
// (terms as ingest keeps them: the root's and the tools' names and words, an agent of 50, a model
// of 5), then the list's first page (50 newest) for each kind of search people type, --runs times
// each: a trace id's first 8 characters, an agent (1 trace in 50), a rare tool (1 in 100,000), a
// word every trace has, two words together, and a miss. As the floor, the same page unfiltered.
import { parseArgs } from "node:util";
import { mkdtempSync, rmSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { openDatabase } from "../lib/db/connect";
import { database } from "../lib/db";
import { listTraces } from "../lib/traces/queries";
import { seedBenchWorkspace } from "./seed";
import { createPgDatabase, dropPgDatabase, forEachTarget, log } from "./harness";
import { summarize, type Latency } from "./stats";
import { fmt, table } from "./report";

const { values } = parseArgs({
  options: {
    traces: { type: "string", default: "1000000" },
    runs: { type: "string", default: "20" },
    only: { type: "string" },
    port: { type: "string", default: "0" },
    json: { type: "boolean", default: false },
  },
});
const count = Number(values.traces);
const runs = Number(values.runs);

interface Case {
  label: string;
  q: string | undefined;
}

async function seed(workspaceId: string) {
  const db = database();
  const chunk = 100_000;
  for (let from = 0; from < count; from += chunk) {
    const to = Math.min(count, from + chunk) - 1;
    // md5 gives 32 hex characters: a trace id. Terms sorted, as ingest keeps them.
    await db.query(
      `INSERT INTO "Trace" ("workspaceId", "traceId", "name", "startTime", "endTime", "spanCount", "agentNames", "models",
         "searchTerms", "status", "updatedAt")
       SELECT $1, md5(i::text), 'invoke_agent agent-' || (i % 50),
         now() - make_interval(secs => i), now() - make_interval(secs => i) + interval '2 seconds', 5,
         ARRAY['agent-' || (i % 50)], ARRAY['model-' || (i % 5)],
         ARRAY(SELECT DISTINCT x FROM unnest(ARRAY['agent', 'invoke_agent', 'invoke', 'agent-' || (i % 50),
           'agent ' || (i % 50), 'model-' || (i % 5), 'lookup_order', 'lookup', 'order',
           'tool_' || (i % 100000), 'tool']) x ORDER BY x),
         'OK', now()
       FROM generate_series($2::int, $3::int) i`,
      [workspaceId, from, to],
    );
    log(`  ${(to + 1).toLocaleString("en-US")} traces`);
  }
  await db.query(`ANALYZE "Trace"`);
  const [probe] = await db.query<{ traceId: string }>(`SELECT md5('777777') AS "traceId"`);
  return probe!.traceId;
}

async function benchOne(kind: "pglite" | "postgres") {
  const dataDir = mkdtempSync(path.join(os.tmpdir(), "arbiter-bench-search-"));
  const dbName = `arbiter_bench_search_${process.pid}`;
  const target =
    kind === "postgres"
      ? ({ kind, url: await createPgDatabase(dbName) } as const)
      : ({ kind, dataDir: path.join(dataDir, "pglite") } as const);
  const db = openDatabase(target);
  try {
    const ws = await seedBenchWorkspace(db);
    log(`${kind}: seeding ${count.toLocaleString("en-US")} traces`);
    const probe = await seed(ws.id);
    const cases: Case[] = [
      { label: "no search (the floor)", q: undefined },
      { label: "trace id, first 8 characters", q: probe.slice(0, 8) },
      { label: "an agent (1 trace in 50)", q: "agent-7" },
      { label: "a rare tool (1 in 100,000)", q: "tool_4242" },
      { label: "a word every trace has", q: "lookup" },
      { label: "two words together", q: "agent-7 model-2" },
      { label: "a miss", q: "no-such-term" },
    ];
    const results: { label: string; q: string | undefined; found: number; latency: Latency }[] = [];
    for (const c of cases) {
      const samples: number[] = [];
      let found = 0;
      for (let i = 0; i < runs; i++) {
        const started = performance.now();
        const page = await listTraces({ workspaceId: ws.id, query: c.q ? { q: c.q } : {} });
        samples.push(performance.now() - started);
        found = page.data.length;
      }
      results.push({ ...c, found, latency: summarize(samples) });
    }
    return { database: kind, traces: count, results };
  } finally {
    await db.close();
    rmSync(dataDir, { recursive: true, force: true });
    if (kind === "postgres") await dropPgDatabase(dbName);
  }
}

const { results, failed } = await forEachTarget(values.only, Number(values.port), (kind) => benchOne(kind));
for (const r of results) {
  console.log(
    `\n${r.database}: the trace list's first page (50 newest), ${r.traces.toLocaleString("en-US")} traces in one workspace, ${runs} runs each`,
  );
  console.log(
    table([
      ["search", "q", "rows", "p50 ms", "p99 ms", "max ms"],
      ...r.results.map((c) => [
        c.label,
        c.q ?? "",
        String(c.found),
        fmt(c.latency.p50Ms, 1),
        fmt(c.latency.p99Ms, 1),
        fmt(c.latency.maxMs, 1),
      ]),
    ]),
  );
}
for (const f of failed) console.log(`${f.database}: failed: ${f.error}`);
if (values.json) console.log(JSON.stringify({ results, failed }));
