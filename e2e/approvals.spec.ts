import { expect, test, type APIRequestContext, type Browser } from "@playwright/test";
import { E2E } from "../playwright.config";
import { addMemberViaUi, askDecision, registerAgent, signInPage } from "./helpers";

const ws = E2E.init.workspace;
const key = E2E.init.secret;
const auth = { authorization: `Bearer ${key}` };
let approver: { email: string; password: string };

test.beforeAll(async ({ browser }) => {
  approver = await addMemberViaUi(browser, E2E.admin, {
    workspace: ws,
    email: `approver-${Date.now()}@e2e.test`,
    role: "APPROVER",
  });
});

const refund = (agent: string, amount: number, id: string, extra: object = {}) => ({
  agent,
  action: "refund",
  resource: { kind: "order", id },
  context: { amount, currency: "USD", confidence: 0.95 },
  ...extra,
});

async function approverInbox(browser: Browser, agent: string) {
  const page = await signInPage(browser, approver.email, approver.password);
  await page.goto(`/${ws}/approvals?agent=${agent}`);
  await expect(page.getByRole("link", { name: "Waiting for me" })).toHaveAttribute("aria-current", "page");
  return page;
}

const waitFor = (request: APIRequestContext, id: string, seconds = 30) =>
  request.get(`/api/v1/approvals/${id}?wait=${seconds}`, { headers: auth, timeout: (seconds + 10) * 1000 });

test("a held $900 refund appears live, is approved with a comment, and the agent acts once with its token", async ({
  browser,
  request,
}) => {
  const traceId = "ab012f3577b34da6a3ce929d0e0e4736";
  await registerAgent(request, { secret: key, agent: "e2e-approvals", traceId, spanId: "ab00000000000001" });
  const page = await approverInbox(browser, "e2e-approvals");
  await expect(page.getByText("Nothing waits for you")).toBeVisible();
  // The push channel is up (the design under test; polling is only its fallback).
  await expect(page.getByText("0 requests · live")).toBeVisible();

  const held = await askDecision(request, key, refund("e2e-approvals", 900, "o-900", { traceId }));
  expect(held.decision).toBe("REQUIRE_APPROVAL");
  const poll = waitFor(request, held.approval.id);

  // It appears without a reload.
  const item = page.getByRole("listitem", { name: "e2e-approvals refund order:o-900 $900.00" });
  await expect(item).toBeVisible({ timeout: 5000 });
  await expect(item).toContainText("refund-review");
  await expect(page.getByRole("link", { name: "Approvals" }).getByLabel(/waiting for you/)).toHaveText("1");
  await item.getByRole("link").click();

  await expect(page).toHaveURL(new RegExp(`/approvals/${held.approval.id}$`));
  await expect(page.getByRole("link", { name: /refund-review v\d+/ })).toBeVisible();
  await expect(page.getByText("Refunds over $500 are held for a human.")).toBeVisible();
  await expect(page.getByRole("heading", { level: 1 })).toContainText("$900.00");
  await expect(page.getByRole("link", { name: /ab012f3577b3/ })).toHaveAttribute("href", `/${ws}/traces/${traceId}`);
  await page.getByLabel("Comment (optional, sent to the agent)").fill("checked the order history");
  await page.getByRole("button", { name: "Approve", exact: true }).click();
  await expect(page.getByText(`Approved by ${approver.email}`)).toBeVisible();

  const answer = await (await poll).json();
  expect(answer).toMatchObject({ status: "APPROVED", comment: "checked the order history", decidedBy: approver.email });
  expect(answer.token).toMatch(/^apt_/);
  // A person reading it through the API sees the outcome, not the agent's token.
  const asPerson = await page.request.get(`/api/v1/approvals/${held.approval.id}?workspace=${ws}`);
  expect(await asPerson.json()).toMatchObject({ status: "APPROVED", token: null });

  const more = await askDecision(request, key, refund("e2e-approvals", 901, "o-900", { approvalToken: answer.token }));
  expect(more.decision).toBe("DENY");
  const act = await askDecision(request, key, refund("e2e-approvals", 900, "o-900", { approvalToken: answer.token }));
  expect(act).toMatchObject({ decision: "ALLOW", reasons: [{ policyId: "arbiter:approval" }] });
  const again = await askDecision(request, key, refund("e2e-approvals", 900, "o-900", { approvalToken: answer.token }));
  expect(again.decision).toBe("DENY");
  expect(again.reasons[0].message).toMatch(/already used/);
});

test("keyboard: j/k move, r rejects with a reason, a approves; bulk-approve ten with one comment", async ({
  browser,
  request,
}) => {
  await registerAgent(request, {
    secret: key,
    agent: "e2e-keys",
    traceId: "ab022f3577b34da6a3ce929d0e0e4736",
    spanId: "ab00000000000002",
  });
  const first = await askDecision(request, key, refund("e2e-keys", 700, "k-1"));
  const second = await askDecision(request, key, refund("e2e-keys", 800, "k-2"));
  const page = await approverInbox(browser, "e2e-keys");
  const list = page.getByRole("list", { name: "Approval requests" });
  await expect(list.getByRole("listitem")).toHaveCount(2);
  const rejected = waitFor(request, first.approval.id);

  // Soonest deadline first: k-1 was asked first. j, k land on it; r opens the reason.
  await page.keyboard.press("j");
  await page.keyboard.press("k");
  await expect(list.getByRole("listitem").first()).toBeFocused();
  await page.keyboard.press("r");
  const dialog = page.getByRole("dialog", { name: "Reject request" });
  await expect(dialog).toBeVisible();
  await page.keyboard.type("duplicate of an earlier refund");
  await page.keyboard.press("Control+Enter");
  await expect(list.getByRole("listitem")).toHaveCount(1);
  expect(await (await rejected).json()).toMatchObject({
    status: "REJECTED",
    decisionReason: "duplicate of an earlier refund",
  });
  // Focus stays in the list, on the request that is left; a approves it.
  await expect(list.getByRole("listitem").first()).toBeFocused();
  await page.keyboard.press("a");
  await expect(page.getByText("Nothing waits for you")).toBeVisible();
  // The row leaves at once (optimistic); the server's answer follows.
  await expect.poll(async () => (await (await waitFor(request, second.approval.id, 0)).json()).status).toBe("APPROVED");

  // Bulk: ten at once with one comment.
  await registerAgent(request, {
    secret: key,
    agent: "e2e-bulk",
    traceId: "ab032f3577b34da6a3ce929d0e0e4736",
    spanId: "ab00000000000003",
  });
  const ids: string[] = [];
  for (let i = 0; i < 10; i++)
    ids.push((await askDecision(request, key, refund("e2e-bulk", 600 + i, `b-${i}`))).approval.id);
  await page.goto(`/${ws}/approvals?agent=e2e-bulk`);
  await expect(list.getByRole("listitem")).toHaveCount(10);
  await page.getByLabel("Select all").check();
  await page.getByLabel("Comment for the selected").fill("end-of-day batch");
  await page.getByRole("button", { name: "Approve selected" }).click();
  await expect(page.getByRole("status")).toHaveText("10 approved.");
  for (const id of ids) {
    const view = await (await waitFor(request, id, 0)).json();
    expect(view).toMatchObject({ status: "APPROVED", comment: "end-of-day batch" });
  }
});

test("at phone width the inbox and a request are usable without sideways scrolling", async ({ browser, request }) => {
  await registerAgent(request, {
    secret: key,
    agent: "e2e-phone",
    traceId: "ab042f3577b34da6a3ce929d0e0e4736",
    spanId: "ab00000000000004",
  });
  const held = await askDecision(request, key, refund("e2e-phone", 1200, "p-1"));
  // A link to the request, opened signed out on a phone, survives the sign-in.
  const phone = await browser.newContext({ viewport: { width: 390, height: 844 } });
  const link = await phone.newPage();
  await link.goto(`/${ws}/approvals/${held.approval.id}`);
  await expect(link).toHaveURL(/\/sign-in\?callbackUrl=/);
  await link.getByLabel("Email").fill(approver.email);
  await link.getByLabel("Password").fill(approver.password);
  await link.getByRole("button", { name: "Sign in" }).click();
  await expect(link).toHaveURL(new RegExp(`/${ws}/approvals/${held.approval.id}$`));
  await expect(link.getByRole("heading", { level: 1 })).toContainText("$1,200.00");
  await phone.close();

  const page = await approverInbox(browser, "e2e-phone");
  await page.setViewportSize({ width: 390, height: 844 });
  const overflow = () => page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
  const item = page.getByRole("listitem", { name: /e2e-phone refund order:p-1/ });
  await expect(item).toBeVisible();
  expect(await overflow()).toBeLessThanOrEqual(0);
  await page.screenshot({ path: "docs/screenshots/approvals-inbox-phone.png" });
  await item.getByRole("link").click();
  await expect(page).toHaveURL(new RegExp(`/approvals/${held.approval.id}$`));
  await expect(page.getByRole("button", { name: "Approve", exact: true })).toBeVisible();
  expect(await overflow()).toBeLessThanOrEqual(0);
  await page.getByLabel("Reason for rejecting (required to reject)").fill("too large for a phone approval");
  await page.getByRole("button", { name: "Reject" }).click();
  await expect(page.getByText(`Rejected by ${approver.email}`)).toBeVisible();
});
