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
