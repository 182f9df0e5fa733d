// npm run bench:costs -- [--months 12] [--runs 20] [--loads 5] [--port 3340] [--only pglite|postgres] [--json]
// Seeds a throwaway database with 12 months of usage roll-ups for 3 workspaces × 50 agents × 10
// models (each agent on 2 of the models, active in 40 % of hours: over a million hourly rows and
// several million spans' worth), trace roll-ups and 3 budgets per workspace, then times:
//   1. in process, each cost view's reads (the workspace page at 7 d, 30 d, 90 d, 12 months and
//      each stacking; the budgets; the cross-workspace /costs at 30 d and 12 months), --runs each,
//      beside two floors measured in the same run: one database round trip, and the raw SQL sum
//      of the same range's daily rows;
//   2. with the production server on that database: each page's document (server time: the
//      request until the whole HTML has arrived, signed in), and in Chromium the time from
//      navigation to the first chart's bars painted, --loads each.
// Prints every figure, then the targets with the figure beside each.
import { parseArgs } from "node:util";
import { mkdtempSync, rmSync, existsSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { chromium } from "@playwright/test";
import { openDatabase, type DatabaseTarget } from "../lib/db/connect";
import { database, installDatabase } from "../lib/db";
import { readBudgetStates } from "../lib/cost/budget-monitor";
import { costExplorer } from "../lib/cost/cost-explorer";
import { resolveRange } from "../lib/cost/ranges";
import type { StackBy } from "../lib/cost/cost-view";
import { seed, user, type Seeded } from "./costs-seed";
import { benchTargets, createPgDatabase, dropPgDatabase, log, startServer } from "./harness";
import { timeRuns, viewLatency, type ViewLatency } from "./stats";
import { fmt, printVerdicts, table, verdict, type Verdict } from "./report";

const { values } = parseArgs({
  options: {
    months: { type: "string", default: "12" },
    runs: { type: "string", default: "20" },
    loads: { type: "string", default: "5" },
    port: { type: "string", default: "3340" },
    only: { type: "string" },
    json: { type: "boolean", default: false },
  },
});
const months = Number(values.months);
const runs = Number(values.runs);
const loads = Number(values.loads);
const port = Number(values.port);
interface ViewTiming {
  view: string;
  latency: ViewLatency;
}

async function inProcess(target: DatabaseTarget, seeded: Seeded) {
  const handle = openDatabase(target);
  installDatabase(handle);
  try {
    const [one] = seeded.workspaces;
    const views: [string, () => Promise<unknown>][] = [];
    const page =
      (preset: string, by: StackBy, zone = "America/New_York") =>
      async () => {
        const { range } = resolveRange({ preset, zone });
        await Promise.all([
          costExplorer({ workspaces: [one!], range, by }),
          readBudgetStates({ workspaceId: one!.id }),
        ]);
      };
    views.push(["/{ws}/costs 7 d by agent", page("7d", "agent")]);
    views.push(["/{ws}/costs 30 d by agent (default)", page("30d", "agent")]);
    views.push(["/{ws}/costs 30 d by model", page("30d", "model")]);
    views.push(["/{ws}/costs 90 d by provider", page("90d", "provider")]);
    views.push(["/{ws}/costs 12 months by agent (weeks)", page("12m", "agent")]);
    views.push(["/{ws}/costs 12 months, UTC", page("12m", "model", "UTC")]);
    const overview = (preset: string) => async () => {
      const { range } = resolveRange({ preset, zone: "Europe/Berlin" });
      await costExplorer({ workspaces: seeded.workspaces, range, by: "workspace", compare: true });
    };
    views.push(["/costs 30 d, 3 workspaces with the previous period", overview("30d")]);
    views.push(["/costs 12 months, 3 workspaces with the previous period", overview("12m")]);
    views.push(["budget states (the monitor's refresh, 9 budgets)", () => readBudgetStates()]);
    const timings: ViewTiming[] = [];
    const floorRoundTrip = await timeRuns(runs, () => database().query("SELECT 1"));
    const yearAgo = new Date(Date.now() - 365 * 86_400_000).toISOString().slice(0, 10);
    const floorRaw = await timeRuns(runs, () =>
      database().query(
        `SELECT "agentExternalId", sum("costUsd") FROM "UsageDaily" WHERE "workspaceId" = $1 AND "day" >= $2 GROUP BY 1`,
        [one!.id, yearAgo],
      ),
    );
    for (const [view, work] of views) {
      log(`in process: ${view}`);
      timings.push({ view, latency: await timeRuns(runs, work) });
    }
    return { timings, floorRoundTrip, floorRaw };
  } finally {
    await handle.close();
  }
}

async function inBrowser(serverUrl: string, seeded: Seeded) {
  const executablePath = existsSync("/usr/bin/chromium") ? "/usr/bin/chromium" : undefined;
  const browser = await chromium.launch({ ...(executablePath ? { executablePath } : {}), args: ["--no-sandbox"] });
  try {
    const context = await browser.newContext({
      viewport: { width: 1440, height: 900 },
      timezoneId: "America/New_York",
    });
    const signIn = await context.newPage();
    await signIn.goto(`${serverUrl}/sign-in`);
    await signIn.getByLabel("Email").fill(user.email);
    await signIn.getByLabel("Password").fill(user.password);
    await signIn.getByRole("button", { name: /sign in/i }).click();
    await signIn.waitForURL((u) => !u.pathname.startsWith("/sign-in"));
    await signIn.close();
    const pages = [
      `/${seeded.workspaces[0]!.slug}/costs?range=30d&tz=America/New_York`,
      `/${seeded.workspaces[0]!.slug}/costs?range=12m&tz=America/New_York&by=model`,
      `/costs?range=30d&tz=America/New_York`,
      `/costs?range=12m&tz=America/New_York`,
    ];
    const out: { page: string; document: ViewLatency; chart: ViewLatency }[] = [];
    for (const p of pages) {
      log(`in Chromium: ${p}`);
      const documents: number[] = [];
      for (let i = 0; i < runs + 2; i++) {
        const t = performance.now();
        const response = await context.request.get(`${serverUrl}${p}`);
        await response.body();
        if (response.status() !== 200) throw new Error(`${p} answered ${response.status()}`);
        if (i >= 2) documents.push(performance.now() - t);
      }
      const charts: number[] = [];
      const page = await context.newPage();
      for (let i = 0; i < loads + 1; i++) {
        const t = performance.now();
        await page.goto(`${serverUrl}${p}`, { waitUntil: "commit" });
        await page.locator('[data-testid="spend-chart"] .recharts-bar-rectangle').first().waitFor({ state: "visible" });
        if (i >= 1) charts.push(performance.now() - t);
      }
      await page.close();
      out.push({ page: p, document: viewLatency(documents), chart: viewLatency(charts) });
    }
    return out;
  } finally {
    await browser.close();
  }
}

async function benchOne(kind: "pglite" | "postgres") {
  const dataDir = mkdtempSync(path.join(os.tmpdir(), "arbiter-bench-costs-"));
  const dbName = `arbiter_bench_costs_${process.pid}`;
  const databaseUrl = kind === "postgres" ? await createPgDatabase(dbName) : "";
  const target: DatabaseTarget =
    kind === "postgres" ? { kind, url: databaseUrl } : { kind, dataDir: path.join(dataDir, "pglite") };
  try {
    log(`${kind}: seeding ${months} months of usage`);
    const seeded = await seed(target, months);
    log(
      `${kind}: seeded ${fmt(seeded.hourlyRows)} hourly rows, ${fmt(seeded.dailyRows)} daily rows (${fmt(seeded.spans)} spans' worth), ${fmt(seeded.traces)} traces in ${seeded.seedSeconds.toFixed(0)} s`,
    );
    const process_ = await inProcess(target, seeded);
    const server = await startServer({
      port,
      env: {
        ARBITER_DATA_DIR: dataDir,
        ARBITER_DEMO: "0",
        DATABASE_URL: databaseUrl,
        NEXTAUTH_URL: `http://localhost:${port}`,
      },
    });
    try {
      const browser = await inBrowser(server.url, seeded);
      return { kind, seeded, ...process_, browser };
    } finally {
      await server.stop();
    }
  } finally {
    rmSync(dataDir, { recursive: true, force: true });
    if (kind === "postgres") await dropPgDatabase(dbName);
  }
}

const results = [];
for (const kind of await benchTargets(values.only)) results.push(await benchOne(kind));
if (values.json) console.log(JSON.stringify(results, null, 2));
const verdicts: Verdict[] = [];
for (const r of results) {
  console.log(
    `\n## ${r.kind}: ${fmt(r.seeded.hourlyRows)} hourly + ${fmt(r.seeded.dailyRows)} daily roll-up rows (${fmt(r.seeded.spans)} spans' worth), ${fmt(r.seeded.traces)} traces, 3 workspaces × 50 agents × 10 models, ${months} months`,
  );
  console.log(
    table([
      ["view (in process)", "p50 ms", "p95 ms", "max ms"],
      [
        "floor: one round trip (SELECT 1)",
        fmt(r.floorRoundTrip.p50, 2),
        fmt(r.floorRoundTrip.p95, 2),
        fmt(r.floorRoundTrip.max, 2),
      ],
      [
        "floor: raw SQL sum of a year of one workspace's daily rows",
        fmt(r.floorRaw.p50, 1),
        fmt(r.floorRaw.p95, 1),
        fmt(r.floorRaw.max, 1),
      ],
      ...r.timings.map((t) => [t.view, fmt(t.latency.p50, 1), fmt(t.latency.p95, 1), fmt(t.latency.max, 1)]),
    ]),
  );
  console.log(
    table([
      [
        "page (production server, signed in)",
        "document p50 ms",
        "document p95 ms",
        "first chart p50 ms",
        "first chart p95 ms",
      ],
      ...r.browser.map((b) => [b.page, fmt(b.document.p50), fmt(b.document.p95), fmt(b.chart.p50), fmt(b.chart.p95)]),
    ]),
  );
  for (const t of r.timings)
    verdicts.push(verdict(`${r.kind} ${t.view}: p95 server time`, t.latency.p95, "≤", 300, " ms"));
  for (const b of r.browser) {
    verdicts.push(verdict(`${r.kind} ${b.page}: document p95`, b.document.p95, "≤", 300, " ms"));
    verdicts.push(verdict(`${r.kind} ${b.page}: first chart p95`, b.chart.p95, "≤", 1500, " ms"));
  }
}
printVerdicts("bench:costs targets", verdicts);
process.exit(0);
