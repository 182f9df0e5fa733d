// npm run bench:trace-ui -- [--sizes 1000,20000,100000] [--graph 500] [--json]
// Starts the production server on a throwaway embedded database, ingests one multi-agent trace
// per size (and one trace whose agent graph has --graph agents and tools), opens each trace
// page in Chromium and prints: time from navigation to the first waterfall rows painted, the
// longest main-thread task while loading, JS heap, and the time to expand all and scroll to
// the end; for the graph, the time to a laid-out graph and the longest task meanwhile.
import { parseArgs } from "node:util";
import { mkdtempSync, rmSync } from "node:fs";
import { randomBytes } from "node:crypto";
import os from "node:os";
import path from "node:path";
import { chromium, type Page } from "@playwright/test";
import { log, startServer } from "./harness";

const { values } = parseArgs({
  options: {
    sizes: { type: "string", default: "1000,20000,100000" },
    graph: { type: "string", default: "500" },
    port: { type: "string", default: "3320" },
    json: { type: "boolean", default: false },
    keep: { type: "boolean", default: false },
  },
});
const sizes = values.sizes.split(",").map(Number);
const graphNodes = Number(values.graph);
const port = Number(values.port);
const url = `http://localhost:${port}`;
const key = "sk-arb-bench-ui-0123456789abcdef";
const admin = { email: "admin@arbiter.local", password: "bench-admin-password" };

const hex = (bytes: number) => randomBytes(bytes).toString("hex");

interface NativeSpan {
  traceId: string;
  spanId: string;
  parentSpanId?: string;
  name: string;
  kind: string;
  agent?: string;
  model?: string;
  startTime: number;
  endTime: number;
  status: "ok" | "error";
  inputTokens?: number;
  outputTokens?: number;
}

/**
 * A multi-agent trace of `size` spans: an orchestrator delegating to sub-agents (up to depth 6,
 * 40 distinct agents), each running model calls and tools, some tools with spans of their own.
 */
function multiAgentTrace(size: number): NativeSpan[] {
  const traceId = hex(16);
  const t0 = Date.now() - 3_600_000;
  const spans: NativeSpan[] = [];
  const agentSpans: { spanId: string; agent: string; depth: number }[] = [];
  const rootId = hex(8);
  spans.push({
    traceId,
    spanId: rootId,
    name: "invoke_agent orchestrator",
    kind: "agent",
    agent: "orchestrator",
    startTime: t0,
    endTime: t0 + size * 10 + 1000,
    status: "ok",
  });
  agentSpans.push({ spanId: rootId, agent: "orchestrator", depth: 0 });
  let clock = t0 + 5;
  let current = agentSpans[0]!;
  while (spans.length < size) {
    const i = spans.length;
    if (i % 50 === 1) {
      const parents = agentSpans.filter((a) => a.depth < 6);
      const parent = parents[(i * 7919) % parents.length]!;
      const agent = `agent-${((i / 50) % 40) | 0}`;
      const spanId = hex(8);
      spans.push({
        traceId,
        spanId,
        parentSpanId: parent.spanId,
        name: `invoke_agent ${agent}`,
        kind: "agent",
        agent,
        startTime: clock,
        endTime: clock + 500,
        status: "ok",
      });
      current = { spanId, agent, depth: parent.depth + 1 };
      agentSpans.push(current);
    } else if (i % 3 === 0) {
      spans.push({
        traceId,
        spanId: hex(8),
        parentSpanId: current.spanId,
        name: "chat gpt-4o-mini",
        kind: "llm",
        model: "gpt-4o-mini",
        startTime: clock,
        endTime: clock + 40,
        status: "ok",
        inputTokens: 400,
        outputTokens: 80,
      });
    } else {
      const toolId = hex(8);
      spans.push({
        traceId,
        spanId: toolId,
        parentSpanId: current.spanId,
        name: `execute_tool tool_${i % 17}`,
        kind: "tool",
        startTime: clock,
        endTime: clock + 25,
        status: i % 97 === 0 ? "error" : "ok",
      });
      if (i % 5 === 0 && spans.length < size) {
        spans.push({
          traceId,
          spanId: hex(8),
          parentSpanId: toolId,
          name: "http GET",
          kind: "other",
          startTime: clock + 2,
          endTime: clock + 20,
          status: "ok",
        });
      }
    }
    clock += 10;
  }
  return spans;
}

/** A trace whose graph has `nodes` nodes: half agents each delegating, half their own tools. */
function graphTrace(nodes: number): NativeSpan[] {
  const traceId = hex(16);
  const t0 = Date.now() - 1_800_000;
  const agents = Math.floor(nodes / 2);
  const spans: NativeSpan[] = [];
  const ids: string[] = [];
  for (let a = 0; a < agents; a++) {
    const spanId = hex(8);
    ids.push(spanId);
    const parent = a === 0 ? undefined : ids[Math.floor((a - 1) / 3)];
    spans.push({
      traceId,
      spanId,
      ...(parent ? { parentSpanId: parent } : {}),
      name: `invoke_agent graph-agent-${a}`,
      kind: "agent",
      agent: `graph-agent-${a}`,
      startTime: t0 + a * 10,
      endTime: t0 + a * 10 + 500,
      status: a % 37 === 0 ? "error" : "ok",
    });
    spans.push({
      traceId,
      spanId: hex(8),
      parentSpanId: spanId,
      name: `execute_tool tool-of-${a}`,
      kind: "tool",
      startTime: t0 + a * 10 + 1,
      endTime: t0 + a * 10 + 30,
      status: "ok",
    });
  }
  return spans;
}

async function ingest(spans: NativeSpan[]) {
  for (let i = 0; i < spans.length; i += 5000) {
    const batch = spans.slice(i, i + 5000).map((body, k) => ({ id: `s${i + k}`, type: "span", body }));
    const response = await fetch(`${url}/api/v1/ingest`, {
      method: "POST",
      headers: { authorization: `Bearer ${key}`, "content-type": "application/json" },
      body: JSON.stringify({ batch }),
    });
    if (response.status !== 207 && response.status !== 200) {
      throw new Error(`ingest answered ${response.status}: ${(await response.text()).slice(0, 300)}`);
    }
  }
}

// Installed before any page script: long tasks, and the first frame with waterfall rows.
// (tsx names functions with __name; evaluated functions need it defined in the page.)
const PROBE = `
  globalThis.__name = (f) => f;
  window.__bench = { longest: 0, lastLongEnd: 0, firstRows: null, graphReady: null };
  new PerformanceObserver((list) => {
    for (const e of list.getEntries()) {
      window.__bench.longest = Math.max(window.__bench.longest, e.duration);
      window.__bench.lastLongEnd = Math.max(window.__bench.lastLongEnd, e.startTime + e.duration);
    }
  }).observe({ type: "longtask", buffered: true });
  const seen = new MutationObserver(() => {
    if (window.__bench.firstRows === null && document.querySelector('[role="treeitem"]')) {
      window.__bench.firstRows = -1;
      requestAnimationFrame(() => setTimeout(() => { window.__bench.firstRows = performance.now(); }));
    }
    if (window.__bench.graphReady === null && document.querySelector(".react-flow__node")) {
      window.__bench.graphReady = -1;
      requestAnimationFrame(() => setTimeout(() => { window.__bench.graphReady = performance.now(); }));
    }
  });
  seen.observe(document, { childList: true, subtree: true });
`;

interface Probe {
  longest: number;
  lastLongEnd: number;
  firstRows: number | null;
  graphReady: number | null;
}

/**
 * Waits until the main thread has run no long task for `quietMs`: whatever the page does after
 * the moment measured is over, so its long tasks count too.
 */
function settle(page: Page, quietMs: number) {
  return page.waitForFunction(
    (q) => performance.now() - (window as unknown as { __bench: Probe }).__bench.lastLongEnd > q,
    quietMs,
    { timeout: 120_000 },
  );
}

async function heapMb(page: Page) {
  const cdp = await page.context().newCDPSession(page);
  await cdp.send("HeapProfiler.collectGarbage");
  const { usedSize } = (await cdp.send("Runtime.getHeapUsage")) as { usedSize: number };
  await cdp.detach();
  return usedSize / 1024 / 1024;
}

async function measureWaterfall(page: Page, traceId: string, spans: number) {
  await page.goto(`${url}/bench/traces/${traceId}`, { waitUntil: "commit" });
  await page.waitForFunction(() => ((window as unknown as { __bench: Probe }).__bench.firstRows ?? -1) > 0, null, {
    timeout: 120_000,
  });
  await settle(page, 1000);
  const probe = await page.evaluate(() => (window as unknown as { __bench: Probe }).__bench);
  const api = await page.evaluate(() => {
    const entry = performance.getEntriesByType("resource").find((e) => e.name.includes("/spans?")) as
      PerformanceResourceTiming | undefined;
    return entry
      ? {
          start: entry.startTime,
          server: entry.responseStart - entry.requestStart,
          total: entry.responseEnd - entry.startTime,
          kb: entry.encodedBodySize / 1024,
          htmlDone: (performance.getEntriesByType("navigation")[0] as PerformanceNavigationTiming).responseEnd,
        }
      : null;
  });
  const heap = await heapMb(page);
  const rowsShown = await page.getByRole("treeitem").count();
  await page.getByRole("button", { name: "Collapse all" }).click();
  await page.waitForFunction(() => document.querySelectorAll('[role="treeitem"]').length <= 2);
  await page.evaluate(() => {
    (window as unknown as { __bench: Probe }).__bench.longest = 0;
  });
  const expandScroll = await page.evaluate(async () => {
    const frame = () => new Promise((r) => requestAnimationFrame(() => setTimeout(r)));
    const button = [...document.querySelectorAll("button")].find((b) => b.textContent === "Expand all")!;
    const tree = document.querySelector('[role="tree"]') as HTMLElement;
    const started = performance.now();
    button.click();
    await frame();
    tree.scrollTop = tree.scrollHeight;
    await frame();
    await frame();
    return performance.now() - started;
  });
  const lastLabel = await page.getByText(/spans shown/).textContent();
  await settle(page, 300);
  const expandLongest = await page.evaluate(() => (window as unknown as { __bench: Probe }).__bench.longest);
  return {
    spans,
    firstRowsMs: Math.round(probe.firstRows!),
    longestTaskMs: Math.round(probe.longest),
    heapMb: Math.round(heap),
    rowsInDom: rowsShown,
    expandAllAndScrollMs: Math.round(expandScroll),
    expandLongestTaskMs: Math.round(expandLongest),
    shown: lastLabel?.split("·")[0]?.trim() ?? "",
    htmlMs: Math.round(api?.htmlDone ?? 0),
    spansRequestStartMs: Math.round(api?.start ?? 0),
    spansServerMs: Math.round(api?.server ?? 0),
    spansTotalMs: Math.round(api?.total ?? 0),
    spansKb: Math.round(api?.kb ?? 0),
  };
}

async function measureGraph(page: Page, traceId: string, nodes: number) {
  await page.goto(`${url}/bench/traces/${traceId}?view=graph`, { waitUntil: "commit" });
  await page.waitForFunction(() => ((window as unknown as { __bench: Probe }).__bench.graphReady ?? -1) > 0, null, {
    timeout: 120_000,
  });
  await settle(page, 1000);
  const probe = await page.evaluate(() => (window as unknown as { __bench: Probe }).__bench);
  // Input stays live while ELK works: a click on the Waterfall tab answers at once.
  const note = await page
    .getByRole("note")
    .textContent()
    .catch(() => null);
  const drawn = await page.locator(".react-flow__node").count();
  return {
    nodes,
    graphReadyMs: Math.round(probe.graphReady!),
    longestTaskMs: Math.round(probe.longest),
    nodesInDom: drawn,
    aggregated: note,
  };
}

const dataDir = mkdtempSync(path.join(os.tmpdir(), "arbiter-bench-ui-"));
log(`starting the production server on :${port} (builds first if the sources changed)`);
const server = await startServer({
  port,
  env: {
    ARBITER_DATA_DIR: dataDir,
    ARBITER_DEMO: "0",
    ARBITER_ADMIN_PASSWORD: admin.password,
    ARBITER_INIT_WORKSPACE: "bench",
    ARBITER_INIT_PUBLIC_KEY: "pk-arb-bench-ui",
    ARBITER_INIT_SECRET_KEY: key,
    NEXTAUTH_URL: url,
    DATABASE_URL: "",
  },
});
try {
  const traces: { size: number; traceId: string }[] = [];
  for (const size of sizes) {
    const spans = multiAgentTrace(size);
    const started = Date.now();
    await ingest(spans);
    log(`ingested a ${size.toLocaleString("en-US")}-span trace in ${Date.now() - started} ms`);
    traces.push({ size, traceId: spans[0]!.traceId });
  }
  const graph = graphTrace(graphNodes);
  await ingest(graph);

  const browser = await chromium.launch({
    executablePath: process.env.CHROMIUM_PATH ?? "/usr/bin/chromium",
    args: ["--no-sandbox", "--enable-precise-memory-info"],
  });
  const context = await browser.newContext({ viewport: { width: 1440, height: 900 } });
  const signIn = await context.newPage();
  await signIn.goto(`${url}/sign-in`);
  await signIn.getByLabel("Email").fill(admin.email);
  await signIn.getByLabel("Password").fill(admin.password);
  await signIn.getByRole("button", { name: /sign in/i }).click();
  await signIn.waitForURL((u) => !u.pathname.startsWith("/sign-in"));
  await signIn.close();

  const waterfalls = [];
  for (const t of traces) {
    const page = await context.newPage();
    await page.addInitScript(PROBE);
    // A warm-up visit, so the first measurement is not also the server's first compile of the route.
    if (t === traces[0]) await page.goto(`${url}/bench/traces/${t.traceId}`);
    waterfalls.push(await measureWaterfall(page, t.traceId, t.size));
    log(`measured the ${t.size.toLocaleString("en-US")}-span waterfall`);
    await page.close();
  }
  const graphPage = await context.newPage();
  await graphPage.addInitScript(PROBE);
  const graphResult = await measureGraph(graphPage, graph[0]!.traceId, graphNodes);
  await browser.close();

  if (values.json) console.log(JSON.stringify({ waterfalls, graph: graphResult }));
  else {
    const fmt = (n: number) => n.toLocaleString("en-US");
    console.log(`\ntrace UI benchmark: production build, embedded database, Chromium, ${os.cpus().length} cores\n`);
    console.log(
      "spans      first rows ms   longest task ms   JS heap MB   expand all + scroll ms (longest task)   of which: HTML done / spans requested / server / transfer done ms, KB",
    );
    for (const w of waterfalls) {
      console.log(
        `${fmt(w.spans).padEnd(10)} ${fmt(w.firstRowsMs).padStart(13)}   ${fmt(w.longestTaskMs).padStart(15)}   ${fmt(w.heapMb).padStart(10)}   ${fmt(w.expandAllAndScrollMs).padStart(8)} (${fmt(w.expandLongestTaskMs)})${" ".repeat(20)}${fmt(w.htmlMs)} / ${fmt(w.spansRequestStartMs)} / ${fmt(w.spansServerMs)} / ${fmt(w.spansRequestStartMs + w.spansTotalMs)}, ${fmt(w.spansKb)} KB`,
      );
    }
    console.log(
      `\nagent graph of ${fmt(graphResult.nodes)} agents/tools: laid out and drawn in ${fmt(graphResult.graphReadyMs)} ms after navigation, longest main-thread task ${fmt(graphResult.longestTaskMs)} ms, ${fmt(graphResult.nodesInDom)} nodes in the DOM${graphResult.aggregated ? ` (${graphResult.aggregated})` : ""}`,
    );
  }
  if (values.keep) {
    log(
      `--keep: the server stays up at ${url} (data in ${dataDir}); traces: ${traces.map((t) => t.traceId).join(" ")}`,
    );
    await new Promise(() => undefined);
  }
} finally {
  await server.stop();
  rmSync(dataDir, { recursive: true, force: true });
}
