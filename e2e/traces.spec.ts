import { execFileSync } from "node:child_process";
import { expect, test } from "@playwright/test";
import { E2E } from "../playwright.config";
import { signInPage } from "./helpers";

test("the trace list shows what an agent sent, and filters it by agent and status", async ({ browser, request }) => {
  const auth = { authorization: `Bearer ${E2E.init.secret}` };
  const ns = (ms: number) => String(BigInt(Date.now() - 60_000 + ms) * 1_000_000n);
  const span = (traceId: string, spanId: string, agent: string, error: boolean) => ({
    traceId,
    spanId,
    name: `invoke_agent ${agent}`,
    startTimeUnixNano: ns(0),
    endTimeUnixNano: ns(1500),
    attributes: [
      { key: "gen_ai.operation.name", value: { stringValue: "invoke_agent" } },
      { key: "gen_ai.agent.name", value: { stringValue: agent } },
    ],
    status: error ? { code: 2, message: "tool failed" } : { code: 1 },
  });
  const ok = "aaaa2f3577b34da6a3ce929d0e0e4736";
  const failed = "bbbb2f3577b34da6a3ce929d0e0e4736";
  const sent = await request.post("/api/public/otel/v1/traces", {
    headers: auth,
    data: {
      resourceSpans: [
        {
          scopeSpans: [
            {
              spans: [
                span(ok, "00f067aa0ba90201", "list-agent", false),
                span(failed, "00f067aa0ba90202", "list-agent", true),
                {
                  traceId: failed,
                  spanId: "00f067aa0ba90203",
                  parentSpanId: "00f067aa0ba90202",
                  name: "chat gpt-4o",
                  startTimeUnixNano: ns(100),
                  endTimeUnixNano: ns(900),
                  attributes: [
                    { key: "gen_ai.operation.name", value: { stringValue: "chat" } },
                    { key: "gen_ai.request.model", value: { stringValue: "gpt-4o" } },
                    { key: "gen_ai.usage.input_tokens", value: { intValue: 1000 } },
                    { key: "gen_ai.usage.output_tokens", value: { intValue: 200 } },
                    {
                      key: "gen_ai.input.messages",
                      value: { stringValue: JSON.stringify([{ role: "user", content: "Refund order 4242, please" }]) },
                    },
                  ],
                },
              ],
            },
          ],
        },
      ],
    },
  });
  expect(sent.status()).toBe(200);

  const page = await signInPage(browser, E2E.admin.email, E2E.admin.password);
  await page.goto(`/${E2E.init.workspace}/traces`);
  await page.getByLabel("Agent").selectOption("list-agent");
  await expect(page).toHaveURL(/agent=list-agent/);
  const table = page.getByRole("table", { name: "Traces" });
  await expect(table.getByRole("row", { name: new RegExp(ok) })).toContainText("ok");
  await expect(table.getByRole("row", { name: new RegExp(failed) })).toContainText("1 error");

  await page.getByLabel("Status").selectOption("ERROR");
  await expect(page).toHaveURL(/status=ERROR/);
  await expect(table.getByRole("row", { name: new RegExp(failed) })).toBeVisible();
  await expect(table.getByRole("row", { name: new RegExp(ok) })).toHaveCount(0);

  // Open the failed run: its rows, collapse and expand, and one span's input.
  await table.getByRole("link", { name: "invoke_agent list-agent" }).click();
  await expect(page).toHaveURL(new RegExp(`/traces/${failed}$`));
  const waterfall = page.getByRole("tree", { name: "Waterfall" });
  await expect(waterfall.getByRole("treeitem")).toHaveCount(2);
  await page.getByRole("button", { name: "Collapse invoke_agent list-agent" }).click();
  await expect(waterfall.getByRole("treeitem")).toHaveCount(1);
  await page.getByRole("button", { name: "Expand invoke_agent list-agent" }).click();
  await waterfall.getByRole("treeitem", { name: "chat gpt-4o" }).click();
  const detail = page.getByRole("complementary", { name: "Span detail" });
  await expect(detail).toContainText("gpt-4o");
  await expect(detail).toContainText("Refund order 4242, please");
  await expect(detail).toContainText("$0.0045");

  // Search expands to matches; zoom narrows the time axis to the selected span and back.
  await page.getByRole("button", { name: "Collapse all" }).click();
  await expect(waterfall.getByRole("treeitem")).toHaveCount(1);
  await page.getByLabel("Search spans").fill("GPT-4O");
  await expect(waterfall.getByRole("treeitem", { name: "chat gpt-4o" })).toBeVisible();
  await expect(page.getByText(/1 match/)).toBeVisible();
  await waterfall.getByRole("treeitem", { name: "chat gpt-4o" }).click();
  await page.getByRole("button", { name: "Zoom to span" }).click();
  await expect(page.getByText(/zoomed to 800 ms of/)).toBeVisible();
  await page.getByRole("button", { name: "Reset zoom" }).click();
  await expect(page.getByRole("button", { name: "Zoom to span" })).toBeVisible();
  // A search that finds nothing says so.
  await page.getByLabel("Search spans").fill("no-such-span-anywhere");
  await expect(page.getByText(/· no matches/)).toBeVisible();

  // The search finds a trace by a word of a child span's name and by its id's beginning.
  await page.goto(`/${E2E.init.workspace}/traces?q=GPT-4O`);
  await expect(
    page.getByRole("table", { name: "Traces" }).getByRole("row", { name: new RegExp(failed) }),
  ).toBeVisible();
  await page.goto(`/${E2E.init.workspace}/traces?q=${ok.slice(0, 8)}`);
  const byPrefix = page.getByRole("table", { name: "Traces" });
  await expect(byPrefix.getByRole("row", { name: new RegExp(ok) })).toBeVisible();
  await expect(byPrefix.getByRole("row", { name: new RegExp(failed) })).toHaveCount(0);

  // A list filter that matches nothing says so, with a way back.
  await page.goto(`/${E2E.init.workspace}/traces?q=no-such-trace-anywhere`);
  await expect(page.getByRole("status")).toHaveText(/No traces match these filters in the last 30 days\./);
  await page.getByRole("link", { name: "Reset the filters" }).click();
  await expect(page.getByRole("table", { name: "Traces" })).toBeVisible();
});

test("a multi-agent trace reads as messages, draws its agent graph, and a node filters the waterfall", async ({
  browser,
  request,
}) => {
  const traceId = "cccc2f3577b34da6a3ce929d0e0e4736";
  const t0 = Date.now() - 120_000;
  const body = (
    spanId: string,
    parentSpanId: string | null,
    extra: Record<string, unknown>,
    at: number,
    ms: number,
  ) => ({
    traceId,
    spanId,
    ...(parentSpanId ? { parentSpanId } : {}),
    startTime: t0 + at,
    endTime: t0 + at + ms,
    status: "ok",
    ...extra,
  });
  const spans = [
    body("1000000000000001", null, { name: "invoke_agent triage", kind: "agent", agent: "triage" }, 0, 5000),
    body(
      "1000000000000002",
      "1000000000000001",
      {
        name: "chat claude",
        kind: "llm",
        model: "gpt-4o",
        input: [
          { role: "system", content: "You route customer requests." },
          { role: "user", content: "My order 77 arrived broken" },
        ],
        output: [{ role: "assistant", content: "Handing you to refunds." }],
      },
      10,
      400,
    ),
    body(
      "1000000000000003",
      "1000000000000001",
      { name: "invoke_agent checker", kind: "agent", agent: "checker" },
      450,
      300,
    ),
    body(
      "1000000000000004",
      "1000000000000001",
      { name: "transfer_to_refunder", kind: "handoff", handoffTo: "refunder" },
      800,
      5,
    ),
    body(
      "1000000000000005",
      "1000000000000001",
      { name: "invoke_agent refunder", kind: "agent", agent: "refunder" },
      820,
      3000,
    ),
    body(
      "1000000000000006",
      "1000000000000005",
      { name: "issue_refund", kind: "tool", status: "error", statusMessage: "payment gateway timeout" },
      900,
      700,
    ),
  ];
  const sent = await request.post("/api/v1/ingest", {
    headers: { authorization: `Bearer ${E2E.init.secret}` },
    data: { batch: spans.map((s, i) => ({ id: `s${i}`, type: "span", body: s })) },
  });
  expect(sent.status()).toBe(207);
  expect((await sent.json()).errors).toEqual([]);

  const page = await signInPage(browser, E2E.admin.email, E2E.admin.password);
  await page.goto(`/${E2E.init.workspace}/traces`);
  await page.getByLabel("Agent").selectOption("refunder");
  await expect(page).toHaveURL(/agent=refunder/);
  await page.getByLabel("Status").selectOption("ERROR");
  await expect(page).toHaveURL(/agent=refunder&status=ERROR/);
  const table = page.getByRole("table", { name: "Traces" });
  await expect(table.getByRole("row")).toHaveCount(2); // header + this trace
  await table.getByRole("link", { name: "invoke_agent triage" }).click();

  // Chat messages read as messages, with their roles.
  const waterfall = page.getByRole("tree", { name: "Waterfall" });
  await waterfall.getByRole("treeitem", { name: "chat claude" }).click();
  const input = page.getByRole("region", { name: "Input" });
  await expect(input).toContainText("system");
  await expect(input).toContainText("My order 77 arrived broken");
  await expect(page.getByRole("region", { name: "Output" })).toContainText("Handing you to refunds.");
  // Kind labels are whole words ("HANDOFF", not "HANDO").
  await expect(waterfall.getByRole("treeitem", { name: "transfer_to_refunder" })).toContainText(/HANDOFF/i);

  // The graph: three agents, a delegation, a handoff and a failing tool call.
  await page.getByRole("tab", { name: "Agent graph" }).click();
  await expect(page).toHaveURL(/view=graph/);
  const graph = page.getByRole("region", { name: "Agent graph" });
  for (const node of ["agent triage", "agent checker", "agent refunder", "tool issue_refund"]) {
    await expect(graph.getByLabel(node, { exact: true })).toBeVisible();
  }
  await expect(graph.getByLabel("delegation agent:triage to agent:checker")).toHaveCount(1);
  await expect(graph.getByLabel("handoff agent:triage to agent:refunder")).toHaveCount(1);
  await expect(graph.getByLabel("tool agent:refunder to tool:issue_refund")).toHaveCount(1);
  await expect(graph.getByText("3 agents · 3 edges")).toBeVisible();

  // Selecting an agent filters the waterfall to its spans (and the ancestors that place them).
  await graph.getByLabel("agent refunder", { exact: true }).click();
  await expect(page.getByText("Agent refunder: 2 spans")).toBeVisible();
  await expect(waterfall.getByRole("treeitem")).toHaveCount(3);
  await expect(waterfall.getByRole("treeitem", { name: "chat claude" })).toHaveCount(0);
  await page.getByRole("button", { name: "Clear the filter" }).click();
  await expect(waterfall.getByRole("treeitem")).toHaveCount(6);
});

test("on simulator data: filter, open a multi-agent run, read a span, see its agent graph and filter by an agent", async ({
  browser,
}) => {
  // The support-refunds scenario through the OpenTelemetry SDK: triage hands off to a refund agent.
  execFileSync(
    process.execPath,
    [
      "--import",
      "tsx",
      "scripts/simulate.ts",
      "--url",
      E2E.baseURL,
      "--key",
      E2E.init.secret,
      "--traces",
      "8",
      "--rate",
      "50",
      "--scenario",
      "support-refunds",
      "--seed",
      "11",
    ],
    { stdio: "ignore" },
  );
  const page = await signInPage(browser, E2E.admin.email, E2E.admin.password);
  await page.goto(`/${E2E.init.workspace}/traces`);
  await page.getByLabel("Agent").selectOption("refund-agent");
  await expect(page).toHaveURL(/agent=refund-agent/);
  await page.getByLabel("Status").selectOption("OK");
  await expect(page).toHaveURL(/agent=refund-agent&status=OK/);
  const table = page.getByRole("table", { name: "Traces" });
  const row = table.getByRole("row").filter({ hasText: "triage-agent" }).first();
  await expect(row).toContainText("refund-agent");
  await row.getByRole("link", { name: "triage-agent" }).click();

  const waterfall = page.getByRole("tree", { name: "Waterfall" });
  await expect(waterfall.getByRole("treeitem", { name: "issue_refund" }).first()).toBeVisible();
  const all = await waterfall.getByRole("treeitem").count();
  expect(all).toBeGreaterThanOrEqual(6);
  await page.getByRole("button", { name: "Collapse refund-agent" }).click();
  await expect(waterfall.getByRole("treeitem")).toHaveCount(all - 3);
  await page.getByRole("button", { name: "Expand refund-agent" }).click();
  await expect(waterfall.getByRole("treeitem")).toHaveCount(all);
  await waterfall.getByRole("treeitem", { name: "ChatCompletion" }).last().click();
  await expect(page.getByRole("region", { name: "Input" })).toContainText("Decide a refund for order");
  await expect(page.getByRole("region", { name: "Output" })).toContainText("Refund");

  await page.getByRole("tab", { name: "Agent graph" }).click();
  const graph = page.getByRole("region", { name: "Agent graph" });
  for (const node of ["agent triage-agent", "agent refund-agent", "tool lookup_order", "tool issue_refund"]) {
    await expect(graph.getByLabel(node, { exact: true })).toBeVisible();
  }
  await expect(graph.getByLabel("handoff agent:triage-agent to agent:refund-agent")).toHaveCount(1);
  await graph.getByLabel("agent refund-agent", { exact: true }).click();
  await expect(page.getByText(/Agent refund-agent: \d+ spans/)).toBeVisible();
  await expect(waterfall.getByRole("treeitem", { name: "transfer_to_refund-agent" })).toHaveCount(0);
});
