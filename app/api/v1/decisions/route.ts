import { apiRoute, json } from "@/lib/http/api-route";
import { Invalid, UnsupportedMediaType } from "@/lib/errors";
import { readBody } from "@/lib/ingest/read-body";
import { decide } from "@/lib/policy/decide";
import { admission } from "@/lib/http/admission";
import { env } from "@/lib/env";

// Past the bound an agent gets 503 + Retry-After at once; it must treat that as "not allowed yet".
const withDecisionSlot = admission(
  () => env().ARBITER_DECIDE_CONCURRENCY,
  "Decisions are at capacity; treat this as a deny and retry shortly.",
);

const MAX_BODY = 64 * 1024;

// An agent asks before acting: { agent, action, resource, context, traceId?, spanId? } (or a
// W3C traceparent header) → { decisionId, decision, reasons, approval? }.
export const POST = apiRoute({ scope: "decide" }, async (request, { principal }) => {
  const type = (request.headers.get("content-type") ?? "").split(";")[0]!.trim().toLowerCase();
  if (type !== "application/json") throw new UnsupportedMediaType("Send application/json.");
  const body = await readBody(request, { limit: MAX_BODY });
  let parsed: unknown;
  try {
    parsed = JSON.parse(body.toString("utf8"));
  } catch {
    throw new Invalid("The body is not valid JSON.");
  }
  const answer = await withDecisionSlot(() =>
    decide({
      workspaceId: principal.workspaceId,
      actor: principal.actor,
      apiKeyId: principal.kind === "api_key" ? principal.actor.id : null,
      body: parsed,
      traceparent: request.headers.get("traceparent"),
    }),
  );
  return json(answer);
});
