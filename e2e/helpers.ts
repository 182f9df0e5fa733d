import { expect, type APIRequestContext, type Browser, type Page } from "@playwright/test";

/** Signs in through NextAuth's API (no form), as the storage state of a new page. */
export async function signInPage(browser: Browser, email: string, password: string): Promise<Page> {
  const context = await browser.newContext();
  await signInRequest(context.request, email, password);
  return context.newPage();
}

export async function signInRequest(request: APIRequestContext, email: string, password: string) {
  const { csrfToken } = (await (await request.get("/api/auth/csrf")).json()) as { csrfToken: string };
  const response = await request.post("/api/auth/callback/credentials", {
    form: { csrfToken, email, password, json: "true" },
  });
  expect(response.ok()).toBe(true);
  const session = (await (await request.get("/api/auth/session")).json()) as { user?: { email?: string } };
  expect(session.user?.email).toBe(email);
}

/** Registers an agent the way production does: its first span arrives (native ingest). */
export async function registerAgent(
  request: APIRequestContext,
  { secret, agent, traceId, spanId }: { secret: string; agent: string; traceId: string; spanId: string },
) {
  const response = await request.post("/api/v1/ingest", {
    headers: { authorization: `Bearer ${secret}` },
    data: {
      batch: [
        {
          id: "a",
          type: "span",
          body: {
            traceId,
            spanId,
            name: `invoke_agent ${agent}`,
            kind: "agent",
            agent,
            startTime: Date.now() - 5000,
            endTime: Date.now() - 4000,
          },
        },
      ],
    },
  });
  expect(response.status()).toBe(207);
  expect((await response.json()).errors).toEqual([]);
}

/** Adds a member with `role` through the members page (as the admin); their one-time password. */
export async function addMemberViaUi(
  browser: Browser,
  admin: { email: string; password: string },
  { workspace, email, role }: { workspace: string; email: string; role: string },
): Promise<{ email: string; password: string }> {
  const page = await signInPage(browser, admin.email, admin.password);
  await page.goto(`/${workspace}/settings/members`);
  await page.getByLabel("Email", { exact: true }).fill(email);
  await page.getByLabel("Name (new users)").fill(`${role.toLowerCase()} for e2e`);
  await page.getByLabel("Role", { exact: true }).selectOption(role);
  await page.getByRole("button", { name: "Add member" }).click();
  const password = page.getByLabel("Initial password");
  await expect(password).toHaveText(/^[A-Za-z0-9]{18}$/);
  const value = (await password.textContent()) ?? "";
  await page.context().close();
  return { email, password: value };
}

/** Asks for a decision as an agent; the answer's body. */
export async function askDecision(request: APIRequestContext, secret: string, data: unknown) {
  const response = await request.post("/api/v1/decisions", { headers: { authorization: `Bearer ${secret}` }, data });
  expect(response.status()).toBe(200);
  return response.json();
}
