import { expect, test } from "@playwright/test";
import { E2E } from "../playwright.config";
import { registerAgent, signInPage } from "./helpers";

// At laptop widths the admin tables fit their cards: nothing is clipped, the Revoke button is on
// screen. (A table that cannot fit scrolls inside its card, with a shadow at the hidden edge.)
test("the agents and API keys tables fit at 1280 and 1440 px", async ({ browser, request }) => {
  await registerAgent(request, {
    secret: E2E.init.secret,
    agent: "layout-agent-with-a-rather-long-name",
    traceId: "cd012f3577b34da6a3ce929d0e0e4736",
    spanId: "cd00000000000001",
  });
  const page = await signInPage(browser, E2E.admin.email, E2E.admin.password);
  const overflow = (label: string) =>
    page.getByRole("table", { name: label }).evaluate((table) => table.scrollWidth - table.parentElement!.clientWidth);
  for (const width of [1280, 1440]) {
    await page.setViewportSize({ width, height: 900 });
    await page.goto(`/${E2E.init.workspace}/agents`);
    expect(await overflow("Agents"), `agents table at ${width} px`).toBeLessThanOrEqual(0);
    await expect(page.getByRole("columnheader", { name: "Last seen" })).toBeInViewport();
    if (width === 1280) await page.screenshot({ path: "docs/screenshots/agents-1280.png" });

    await page.goto(`/${E2E.init.workspace}/settings/api-keys`);
    expect(await overflow("API keys"), `API keys table at ${width} px`).toBeLessThanOrEqual(0);
    const revoke = page.getByRole("button", { name: /^Revoke / }).first();
    await expect(revoke).toBeInViewport();
    if (width === 1280) await page.screenshot({ path: "docs/screenshots/api-keys-1280.png" });
  }
});

// Approvers and on-call engineers open these from a phone: nothing scrolls sideways at 390 px
// (a wide table scrolls inside its card instead), and each is drawn for the record.
test("at 390 px the overview, traces, a trace, decisions, a decision and policies fit the screen", async ({
  browser,
  request,
}) => {
  await registerAgent(request, {
    secret: E2E.init.secret,
    agent: "phone-agent",
    traceId: "ce012f3577b34da6a3ce929d0e0e4736",
    spanId: "ce00000000000001",
  });
  const asked = await request.post("/api/v1/decisions", {
    headers: { authorization: `Bearer ${E2E.init.secret}` },
    data: { agent: "phone-agent", action: "read", resource: { kind: "table", id: "customers" } },
  });
  const decision = (await asked.json()) as { decisionId: string };
  const page = await signInPage(browser, E2E.admin.email, E2E.admin.password);
  await page.setViewportSize({ width: 390, height: 844 });
  const ws = E2E.init.workspace;
  const pages: [string, string][] = [
    ["overview", `/${ws}`],
    ["traces", `/${ws}/traces`],
    ["trace", `/${ws}/traces/ce012f3577b34da6a3ce929d0e0e4736`],
    ["decisions", `/${ws}/decisions`],
    ["decision", `/${ws}/decisions/${decision.decisionId}`],
    ["policies", `/${ws}/policies`],
  ];
  const overflowing: string[] = [];
  for (const [name, url] of pages) {
    await page.goto(url);
    await page.waitForLoadState("networkidle");
    const over = await page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
    if (over > 0) overflowing.push(`${name}: ${over} px`);
    await page.screenshot({ path: `docs/screenshots/phone-${name}.png`, fullPage: true });
  }
  expect(overflowing).toEqual([]);
});

// The changed pages at a desktop width, drawn for the record.
test("the changed pages at 1440 px", async ({ browser }) => {
  const page = await signInPage(browser, E2E.admin.email, E2E.admin.password);
  await page.setViewportSize({ width: 1440, height: 900 });
  const ws = E2E.init.workspace;
  await page.goto(`/${ws}/policies`);
  const policy = await page.getByRole("link", { name: "refund-review" }).getAttribute("href");
  for (const [name, url] of [
    ["overview", `/${ws}`],
    ["traces", `/${ws}/traces`],
    ["decisions", `/${ws}/decisions`],
    ["policies", `/${ws}/policies`],
    ["policy", policy!],
    ["settings", `/${ws}/settings`],
  ] as const) {
    await page.goto(url);
    await page.waitForLoadState("networkidle");
    expect(
      await page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth),
      name,
    ).toBeLessThanOrEqual(0);
    await page.screenshot({ path: `docs/screenshots/desktop-${name}.png`, fullPage: true });
  }
});
