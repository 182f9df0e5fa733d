import { expect, test } from "@playwright/test";
import { E2E } from "../playwright.config";
import { registerAgent, signInPage } from "./helpers";

test("an agent's decision shows in the decisions log with the policy that decided it", async ({ browser, request }) => {
  const auth = { authorization: `Bearer ${E2E.init.secret}` };
  await registerAgent(request, {
    secret: E2E.init.secret,
    agent: "e2e-refunder",
    traceId: "dddd2f3577b34da6a3ce929d0e0e4736",
    spanId: "2000000000000001",
  });
  const asked = await request.post("/api/v1/decisions", {
    headers: auth,
    data: {
      agent: "e2e-refunder",
      action: "refund",
      resource: { kind: "order", id: "o-77" },
      context: { amount: 750, confidence: 0.99 },
      traceId: "dddd2f3577b34da6a3ce929d0e0e4736",
    },
  });
  expect(asked.status()).toBe(200);
  const answer = await asked.json();
  expect(answer.decision).toBe("REQUIRE_APPROVAL");

  const page = await signInPage(browser, E2E.admin.email, E2E.admin.password);
  await page.goto(`/${E2E.init.workspace}/decisions`);
  await page.getByRole("combobox", { name: "Agent", exact: true }).selectOption("e2e-refunder");
  await page.getByRole("button", { name: "Filter" }).click();
  await expect(page).toHaveURL(/agent=e2e-refunder/);
  const table = page.getByRole("table", { name: "Decisions" });
  await expect(table.getByRole("row")).toHaveCount(2);
  // v1, or a later version when the policy editor's test has run first.
  await expect(table).toContainText(/refund-review v\d+/);
  await table.getByRole("link", { name: "held for approval" }).click();
  await expect(page).toHaveURL(new RegExp(`/decisions/${answer.decisionId}$`));
  await expect(page.getByText("Refunds over $500 are held for a human.")).toBeVisible();
  await expect(page.getByText(/Approval request .* pending, routed to APPROVER/)).toBeVisible();
  // The policy that decided, at its version: its page, at that version in the history.
  await page.getByRole("link", { name: /^refund-review v\d+$/ }).click();
  await expect(page).toHaveURL(/\/policies\/[^/#]+#v\d+$/);
  const version = new URL(page.url()).hash;
  await expect(page.locator(version)).toBeInViewport();
  await page.goBack();
  await page.getByRole("link", { name: /dddd2f3577b3/ }).click();
  await expect(page).toHaveURL(/\/traces\/dddd2f3577b34da6a3ce929d0e0e4736$/);

  // The log pages both ways.
  await page.goto(`/${E2E.init.workspace}/decisions`);
  const pages = page.getByRole("navigation", { name: "Pages" });
  if (await pages.getByRole("link", { name: "Older →" }).count()) {
    await pages.getByRole("link", { name: "Older →" }).click();
    await pages.getByRole("link", { name: "← Newer" }).click();
    await expect(page.getByRole("navigation", { name: "Pages" }).getByRole("link", { name: "← Newer" })).toHaveCount(0);
  }

  // The policies page lists the starter pack, published, in its two sets.
  await page.goto(`/${E2E.init.workspace}/policies`);
  const guardrails = page.getByRole("table", { name: "Guardrails policies" });
  await expect(guardrails.getByRole("row")).toHaveCount(4);
  await expect(guardrails).toContainText("purchase-limits");
  const approvals = page.getByRole("table", { name: "Approvals policies" });
  await expect(approvals).toContainText("refund-review");
  await expect(approvals).toContainText(/v\d+ published/);

  // The simulator answers from the published policies and stores nothing.
  await page.getByLabel("Request (as an agent would send it)").fill(
    JSON.stringify({
      agent: "e2e-refunder",
      action: "refund",
      resource: { kind: "order", id: "o-1" },
      context: { amount: 20, confidence: 0.5 },
    }),
  );
  await page.getByRole("button", { name: "Evaluate" }).click();
  const simulated = page.getByRole("region", { name: "Simulated decision" });
  await expect(simulated).toContainText("held for approval");
  await expect(simulated).toContainText("Refunds the agent is unsure about");
  await page.getByLabel("Request (as an agent would send it)").fill("{ not json");
  await page.getByRole("button", { name: "Evaluate" }).click();
  await expect(simulated).toContainText("The request is not valid JSON.");
});

test("an admin suspends an agent from its page, with a reason, and its next decision is denied", async ({
  browser,
  request,
}) => {
  const auth = { authorization: `Bearer ${E2E.init.secret}` };
  await registerAgent(request, {
    secret: E2E.init.secret,
    agent: "e2e-kill",
    traceId: "eeee2f3577b34da6a3ce929d0e0e4736",
    spanId: "3000000000000001",
  });
  const ask = async () =>
    (
      await request.post("/api/v1/decisions", {
        headers: auth,
        data: { agent: "e2e-kill", action: "read", resource: { kind: "table", id: "t" } },
      })
    ).json();
  expect((await ask()).decision).toBe("ALLOW");

  const page = await signInPage(browser, E2E.admin.email, E2E.admin.password);
  await page.goto(`/${E2E.init.workspace}/agents`);
  await page
    .getByRole("link", { name: "invoke_agent e2e-kill" })
    .or(page.getByRole("link", { name: "e2e-kill" }))
    .first()
    .click();
  await page.getByLabel("Reason (recorded in the audit trail)").fill("e2e: misbehaving");
  await page.getByRole("button", { name: "Suspend agent" }).click();
  await expect(page.getByRole("alert").filter({ hasText: "Suspended" })).toContainText("e2e: misbehaving");
  expect(await ask()).toMatchObject({ decision: "DENY", reasons: [{ policyId: "arbiter:kill-switch" }] });
  await page.getByLabel("Reason (recorded in the audit trail)").fill("e2e: fixed");
  await page.getByRole("button", { name: "Resume agent" }).click();
  await expect(page.getByRole("button", { name: "Suspend agent" })).toBeVisible();
  expect((await ask()).decision).toBe("ALLOW");
});
