import { expect, test, type APIRequestContext } from "@playwright/test";
import { E2E } from "../playwright.config";
import { addMemberViaUi, askDecision, registerAgent, signInPage } from "./helpers";

const ws = E2E.init.workspace;
const auth = (secret: string) => ({ authorization: `Bearer ${secret}` });
const hex = (n: number, width: number) => n.toString(16).padStart(width, "0");
const DAY = 86_400_000;

/** One LLM span per entry, each its own trace (named by `run`), with a reported cost. */
async function spend(
  request: APIRequestContext,
  secret: string,
  spans: { trace: number; agent: string; model: string; cost: number; daysAgo: number; run?: string }[],
) {
  const batch = spans.flatMap((s, i) => {
    const start = Date.now() - s.daysAgo * DAY - 60_000;
    const traceId = hex(s.trace, 32);
    const root = hex(s.trace * 16 + 1, 16);
    return [
      {
        id: `r${i}`,
        type: "span",
        body: {
          traceId,
          spanId: root,
          name: s.run ?? `invoke_agent ${s.agent}`,
          kind: "agent",
          agent: s.agent,
          startTime: start,
          endTime: start + 5000,
        },
      },
      {
        id: `l${i}`,
        type: "span",
        body: {
          traceId,
          spanId: hex(s.trace * 16 + 2, 16),
          parentSpanId: root,
          name: `chat ${s.model}`,
          kind: "llm",
          model: s.model,
          startTime: start + 100,
          endTime: start + 4000,
          inputTokens: 1200,
          outputTokens: 300,
          costUsd: s.cost,
        },
      },
    ];
  });
  const response = await request.post("/api/v1/ingest", { headers: auth(secret), data: { batch } });
  expect(response.status()).toBe(207);
  expect((await response.json()).errors).toEqual([]);
}

test("an engineer stacks spend by model, narrows the range and follows the costliest trace; a manager compares workspaces", async ({
  browser,
  request,
}) => {
  const base = 0x7c0000 + (Date.now() % 100_000) * 16;
  await spend(request, E2E.init.secret, [
    { trace: base + 1, agent: "refund-e2e", model: "gpt-4o", cost: 7.5, daysAgo: 2, run: "costly refund run" },
    { trace: base + 2, agent: "triage-e2e", model: "claude-sonnet-4-20250514", cost: 1.2, daysAgo: 4 },
    { trace: base + 3, agent: "triage-e2e", model: "gpt-4o-mini", cost: 0.4, daysAgo: 20 },
  ]);
  const engineer = await addMemberViaUi(browser, E2E.admin, {
    workspace: ws,
    email: `engineer-costs-${Date.now()}@e2e.test`,
    role: "ENGINEER",
  });
  const page = await signInPage(browser, engineer.email, engineer.password);
  await page.goto(`/${ws}/costs?range=30d&tz=UTC`);
  await expect(page.getByRole("heading", { name: "Costs", level: 1 })).toBeVisible();
  await expect(page.getByTestId("spend-chart").locator(".recharts-bar-rectangle").first()).toBeVisible();
  await expect(page.getByRole("table", { name: "Top agents" })).toContainText("refund-e2e");

  await page.getByRole("group", { name: "Stack by" }).getByRole("link", { name: "Models" }).click();
  await expect(page).toHaveURL(/by=model/);
  await expect(page.getByRole("figure", { name: "Spend over time" })).toContainText("gpt-4o-mini");

  await page.getByRole("group", { name: "Range" }).getByRole("link", { name: "Last 7 days" }).click();
  await expect(page).toHaveURL(/range=7d/);
  // The 20-day-old run has left the range: its model is gone from the legend.
  await expect(page.getByRole("figure", { name: "Spend over time" })).not.toContainText("gpt-4o-mini");
  await expect(page.getByRole("table", { name: "Top models" })).not.toContainText("gpt-4o-mini");

  const costliest = page.getByRole("table", { name: "Most expensive traces" }).getByRole("row").nth(1);
  await expect(costliest).toContainText("$7.50");
  await costliest.getByRole("link", { name: "costly refund run" }).click();
  await expect(page).toHaveURL(new RegExp(`/${ws}/traces/${hex(base + 1, 32)}`));
  await page.context().close();

  // The manager (the admin) adds a second workspace with its own agents' spend, then compares.
  const admin = await signInPage(browser, E2E.admin.email, E2E.admin.password);
  const slug = `costs-${Date.now().toString(36)}`;
  await admin.goto("/workspaces/new");
  await admin.getByLabel("Name").fill("platform cost centre");
  await admin.getByLabel("URL slug").fill(slug);
  await admin.getByRole("button", { name: "Create workspace" }).click();
  await expect(admin).toHaveURL(new RegExp(`/${slug}$`));
  await admin.goto(`/${slug}/settings/api-keys`);
  await admin.getByLabel("Key name").fill("cost centre ingest");
  await admin.getByRole("button", { name: "Create API key" }).click();
  const secret = ((await admin.getByLabel("Secret key").textContent()) ?? "").trim();
  await spend(request, secret, [{ trace: base + 9, agent: "analyst-e2e", model: "gpt-4o", cost: 3.25, daysAgo: 1 }]);

  await admin.goto("/costs?range=7d&tz=UTC");
  await expect(admin.getByRole("heading", { name: "Costs across workspaces" })).toBeVisible();
  const table = admin.getByRole("table", { name: "Cost by workspace" });
  await expect(table.getByRole("row", { name: /platform cost centre/ })).toContainText("$3.25");
  await expect(table.getByRole("row", { name: /platform cost centre/ })).toContainText("analyst-e2e");
  await expect(table.getByRole("row")).toHaveCount(3);
  await expect(admin.getByTestId("spend-chart").locator(".recharts-bar-rectangle").first()).toBeVisible();
  await admin.screenshot({ path: "docs/screenshots/costs-overview.png", fullPage: true });
  await admin.context().close();
});

test("an agent budget alerts once at 80 %, holds purchases at 100 % naming the budget, and stops them once set to stop", async ({
  browser,
  request,
}) => {
  const agent = `buyer-budget-${Date.now().toString(36)}`;
  const base = 0x9d0000 + (Date.now() % 100_000) * 16;
  await registerAgent(request, { secret: E2E.init.secret, agent, traceId: hex(base, 32), spanId: hex(base, 16) });
  const page = await signInPage(browser, E2E.admin.email, E2E.admin.password);
  await page.goto(`/${ws}/costs/budgets/new`);
  await page.getByLabel("Name", { exact: true }).fill(`${agent} monthly`);
  await page.getByLabel("Limit (USD)").fill("10");
  await page.getByLabel("Agent", { exact: true }).selectOption({ label: agent });
  await page.getByLabel("Time zone").fill("UTC");
  await page.getByRole("radio", { name: "Hold for approval" }).check();
  await page.getByRole("button", { name: "Create budget" }).click();
  await expect(page.getByRole("heading", { name: `${agent} monthly`, level: 1 })).toBeVisible();
  await expect(page.getByText(/Resets at/)).toBeVisible();

  const purchase = { agent, action: "purchase", resource: { kind: "vendor", id: "acme" }, context: { amount: 20 } };
  expect((await askDecision(request, E2E.init.secret, purchase)).decision).toBe("ALLOW");

  // $8.50 of spend: past 50 % and 80 %. Sent twice: counted once, alerted once.
  const eightyFifty = [{ trace: base + 1, agent, model: "gpt-4o", cost: 8.5, daysAgo: 0 }];
  await spend(request, E2E.init.secret, eightyFifty);
  const alerts = page.getByRole("list").filter({ hasText: "reached" });
  await expect(async () => {
    await page.reload();
    await expect(page.getByText(/reached 80 % of its \$10\.00 limit/)).toHaveCount(1);
  }).toPass({ timeout: 15_000 });
  await spend(request, E2E.init.secret, eightyFifty);

  // Crossing 100 % after the re-send: once its alert shows, the monitor has read the re-send too —
  // the spend counted it once ($10.50, not $19) and raised no second 80 % alert.
  await spend(request, E2E.init.secret, [{ trace: base + 2, agent, model: "gpt-4o", cost: 2, daysAgo: 0 }]);
  await expect(async () => {
    await page.reload();
    await expect(page.getByText(/reached 100 % of its \$10\.00 limit \(\$10\.50 spent\)/)).toHaveCount(1);
  }).toPass({ timeout: 15_000 });
  await expect(page.getByText(/reached 80 % of its \$10\.00 limit/)).toHaveCount(1);
  await expect(alerts.first()).toBeVisible();

  // The next purchase waits for a person, naming the budget; a read does not.
  await expect
    .poll(async () => (await askDecision(request, E2E.init.secret, purchase)).decision, { timeout: 15_000 })
    .toBe("REQUIRE_APPROVAL");
  const held = await askDecision(request, E2E.init.secret, purchase);
  expect(held.reasons[0].message).toContain(`Budget "${agent} monthly" is at 105 %`);
  expect(
    (
      await askDecision(request, E2E.init.secret, {
        ...purchase,
        action: "read",
        resource: { kind: "table", id: "orders" },
      })
    ).decision,
  ).toBe("ALLOW");

  // Set to stop: purchases are denied.
  await page.reload();
  await page.getByRole("radio", { name: "Stop" }).check();
  await page.getByRole("button", { name: "Save budget" }).click();
  await expect(page.getByText("Saved.")).toBeVisible();
  const stopped = await askDecision(request, E2E.init.secret, purchase);
  expect(stopped.decision).toBe("DENY");
  expect(stopped.reasons[0].message).toContain("stopped");
  const read = { ...purchase, action: "read", resource: { kind: "table", id: "orders" } };
  expect((await askDecision(request, E2E.init.secret, read)).decision).toBe("ALLOW");
  await page.reload();
  await page.evaluate(() => window.scrollTo(0, 0));
  await expect(page.getByTestId("budget-chart")).toBeVisible();
  await page.screenshot({ path: "docs/screenshots/costs-budget.png", fullPage: true });
  await page.goto(`/${ws}/costs?range=7d&tz=UTC`);
  await expect(page.getByTestId("spend-chart").locator(".recharts-bar-rectangle").first()).toBeVisible();
  await page.screenshot({ path: "docs/screenshots/costs-workspace.png", fullPage: true });
  await page.context().close();
});
