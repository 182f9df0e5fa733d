import { describe, expect, it } from "vitest";
import { gzipSync } from "node:zlib";
// Through the data plane, as the production server answers exporters.
import { viaDataPlane as POST } from "../setup/data-plane";
import { db } from "../../lib/db";
import { revokeApiKey } from "../../lib/api-keys";
import { systemActor } from "../../lib/audit";
import { decodeStatus, decodeTraceResponse, encodeTraceRequest } from "../../lib/ingest/otlp-proto";
import { createKey, createWorkspace } from "../factories";
import { exportRequest, makeTrace } from "../otlp-fixtures";

const url = "http://arbiter.test/api/public/otel/v1/traces";

function post(body: BodyInit | null, headers: Record<string, string>) {
  return POST(new Request(url, { method: "POST", headers, body }));
}

/** OTLP/JSON request → protobuf bytes (ids hex → bytes, as the protobuf exporter sends them). */
function toProtobuf(request: ReturnType<typeof exportRequest>): Uint8Array {
  const withBytes = JSON.parse(JSON.stringify(request), (key, value) =>
    (key === "traceId" || key === "spanId" || key === "parentSpanId") && typeof value === "string"
      ? Buffer.from(value, "hex")
      : value,
  );
  return encodeTraceRequest(withBytes);
}

async function setup() {
  const ws = await createWorkspace();
  const { key, secret } = await createKey({ workspaceId: ws.id, scopes: ["ingest"] });
  return { ws, key, secret, json: { authorization: `Bearer ${secret}`, "content-type": "application/json" } };
}

const spanCount = (workspaceId: string) => db().span.count({ where: { workspaceId } });

describe("OTLP bad input matrix", () => {
  it("accepts protobuf and answers in protobuf", async () => {
    const { ws, secret } = await setup();
    const trace = makeTrace({ seed: "proto-ok", spans: 7 });
    const response = await post(Buffer.from(toProtobuf(exportRequest(trace.spans))), {
      authorization: `Bearer ${secret}`,
      "content-type": "application/x-protobuf",
    });
    expect(response.status).toBe(200);
    expect(response.headers.get("content-type")).toBe("application/x-protobuf");
    expect(decodeTraceResponse(new Uint8Array(await response.arrayBuffer()))).toEqual({});
    expect(await spanCount(ws.id)).toBe(trace.spans.length);
  });

  it("accepts gzip bodies", async () => {
    const { ws, secret } = await setup();
    const trace = makeTrace({ seed: "gzip-ok", spans: 7 });
    const response = await post(gzipSync(JSON.stringify(exportRequest(trace.spans))), {
      authorization: `Bearer ${secret}`,
      "content-type": "application/json",
      "content-encoding": "gzip",
    });
    expect(response.status).toBe(200);
    expect(await spanCount(ws.id)).toBe(trace.spans.length);
  });

  it("stores the valid spans of a mixed batch and reports the rejected ones (200 partialSuccess)", async () => {
    const { ws, json } = await setup();
    const trace = makeTrace({ seed: "mixed", spans: 7 });
    const bad = [
      { ...trace.spans[1]!, spanId: "xyz" },
      { ...trace.spans[2]!, traceId: undefined },
      { ...trace.spans[3]!, startTimeUnixNano: "soon" },
      { ...trace.spans[4]!, name: { not: "a string" } },
    ];
    const good = [trace.spans[0]!, trace.spans[5]!, trace.spans[6]!];
    const response = await post(JSON.stringify(exportRequest([...good, ...bad] as never)), json);
    expect(response.status).toBe(200);
    const body = (await response.json()) as { partialSuccess: { rejectedSpans: number; errorMessage: string } };
    expect(body.partialSuccess.rejectedSpans).toBe(4);
    expect(body.partialSuccess.errorMessage).toMatch(/spanId/);
    expect(await spanCount(ws.id)).toBe(3);
  });

  it("stores a huge attribute value truncated, with the rest of the span", async () => {
    const { ws, json } = await setup();
    const trace = makeTrace({ seed: "huge", spans: 1 });
    const span = {
      ...trace.spans[0]!,
      attributes: [...trace.spans[0]!.attributes, { key: "big", value: { stringValue: "x".repeat(3_000_000) } }],
    };
    const response = await post(JSON.stringify(exportRequest([span])), json);
    expect(response.status).toBe(200);
    const stored = await db().span.findFirstOrThrow({ where: { workspaceId: ws.id } });
    expect(String((stored.attributes as Record<string, string>).big)).toMatch(/truncated/);
  });

  it.each([
    ["malformed JSON", "{ not json", "application/json", 400],
    ["JSON that is not an object", "[1,2,3]", "application/json", 200],
    ["malformed protobuf", Buffer.from([0x0a, 0xff, 0xff, 0xff, 0xff, 0x0f, 0x01]), "application/x-protobuf", 400],
    ["a wrong content type", "hello", "text/plain", 415],
    ["no content type", "{}", "", 415],
  ])("answers %s with %i", async (_case, body, type, status) => {
    const { secret } = await setup();
    const headers: Record<string, string> = { authorization: `Bearer ${secret}` };
    if (type) headers["content-type"] = type as string;
    const response = await post(body as BodyInit, headers);
    expect(response.status).toBe(status);
  });

  it("answers a protobuf error in protobuf (google.rpc.Status)", async () => {
    const { secret } = await setup();
    const response = await post(Buffer.from([0xff, 0xff]), {
      authorization: `Bearer ${secret}`,
      "content-type": "application/x-protobuf",
    });
    expect(response.status).toBe(400);
    expect(decodeStatus(new Uint8Array(await response.arrayBuffer()))).toMatchObject({
      code: 400,
      message: expect.stringMatching(/protobuf/),
    });
  });

  it("refuses a gzip bomb and an oversize body with 413, and a broken gzip stream with 400", async () => {
    const { json } = await setup();
    const bomb = gzipSync(Buffer.alloc(64 * 1024 * 1024, 0x20)); // 64 MiB of spaces in ~64 KiB
    expect(bomb.length).toBeLessThan(200_000);
    expect((await post(bomb, { ...json, "content-encoding": "gzip" })).status).toBe(413);
    const big = Buffer.alloc(17 * 1024 * 1024, 0x20);
    expect((await post(big, { ...json, "content-length": String(big.length) })).status).toBe(413);
    expect((await post(Buffer.from("not gzip at all"), { ...json, "content-encoding": "gzip" })).status).toBe(400);
    expect((await post("{}", { ...json, "content-encoding": "br" })).status).toBe(415);
  });

  it("answers 401 without a key, with a bad key and with a revoked key; 403 without the scope", async () => {
    const { ws, key, json } = await setup();
    const body = JSON.stringify(exportRequest(makeTrace({ seed: "auth", spans: 1 }).spans));
    expect((await post(body, { "content-type": "application/json" })).status).toBe(401);
    expect((await post(body, { ...json, authorization: "Bearer sk-arb-invalid" })).status).toBe(401);
    const readOnly = await createKey({ workspaceId: ws.id, scopes: ["read", "decide"] });
    const noScope = await post(body, { ...json, authorization: `Bearer ${readOnly.secret}` });
    expect(noScope.status).toBe(403);
    expect(await noScope.json()).toMatchObject({ code: 403, message: expect.stringMatching(/ingest/) });
    await revokeApiKey({ workspaceId: ws.id, keyId: key.id, actor: systemActor });
    expect((await post(body, json)).status).toBe(401);
    expect(await spanCount(ws.id)).toBe(0);
  });
});

describe("OTLP fuzzing", () => {
  it("answers 1,000 mutated protobuf and JSON payloads without a 5xx", async () => {
    const { secret } = await setup();
    const request = exportRequest(makeTrace({ seed: "fuzz", spans: 10 }).spans);
    const proto = toProtobuf(request);
    const text = JSON.stringify(request);
    let s = 424242;
    const rand = () => (s = (s * 1103515245 + 12345) % 2 ** 31) / 2 ** 31;
    const statuses = new Map<number, number>();
    for (let i = 0; i < 1000; i++) {
      const asProto = i % 2 === 0;
      const bytes = Buffer.from(asProto ? proto : Buffer.from(text));
      const edits = 1 + Math.floor(rand() * 8);
      for (let e = 0; e < edits; e++) {
        const at = Math.floor(rand() * bytes.length);
        bytes[at] = asProto
          ? Math.floor(rand() * 256)
          : [0x22, 0x7b, 0x7d, 0x5b, 0x5d, 0x2c, 0x3a, 0x30, 0x61][Math.floor(rand() * 9)]!;
      }
      const body = rand() < 0.1 ? bytes.subarray(0, Math.floor(rand() * bytes.length)) : bytes;
      const response = await post(body, {
        authorization: `Bearer ${secret}`,
        "content-type": asProto ? "application/x-protobuf" : "application/json",
      });
      statuses.set(response.status, (statuses.get(response.status) ?? 0) + 1);
      expect(response.status, `payload ${i}`).toBeLessThan(500);
    }
    // Both outcomes occur: some mutations still decode (200), others do not (400).
    expect(statuses.get(200)).toBeGreaterThan(0);
    expect(statuses.get(400)).toBeGreaterThan(0);
  }, 300_000);
});
