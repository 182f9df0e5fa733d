import { expect, test } from "@playwright/test";
import { E2E } from "../playwright.config";
import { addMemberViaUi, signInPage } from "./helpers";

const ws = E2E.init.workspace;

test("an auditor filters the trail to policy publishes, opens one with its before/after and checkpoint, and verifies the chain; a viewer finds no audit", async ({
  browser,
}) => {
  const auditor = await addMemberViaUi(browser, E2E.admin, {
    workspace: ws,
    email: `auditor-${Date.now()}@e2e.test`,
    role: "AUDITOR",
  });
  const viewer = await addMemberViaUi(browser, E2E.admin, {
    workspace: ws,
    email: `viewer-audit-${Date.now()}@e2e.test`,
    role: "VIEWER",
  });

  const page = await signInPage(browser, auditor.email, auditor.password);
  await page.setViewportSize({ width: 1440, height: 900 });
  await page.goto(`/${ws}`);
  await page.getByRole("navigation", { name: "Main" }).getByRole("link", { name: "Audit" }).click();
  await expect(page.getByRole("heading", { name: "Audit" })).toBeVisible();
  // Adding the two members was audited, newest first.
  const rows = page.getByRole("table", { name: "Audit events" }).locator("tbody tr");
  await expect(rows.first()).toContainText("member.added");

  await page.getByLabel("Kind of action").selectOption("policies");
  await page.getByRole("button", { name: "Filter" }).click();
  await expect(page).toHaveURL(/group=policies/);
  await expect(rows.first()).toBeVisible();
  for (const action of await rows.locator("td:nth-child(4)").allTextContents()) expect(action).toMatch(/^policy/);
  await page.screenshot({ path: "docs/screenshots/audit-browser.png", fullPage: true });

  // The starter pack's publishes: open one.
  await rows.filter({ hasText: "policy.published" }).first().locator("td").first().getByRole("link").click();
  await expect(page.getByRole("heading", { name: /^Event #\d+: policy\.published$/ })).toBeVisible();
  await expect(page.getByRole("table", { name: "Changes" })).toContainText("version");
  await expect(page.getByText("recomputes")).toBeVisible();
  // The checkpoint job signs within seconds here (ARBITER_CHECKPOINT_EVERY_MINUTES=0.05).
  await expect(async () => {
    await page.reload();
    await expect(page.getByTestId("covering-checkpoint")).toContainText("signature valid, records this hash", {
      timeout: 1000,
    });
  }).toPass({ timeout: 30_000 });
  await page.getByText("Canonical JSON (RFC 8785)").click();
  await expect(page.locator("pre")).toContainText('"action":"policy.published"');
  await page.screenshot({ path: "docs/screenshots/audit-event.png", fullPage: true });

  await page.getByRole("link", { name: "All events" }).click();
  await page.getByRole("button", { name: "Verify now" }).click();
  await expect(page.getByTestId("chain-status")).toContainText(/Chain verified through #\d+ at/);
  // An auditor reads this workspace's chain, not the installation's sign-ins.
  await expect(page.getByRole("link", { name: "Sign-ins (all workspaces)" })).toHaveCount(0);
  const global = await page.goto(`/${ws}/audit?chain=global`);
  expect(global?.status()).toBe(403);
  await page.context().close();

  const viewerPage = await signInPage(browser, viewer.email, viewer.password);
  await viewerPage.goto(`/${ws}`);
  await expect(viewerPage.getByRole("link", { name: "Overview" })).toBeVisible();
  await expect(viewerPage.getByRole("navigation", { name: "Main" }).getByRole("link", { name: "Audit" })).toHaveCount(
    0,
  );
  const refused = await viewerPage.goto(`/${ws}/audit`);
  expect(refused?.status()).toBe(403);
  await viewerPage.context().close();
});
