import { expect, test } from "@playwright/test";
import { E2E } from "../playwright.config";

test("health names the embedded database", async ({ request }) => {
  const response = await request.get("/api/health");
  expect(response.status()).toBe(200);
  expect(await response.json()).toMatchObject({ status: "ok", database: "pglite", version: expect.any(String) });
});

test("the headless-init key reads its workspace's agents", async ({ request }) => {
  const bearer = await request.get("/api/v1/agents", { headers: { authorization: `Bearer ${E2E.init.secret}` } });
  expect(bearer.status()).toBe(200);
  expect(await bearer.json()).toEqual({ data: [] });
  const basic = Buffer.from(`${E2E.init.publicKey}:${E2E.init.secret}`).toString("base64");
  expect((await request.get("/api/v1/agents", { headers: { authorization: `Basic ${basic}` } })).status()).toBe(200);
});

test("machine requests without a valid key get a clear 401", async ({ request }) => {
  const none = await request.get("/api/v1/agents");
  expect(none.status()).toBe(401);
  expect(await none.json()).toMatchObject({
    error: { code: "unauthorized", message: expect.stringMatching(/API key/) },
  });
  expect((await request.get("/api/v1/agents", { headers: { authorization: "Bearer nope" } })).status()).toBe(401);
});
