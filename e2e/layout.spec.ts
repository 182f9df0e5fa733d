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
