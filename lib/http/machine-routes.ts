// The data plane's routes: what agents call on their hot path. Each is served by the data-plane
// server (lib/http/data-plane.ts) and, through its app/api file, by Next.js.
import "server-only";
import { z } from "zod";
import { env } from "../env";
import { Invalid, toErrorResponse } from "../errors";
import { admission } from "./admission";
import { jsonReply, machineRoute, mediaType, type Reply } from "./machine-route";
import { decide } from "../decisions/decide";
import { describeApiKey } from "../api-keys";
import { decisionRequestSchema } from "../policy/request";
import { nativeBatchSchema } from "../ingest/native";
import { ingestNative } from "../ingest/ingest-native";
import { ingestOtlp } from "../ingest/ingest-otlp";
import { ingestBodyLimit, withIngestSlot } from "../ingest/admission";
import { decodeTraceRequest, encodeStatus, encodeTraceResponse } from "../ingest/otlp-proto";
import { MAX_WAIT_SECONDS, waitForApproval } from "../approvals/wait-approval";

// Past the bound an agent gets 503 + Retry-After at once; it must treat that as "not allowed yet".
const withDecisionSlot = admission(
  () => env().ARBITER_DECIDE_CONCURRENCY,
  "Decisions are at capacity; treat this as a deny and retry shortly.",
);

// An agent asks before acting: { agent, action, resource, context, traceId?, spanId?, idempotencyKey?,
// callbackUrl?, approvalToken? } (or a W3C traceparent header) → { decisionId, decision, reasons, approval? }.
export const decisionsRoute = machineRoute(
  {
    scope: "decide",
    contentTypes: ["application/json"],
    bodyLimit: () => 64 * 1024,
    schema: decisionRequestSchema,
    admission: withDecisionSlot,
  },
  async ({ principal, body, request }) =>
    jsonReply(
      await decide({
        workspaceId: principal.workspaceId,
        actor: principal.actor,
        apiKeyId: principal.kind === "api_key" ? principal.actor.id : null,
        body,
        parsed: body,
        traceparent: request.header("traceparent"),
      }),
    ),
);

// The native JSON batch: { batch: [{ id, type: "span", body }] } → 207 with per-item results.
export const nativeIngestRoute = machineRoute(
  {
    scope: "ingest",
    contentTypes: ["application/json"],
    bodyLimit: ingestBodyLimit,
    schema: nativeBatchSchema,
    invalid: "Send { batch: [ … ] } with 1 to 10,000 items.",
    admission: withIngestSlot,
  },
  async ({ principal, body }) =>
    jsonReply(await ingestNative({ workspaceId: principal.workspaceId, items: body.batch }), 207),
);

const PROTOBUF = ["application/x-protobuf", "application/protobuf"];
const isProtobuf = (type: string) => PROTOBUF.includes(type);
const protobufReply = (body: Buffer, status = 200, headers: Record<string, string> = {}): Reply => ({
  status,
  headers: { "content-type": "application/x-protobuf", ...headers },
  body: new Uint8Array(body),
});

// OTLP/HTTP trace export (protobuf or JSON, optionally gzip), at the path Langfuse uses so
// exporters configured for it work unchanged. Answers, errors included, use the request's encoding.
export const otlpTracesRoute = machineRoute(
  {
    scope: "ingest",
    contentTypes: [...PROTOBUF, "application/json"],
    bodyLimit: ingestBodyLimit,
    decode: (bytes, type) => (isProtobuf(type) ? decodeTraceRequest(bytes) : JSON.parse(bytes.toString("utf8"))),
    admission: withIngestSlot,
    errorReply: (error, request) => {
      const { status, body, headers } = toErrorResponse(error);
      const rpcStatus = { code: status, message: body.error.message };
      return isProtobuf(mediaType(request))
        ? protobufReply(encodeStatus(rpcStatus), status, headers)
        : jsonReply(rpcStatus, status, headers);
    },
  },
  async ({ principal, body, type }) => {
    const result = await ingestOtlp({ workspaceId: principal.workspaceId, request: body });
    const reasons = [...new Set(result.rejected.map((r) => r.reason))].slice(0, 5).join("; ");
    const answer = result.rejected.length
      ? {
          partialSuccess: {
            rejectedSpans: result.rejected.length,
            errorMessage: `${result.rejected.length} span(s) rejected: ${reasons}`,
          },
        }
      : {};
    return isProtobuf(type) ? protobufReply(encodeTraceResponse(answer)) : jsonReply(answer);
  },
);

// What the presented key is: its workspace and scopes, for any valid key (the simulator checks
// where it will send before sending).
export const keyRoute = machineRoute({ scope: "any" }, async ({ principal }) =>
  jsonReply(await describeApiKey({ workspaceId: principal.workspaceId, keyId: principal.actor.id! }), 200, {
    "cache-control": "no-store",
  }),
);

const waitSchema = z.coerce.number().int().min(0).max(MAX_WAIT_SECONDS);

// An agent reads its held request: status, deciders, reason or comment, the approved (possibly
// edited) request and its one-use token. ?wait=N long-polls up to N seconds (at most 60).
export const approvalRoute = machineRoute<undefined, { approvalId: string }>(
  { scope: "decide", permission: "approvals:read" },
  async ({ principal, request, params }) => {
    const raw = request.url.searchParams.get("wait");
    const wait = raw === null ? { success: true as const, data: 0 } : waitSchema.safeParse(raw);
    if (!wait.success) throw new Invalid(`wait must be a whole number of seconds from 0 to ${MAX_WAIT_SECONDS}.`);
    const view = await waitForApproval({
      workspaceId: principal.workspaceId,
      approvalId: params.approvalId,
      waitSeconds: wait.data,
      signal: request.signal,
    });
    // The token is the agent's: a person reading the request through the API does not get it.
    const shown = principal.kind === "session" ? { ...view, token: null } : view;
    return jsonReply(shown, 200, { "cache-control": "no-store" });
  },
);
