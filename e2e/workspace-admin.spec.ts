import { expect, test } from "@playwright/test";
import { E2E } from "../playwright.config";
import { signInPage } from "./helpers";

// One story, in order: an admin sets up a workspace, a member and a key; the member, a
// VIEWER, then finds the admin controls absent and their URLs refused.
test.describe.configure({ mode: "serial" });

const slug = `fraud-ops-${Date.now().toString(36)}`;
const viewerEmail = `viewer-${Date.now().toString(36)}@e2e.test`;
let viewerPassword = "";
const BODY_TRACE = `${Date.now().toString(16).padStart(16, "0")}0000000000000042`;
const BODY_SPAN = "4200000000000001";

test("the sign-in form refuses a wrong password", async ({ page }) => {
  await page.goto("/");
  await expect(page).toHaveURL(/\/sign-in/);
  await page.getByLabel("Email").fill(E2E.admin.email);
  await page.getByLabel("Password").fill("not the password");
  await page.getByRole("button", { name: "Sign in" }).click();
  await expect(page.getByRole("alert").filter({ hasText: "Invalid" })).toHaveText("Invalid email or password.");
});

test("an admin signs in, creates a workspace, adds a member, creates and revokes a key", async ({ page, request }) => {
  await page.goto("/sign-in");
  await page.getByLabel("Email").fill(E2E.admin.email);
  await page.getByLabel("Password").fill(E2E.admin.password);
  await page.getByRole("button", { name: "Sign in" }).click();
  await expect(page.getByRole("heading", { level: 1 })).toHaveText("platform");

  // Create a workspace from the switcher.
  await page.getByLabel("Workspace", { exact: true }).selectOption("__new");
  await expect(page.getByRole("heading", { name: "New workspace" })).toBeVisible();
  await page.getByLabel("Name").fill("Fraud Ops");
  await page.getByLabel("URL slug").fill(slug);
  await page.getByRole("button", { name: "Create workspace" }).click();
  await expect(page).toHaveURL(new RegExp(`/${slug}$`));
  await expect(page.getByRole("heading", { level: 1 })).toHaveText("Fraud Ops");
  await expect(page.getByLabel("Your role in this workspace")).toHaveText("ADMIN");

  // A new workspace's trace list says how traces arrive, and where to get a key.
  await page.goto(`/${slug}/traces`);
  await expect(page.getByRole("status")).toContainText("No traces yet.");
  await expect(page.getByRole("link", { name: "Create an API key" })).toHaveAttribute(
    "href",
    `/${slug}/settings/api-keys`,
  );
  await page.screenshot({ path: "docs/screenshots/traces-empty.png" });
  await page.goto(`/${slug}`);

  // Add a member: a new user, whose one-time password is shown once.
  await page.getByRole("link", { name: "Settings" }).click();
  await page.getByRole("navigation", { name: "Settings" }).getByRole("link", { name: "Members" }).click();
  await page.getByLabel("Email", { exact: true }).fill(viewerEmail);
  await page.getByLabel("Name (new users)").fill("Val Viewer");
  await page.getByLabel("Role", { exact: true }).selectOption("VIEWER");
  await page.getByRole("button", { name: "Add member" }).click();
  const password = page.getByLabel("Initial password");
  await expect(password).toHaveText(/^[A-Za-z0-9]{18}$/);
  viewerPassword = (await password.textContent()) ?? "";
  const members = page.getByRole("table", { name: "Members" });
  await expect(members.getByRole("row", { name: new RegExp(viewerEmail) })).toContainText("Val Viewer");
  await expect(page.getByLabel(`Role of ${viewerEmail}`)).toHaveValue("VIEWER");

  // The last admin can be neither demoted nor removed: the refusal is said once, where it happened.
  const refusal = page.getByText("A workspace must keep at least one admin.");
  await page.getByLabel(`Role of ${E2E.admin.email}`).selectOption("VIEWER");
  await expect(refusal).toHaveCount(1);
  await expect(page.getByLabel(`Role of ${E2E.admin.email}`)).toHaveValue("ADMIN");
  page.once("dialog", (dialog) => dialog.accept());
  await page.getByRole("button", { name: `Remove ${E2E.admin.email}` }).click();
  await expect(refusal).toHaveCount(1);
  await expect(page.getByRole("button", { name: `Remove ${E2E.admin.email}` }).locator("..")).toContainText(
    "A workspace must keep at least one admin.",
  );
  await expect(members.getByRole("row", { name: new RegExp(E2E.admin.email) })).toHaveCount(1);

  // Create an API key: the secret is shown once.
  await page.getByRole("navigation", { name: "Settings" }).getByRole("link", { name: "API keys" }).click();
  await page.getByLabel("Key name").fill("fraud-bot production");
  await page.getByRole("checkbox", { name: /read/ }).check();
  await page.getByRole("button", { name: "Create API key" }).click();
  const secretBox = page.getByLabel("Secret key");
  await expect(secretBox).toHaveText(/^sk-arb-/);
  const secret = (await secretBox.textContent()) ?? "";
  // How to send it, said whole: Basic is base64 of public key and secret.
  await expect(page.getByText(/HTTP Basic auth with the public key as the user/)).toBeVisible();
  const keys = page.getByRole("table", { name: "API keys" });
  const row = keys.getByRole("row", { name: /fraud-bot production/ });
  await expect(row).toContainText("active");
  await expect(row).toContainText(`…${secret.slice(-4)}`);

  // The key works for its workspace...
  const agents = await request.get("/api/v1/agents", { headers: { authorization: `Bearer ${secret}` } });
  expect(agents.status()).toBe(200);
  const sent = await request.post("/api/v1/ingest", {
    headers: { authorization: `Bearer ${secret}` },
    data: {
      batch: [
        {
          id: "1",
          type: "span",
          body: {
            traceId: BODY_TRACE,
            spanId: BODY_SPAN,
            name: "chat gpt-4o",
            kind: "llm",
            agent: "fraud-bot",
            model: "gpt-4o",
            startTime: Date.now() - 2000,
            endTime: Date.now() - 1000,
            input: [{ role: "user", content: "Customer 4242 disputes a charge" }],
          },
        },
      ],
    },
  });
  expect(sent.status()).toBe(207);

  // Span bodies kept to engineers, admins and auditors: the admin still reads them.
  await page.goto(`/${slug}/settings`);
  await page.getByLabel("Who reads span bodies").selectOption("PRIVILEGED");
  await page.getByRole("button", { name: "Save", exact: true }).click();
  await expect(page.getByText("Saved.")).toBeVisible();
  const asAdmin = await page.request.get(`/api/v1/traces/${BODY_TRACE}/spans/${BODY_SPAN}?workspace=${slug}`);
  expect((await asAdmin.json()).input).toEqual([{ role: "user", content: "Customer 4242 disputes a charge" }]);
  await page.goto(`/${slug}/settings/api-keys`);

  // ...the secret is not shown again after a reload...
  await page.reload();
  await expect(page.getByLabel("Secret key")).toHaveCount(0);
  await expect(page.getByText(secret)).toHaveCount(0);

  // ...and once revoked it is refused.
  page.once("dialog", (dialog) => dialog.accept());
  await keys.getByRole("button", { name: "Revoke fraud-bot production" }).click();
  await expect(row).toContainText("revoked");
  const refused = await request.get("/api/v1/agents", { headers: { authorization: `Bearer ${secret}` } });
  expect(refused.status()).toBe(401);
});

test("a VIEWER finds the admin controls absent and their URLs refused", async ({ browser }) => {
  expect(viewerPassword).not.toBe("");
  const page = await signInPage(browser, viewerEmail, viewerPassword);
  await page.goto("/");
  await expect(page).toHaveURL(new RegExp(`/${slug}$`));
  await expect(page.getByLabel("Your role in this workspace")).toHaveText("VIEWER");

  const nav = page.getByRole("navigation", { name: "Main" });
  await expect(nav.getByRole("link", { name: "Traces" })).toBeVisible();
  await expect(nav.getByRole("link", { name: "Audit" })).toHaveCount(0);
  await expect(page.getByRole("option", { name: /New workspace/ })).toHaveCount(0);

  await nav.getByRole("link", { name: "Settings" }).click();
  await expect(page.getByRole("heading", { name: "Settings" })).toBeVisible();
  const tabs = page.getByRole("navigation", { name: "Settings" });
  await expect(tabs.getByRole("link", { name: "General" })).toBeVisible();
  await expect(tabs.getByRole("link", { name: "Members" })).toHaveCount(0);
  await expect(tabs.getByRole("link", { name: "API keys" })).toHaveCount(0);
  await expect(page.getByRole("button", { name: "Save name" })).toHaveCount(0);

  for (const url of [`/${slug}/settings/members`, `/${slug}/settings/api-keys`, `/${slug}/audit`, "/workspaces/new"]) {
    const response = await page.goto(url);
    expect(response?.status(), url).toBe(403);
    await expect(page.getByRole("heading", { name: "You do not have access to this page" })).toBeVisible();
    // Inside the workspace the app shell stays: its navigation and the workspace switcher.
    if (url.startsWith(`/${slug}/`)) {
      await expect(page.getByRole("navigation", { name: "Main" })).toBeVisible();
      await expect(page.getByLabel("Workspace", { exact: true })).toBeVisible();
    }
  }
  // So does a 404 for something missing in the workspace.
  const missing = await page.goto(`/${slug}/decisions/no-such-decision`);
  expect(missing?.status()).toBe(404);
  await expect(page.getByRole("heading", { name: "Not found" })).toBeVisible();
  await expect(page.getByRole("navigation", { name: "Main" })).toBeVisible();
  await page.screenshot({ path: "docs/screenshots/not-found-in-workspace.png" });
  // The viewer reads the span, but not its body: in the API and on the trace page.
  const asViewer = await (
    await page.request.get(`/api/v1/traces/${BODY_TRACE}/spans/${BODY_SPAN}?workspace=${slug}`)
  ).json();
  expect(asViewer).toMatchObject({ name: "chat gpt-4o", input: null, output: null, bodiesHidden: true });
  await page.goto(`/${slug}/traces/${BODY_TRACE}`);
  await page.getByRole("tree", { name: "Waterfall" }).getByRole("treeitem", { name: "chat gpt-4o" }).click();
  await expect(page.getByRole("note")).toContainText("keeps span bodies");
  await expect(page.getByText("Customer 4242 disputes a charge")).toHaveCount(0);
  await page.screenshot({ path: "docs/screenshots/span-bodies-hidden.png" });

  // A workspace the viewer is not a member of does not exist for them, in pages and in the API.
  const other = await page.goto(`/${E2E.init.workspace}`);
  expect(other?.status()).toBe(404);
  expect((await page.request.get(`/api/v1/agents?workspace=${slug}`)).status()).toBe(200);
  const foreign = await page.request.get(`/api/v1/agents?workspace=${E2E.init.workspace}`);
  expect(foreign.status()).toBe(404);
  expect(await foreign.json()).toEqual({ error: { code: "not_found", message: "Workspace not found." } });
});
