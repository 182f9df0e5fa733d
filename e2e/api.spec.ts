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
  expect(await bearer.json()).toMatchObject({ data: expect.any(Array) });
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

test("an OTLP/JSON export to the production server is readable through the read API", async ({ request }) => {
  const auth = { authorization: `Bearer ${E2E.init.secret}` };
  const traceId = "4bf92f3577b34da6a3ce929d0e0e4736";
  const ns = (ms: number) => String(BigInt(Date.UTC(2026, 10, 21, 9, 0, 0) + ms) * 1_000_000n);
  const body = {
    resourceSpans: [
      {
        resource: { attributes: [{ key: "service.name", value: { stringValue: "e2e-agent" } }] },
        scopeSpans: [
          {
            scope: { name: "e2e" },
            spans: [
              {
                traceId,
                spanId: "00f067aa0ba902b7",
                name: "invoke_agent e2e-planner",
                startTimeUnixNano: ns(0),
                endTimeUnixNano: ns(900),
                attributes: [
                  { key: "gen_ai.operation.name", value: { stringValue: "invoke_agent" } },
                  { key: "gen_ai.agent.name", value: { stringValue: "e2e-planner" } },
                ],
              },
              {
                traceId,
                spanId: "00f067aa0ba902b8",
                parentSpanId: "00f067aa0ba902b7",
                name: "chat gpt-4o-mini",
                startTimeUnixNano: ns(10),
                endTimeUnixNano: ns(800),
                attributes: [
                  { key: "gen_ai.operation.name", value: { stringValue: "chat" } },
                  { key: "gen_ai.request.model", value: { stringValue: "gpt-4o-mini" } },
                  { key: "gen_ai.usage.input_tokens", value: { intValue: "2000" } },
                  { key: "gen_ai.usage.output_tokens", value: { intValue: 300 } },
                ],
              },
              { traceId: "bad", spanId: "00f067aa0ba902b9", name: "rejected", startTimeUnixNano: ns(0) },
            ],
          },
        ],
      },
    ],
  };
  const sent = await request.post("/api/public/otel/v1/traces", { headers: auth, data: body });
  expect(sent.status()).toBe(200);
  expect(await sent.json()).toMatchObject({ partialSuccess: { rejectedSpans: 1 } });

  const trace = await (await request.get(`/api/v1/traces/${traceId}`, { headers: auth })).json();
  expect(trace).toMatchObject({
    spanCount: 2,
    agentNames: ["e2e-planner"],
    models: ["gpt-4o-mini"],
    inputTokens: "2000",
  });
  const llm = trace.spans.find((s: { kind: string }) => s.kind === "LLM");
  expect(llm).toMatchObject({ agentExternalId: "e2e-planner", costSource: "computed" });
  const list = await (await request.get("/api/v1/traces?agent=e2e-planner", { headers: auth })).json();
  expect(list.data.map((t: { traceId: string }) => t.traceId)).toContain(traceId);
  const agents = await (await request.get("/api/v1/agents", { headers: auth })).json();
  expect(agents.data.map((a: { externalId: string }) => a.externalId)).toContain("e2e-planner");
});

test("the favicon and the web manifest are served from public/", async ({ request }) => {
  const icon = await request.get("/favicon.svg");
  expect(icon.status()).toBe(200);
  expect(icon.headers()["content-type"]).toContain("image/svg+xml");
  const manifest = await request.get("/manifest.webmanifest");
  expect(manifest.status()).toBe(200);
  expect(await manifest.json()).toMatchObject({ name: "Arbiter", icons: [{ src: "/favicon.svg" }] });
});
