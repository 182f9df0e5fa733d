import { apiRoute, json } from "@/lib/http/api-route";
import { readJson } from "@/lib/http/read-json";
import { decide } from "@/lib/decisions/decide";
import { admission } from "@/lib/http/admission";
import { env } from "@/lib/env";

// Past the bound an agent gets 503 + Retry-After at once; it must treat that as "not allowed yet".
const withDecisionSlot = admission(
  () => env().ARBITER_DECIDE_CONCURRENCY,
  "Decisions are at capacity; treat this as a deny and retry shortly.",
);

const MAX_BODY = 64 * 1024;

// An agent asks before acting: { agent, action, resource, context, traceId?, spanId?, idempotencyKey?,
// callbackUrl?, approvalToken? } (or a W3C traceparent header) → { decisionId, decision, reasons, approval? }.
export const POST = apiRoute({ scope: "decide" }, async (request, { principal }) => {
  const body = await readJson(request, { limit: MAX_BODY });
  const answer = await withDecisionSlot(() =>
    decide({
      workspaceId: principal.workspaceId,
      actor: principal.actor,
      apiKeyId: principal.kind === "api_key" ? principal.actor.id : null,
      body,
      traceparent: request.headers.get("traceparent"),
    }),
  );
  return json(answer);
});
