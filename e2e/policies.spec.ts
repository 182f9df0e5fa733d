import { expect, test, type Page } from "@playwright/test";
import { E2E } from "../playwright.config";
import { registerAgent, signInPage } from "./helpers";

// The policy editor end to end: an admin edits a published policy, sees Cedar's error inline,
// fixes it, simulates the draft, is refused a publish by a failing saved test, fixes the policy,
// reads the impact analysis, publishes — and the agent's next decision follows the new version.
// A VIEWER reads the policy and cannot edit it.

const AGENT = "e2e-policy-refunder";
const auth = { authorization: `Bearer ${E2E.init.secret}` };
const underReview = (amount: number) => ({
  agent: AGENT,
  action: "refund",
  resource: { kind: "order", id: `o-${amount}`, attributes: { account: "under-review" } },
  context: { amount, confidence: 0.99 },
});

const review = (threshold: string) => `@message("Refunds over $500 are held for a human.")
@route("APPROVER")
@timeout("4h")
permit (principal, action == Arbiter::Action::"refund", resource)
when { context has amount && context.amount.greaterThan(decimal("500.0000")) };

@message("Refunds on accounts under review are held for a human.")
@route("APPROVER")
@timeout("2h")
permit (principal, action == Arbiter::Action::"refund", resource)
when {
  context has amount &&
  context.amount.greaterThan(decimal("${threshold}")) &&
  resource.hasTag("account") &&
  resource.getTag("account") == "under-review"
};

@message("Refunds the agent is unsure about (confidence below 0.8) are held for a human.")
@route("APPROVER")
@timeout("4h")
permit (principal, action == Arbiter::Action::"refund", resource)
when { context has confidence && context.confidence.lessThan(decimal("0.8000")) };
`;

async function replaceSource(page: Page, source: string) {
  await page.getByRole("textbox", { name: "Policy source" }).click();
  await page.keyboard.press("ControlOrMeta+a");
  await page.keyboard.insertText(source);
}

const viewerEmail = `policy-viewer-${Date.now().toString(36)}@e2e.test`;
let viewerPassword = "";

test("an admin edits, tests, analyses and publishes a policy; the next decision follows it", async ({
  browser,
  request,
}) => {
  await registerAgent(request, {
    secret: E2E.init.secret,
    agent: AGENT,
    traceId: "ffff2f3577b34da6a3ce929d0e0e4736",
    spanId: "4000000000000001",
  });
  // History for the impact analysis: two refunds on an account under review, allowed today.
  for (const amount of [300, 320]) {
    const answer = await (await request.post("/api/v1/decisions", { headers: auth, data: underReview(amount) })).json();
    expect(answer.decision).toBe("ALLOW");
  }

  const page = await signInPage(browser, E2E.admin.email, E2E.admin.password);
  await page.goto(`/${E2E.init.workspace}/policies`);
  await page.getByRole("link", { name: "refund-review" }).click();
  await expect(page.getByRole("heading", { name: "refund-review" })).toBeVisible();
  await expect(page.getByText("Same as the published version.")).toBeVisible();

  // A typo: Cedar's error is drawn at the expression it concerns, with its "did you mean".
  await replaceSource(
    page,
    review("100.0000").replace('context.amount.greaterThan(decimal("500', 'context.amout.greaterThan(decimal("500'),
  );
  const inline = page.locator(".cm-lintRange-error");
  // One diagnostic, drawn over exactly the expression (CodeMirror may split the mark around tokens).
  await expect
    .poll(async () => (await inline.allTextContents()).join(""))
    .toBe('context.amout.greaterThan(decimal("500.0000"))');
  const problems = page.getByRole("list", { name: "Problems" });
  await expect(problems).toContainText("5:30");
  await expect(problems).toContainText("attribute `amout` in context");
  await expect(problems).toContainText("did you mean `amount`?");
  await inline.first().hover();
  await expect(page.locator(".cm-tooltip-lint")).toContainText("help: did you mean `amount`?");

  // Fixed: no diagnostics, and the simulator answers with the draft.
  await replaceSource(page, review("100.0000"));
  await expect(page.getByText("Validates against the schema.")).toBeVisible();

  // Unsaved edits are not lost by leaving: an in-app link asks first (declined: nothing moves),
  // and so does closing the tab.
  await expect(page.getByText("Unsaved changes.")).toBeVisible();
  let asked = "";
  page.once("dialog", (dialog) => {
    asked = dialog.message();
    void dialog.dismiss();
  });
  await page.getByRole("link", { name: "← Policies" }).click();
  expect(asked).toBe("This policy has unsaved changes. Leave and lose them?");
  await expect(page.getByRole("heading", { name: "refund-review" })).toBeVisible();
  await expect(page.getByText("Unsaved changes.")).toBeVisible();
  const unload = await page.evaluate(() => {
    const event = new Event("beforeunload", { cancelable: true });
    window.dispatchEvent(event);
    return event.defaultPrevented;
  });
  expect(unload).toBe(true);
  await expect(inline).toHaveCount(0);
  await page.getByLabel("Request (as an agent would send it)").fill(JSON.stringify(underReview(300)));
  await page.getByRole("button", { name: "Evaluate" }).click();
  const simulated = page.getByRole("region", { name: "Simulated decision" });
  await expect(simulated).toContainText("held for approval");
  await expect(simulated).toContainText("Refunds on accounts under review are held for a human.");
  await expect(simulated).toContainText("policies with this draft");
  await page.getByRole("radio", { name: "published policies" }).check();
  await page.getByRole("button", { name: "Evaluate" }).click();
  await expect(simulated).toContainText("allow");

  // A saved test the draft fails: small refunds on accounts under review must be held too.
  await page.getByLabel("Request (as an agent would send it)").fill(JSON.stringify(underReview(40)));
  await page.getByLabel("Keep this request as a saved test named").fill("every under-review refund is held");
  await page.getByLabel("expecting").selectOption("REQUIRE_APPROVAL");
  await page.getByRole("button", { name: "Save test" }).click();
  await expect(page.getByText("Test saved.")).toBeVisible();
  await page.getByRole("button", { name: "Save draft" }).click();
  await expect(page.getByText("1 of 1 saved tests fail against this draft")).toBeVisible();
  await expect(page.getByRole("list", { name: "Test results" })).toContainText("every under-review refund is held");

  await page.getByRole("button", { name: "Analyse impact" }).click();
  await page.getByLabel("What changed").fill("Hold refunds on accounts under review");
  await page.getByRole("button", { name: "Publish version 2" }).click();
  await expect(
    page.getByRole("alert").filter({
      hasText:
        'Publishing is blocked: 1 saved test fails — "every under-review refund is held" (expected REQUIRE_APPROVAL, got ALLOW)',
    }),
  ).toBeVisible();
  // The saved tests sit next to the editor, judged against this draft (not the published set).
  const savedTests = page.getByRole("list", { name: "Saved tests" });
  const heldTest = savedTests.getByRole("listitem").filter({ hasText: "every under-review refund is held" });
  await expect(heldTest).toContainText("fails");
  await expect(page.getByText(/^Against this draft: 0 of 1 pass/)).toBeVisible();

  // The fix: every amount on an account under review is held. The test passes.
  await replaceSource(page, review("0.0000"));
  await expect(page.getByText("Unsaved changes.")).toBeVisible();
  await page.getByRole("button", { name: "Save draft" }).click();
  await expect(page.getByText("All 1 saved tests pass against this draft")).toBeVisible();
  await expect(heldTest).toContainText("passes");

  // A test is edited where it is listed.
  await page.getByRole("button", { name: "Edit test every under-review refund is held" }).click();
  const editing = page.getByRole("form", { name: "Edit test every under-review refund is held" });
  await editing.getByLabel("Name").fill("every refund under review is held");
  await editing.getByRole("button", { name: "Save test" }).click();
  await expect(savedTests).toContainText("every refund under review is held");
  await expect(editing).toHaveCount(0);
  await savedTests
    .locator("xpath=ancestor::section[1]")
    .screenshot({ path: "docs/screenshots/policy-saved-tests.png" });

  // The impact analysis, shown before the publish: both recorded refunds would now be held.
  await expect(page.getByRole("button", { name: "Publish version 2" })).toHaveCount(0);
  await page.getByRole("button", { name: "Analyse impact" }).click();
  const impact = page.getByRole("region", { name: "Impact analysis" });
  await expect(impact).toContainText("2 × allow → held for approval");
  await expect(impact).toContainText(`${AGENT} · refund · order:o-300`);
  await page.getByLabel("What changed").fill("Hold refunds on accounts under review");
  await page.getByRole("button", { name: "Publish version 2" }).click();
  await expect(page.getByRole("status")).toContainText("Published version 2");
  await expect(page.getByText("v2 published")).toBeVisible();
  await expect(page.getByRole("list", { name: "Versions" })).toContainText("Hold refunds on accounts under review");

  // The agent's next decision follows version 2.
  const next = await (await request.post("/api/v1/decisions", { headers: auth, data: underReview(310) })).json();
  expect(next.decision).toBe("REQUIRE_APPROVAL");
  expect(next.reasons).toEqual([
    expect.objectContaining({ version: 2, message: "Refunds on accounts under review are held for a human." }),
  ]);
  expect(Date.parse(next.approval.expiresAt) - Date.now()).toBeLessThan(121 * 60_000);

  // The versions side by side.
  await page.getByLabel("Left side").selectOption({ label: "Version 1" });
  await page.getByLabel("Right side").selectOption({ label: "Version 2" });
  await expect(page.getByLabel("Diff").locator(".cm-changedLine").first()).toBeVisible();

  // Switching to shadow mode asks what it would change and why, and then the agent is no longer held.
  await page.getByRole("button", { name: "Switch to shadow mode…" }).click();
  const mode = page.getByRole("region", { name: "Switch the policy's mode" });
  await expect(mode.getByRole("region", { name: "Impact analysis" })).toContainText(/would change/);
  const confirm = mode.getByRole("button", { name: "Switch to shadow mode", exact: true });
  await expect(confirm).toBeDisabled();
  await mode.getByLabel("Why (kept in the audit trail)").fill("Measuring false holds for a week");
  await confirm.click();
  await expect(page.getByRole("button", { name: "Enforce this policy…" })).toBeVisible();
  await page.screenshot({ path: "docs/screenshots/policy-shadow.png" });
  const shadowed = await (await request.post("/api/v1/decisions", { headers: auth, data: underReview(320) })).json();
  expect(shadowed.decision).not.toBe("REQUIRE_APPROVAL");
  await page.getByRole("button", { name: "Enforce this policy…" }).click();
  await page.getByLabel("Why (kept in the audit trail)").fill("Measured");
  await page.getByRole("button", { name: "Enforce this policy", exact: true }).click();
  await expect(page.getByRole("button", { name: "Switch to shadow mode…" })).toBeVisible();
  // The overview's activity says what was switched, why, and links to it.
  await page.goto(`/${E2E.init.workspace}`);
  const switched = page.getByRole("listitem").filter({ hasText: "policy.mode_changed" }).first();
  await expect(switched).toContainText("refund-review · now enforce");
  await expect(switched).toContainText("“Measured”");
  await expect(switched.getByRole("link", { name: "refund-review · now enforce" })).toHaveAttribute(
    "href",
    /\/policies\/[^/]+$/,
  );

  // A viewer to check the read-only side with.
  await page.goto(`/${E2E.init.workspace}/settings/members`);
  await page.getByLabel("Email", { exact: true }).fill(viewerEmail);
  await page.getByLabel("Name (new users)").fill("Pat Viewer");
  await page.getByLabel("Role", { exact: true }).selectOption("VIEWER");
  await page.getByRole("button", { name: "Add member" }).click();
  viewerPassword = (await page.getByLabel("Initial password").textContent()) ?? "";
  expect(viewerPassword).toMatch(/^[A-Za-z0-9]{18}$/);
});

test("a VIEWER reads policies but cannot edit, save, test or publish them", async ({ browser }) => {
  expect(viewerPassword).not.toBe("");
  const page = await signInPage(browser, viewerEmail, viewerPassword);
  await page.goto(`/${E2E.init.workspace}/policies`);
  await expect(page.getByRole("heading", { name: "New policy" })).toHaveCount(0);
  await expect(page.getByRole("button", { name: "Save test" })).toHaveCount(0);
  await page.getByRole("link", { name: "refund-review" }).click();
  await expect(page.getByText("You can read this policy; editing needs the engineer or admin role.")).toBeVisible();
  const editor = page.getByRole("textbox", { name: "Policy source" });
  await expect(editor).toHaveAttribute("contenteditable", "false");
  await expect(editor).toContainText("Refunds on accounts under review");
  for (const name of ["Save draft", "Format", "Analyse impact", "Switch to shadow mode", "Roll back to v1"]) {
    await expect(page.getByRole("button", { name })).toHaveCount(0);
  }
  await expect(page.getByRole("list", { name: "Versions" })).toContainText("v2");
});
