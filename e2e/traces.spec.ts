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
});
