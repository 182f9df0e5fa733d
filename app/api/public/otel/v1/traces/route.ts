import { authenticateRequest } from "@/lib/http/api-route";
import { toErrorResponse, Invalid, UnsupportedMediaType } from "@/lib/errors";
import { decodeTraceRequest, encodeStatus, encodeTraceResponse, type TraceResponse } from "@/lib/ingest/otlp-proto";
import { readBody } from "@/lib/ingest/read-body";
import { ingestOtlp } from "@/lib/ingest/ingest-otlp";
import { ingestBodyLimit, withIngestSlot } from "@/lib/ingest/admission";

// OTLP/HTTP trace export (protobuf or JSON, optionally gzip), at the path Langfuse uses so
// exporters configured for it work unchanged. Answers, errors included, use the request's encoding.
export async function POST(request: Request): Promise<Response> {
  const type = (request.headers.get("content-type") ?? "").split(";")[0]!.trim().toLowerCase();
  const protobuf = type === "application/x-protobuf" || type === "application/protobuf";
  const encode = (body: Buffer, status: number, headers: Record<string, string> = {}) =>
    new Response(new Uint8Array(body), { status, headers: { "content-type": "application/x-protobuf", ...headers } });
  const ok = (body: TraceResponse) => (protobuf ? encode(encodeTraceResponse(body), 200) : Response.json(body));

  try {
    if (!protobuf && type !== "application/json") {
      throw new UnsupportedMediaType("Send application/x-protobuf or application/json.");
    }
    const principal = await authenticateRequest(request, { scope: "ingest" });
    const body = await readBody(request, { limit: ingestBodyLimit() });
    let decoded: unknown;
    try {
      decoded = protobuf ? decodeTraceRequest(body) : JSON.parse(body.toString("utf8"));
    } catch {
      throw new Invalid(`The body is not a valid OTLP ${protobuf ? "protobuf" : "JSON"} export request.`);
    }
    const result = await withIngestSlot(() => ingestOtlp({ workspaceId: principal.workspaceId, request: decoded }));
    if (result.rejected.length === 0) return ok({});
    const reasons = [...new Set(result.rejected.map((r) => r.reason))].slice(0, 5).join("; ");
    return ok({
      partialSuccess: {
        rejectedSpans: result.rejected.length,
        errorMessage: `${result.rejected.length} span(s) rejected: ${reasons}`,
      },
    });
  } catch (error) {
    const { status, body, headers } = toErrorResponse(error);
    const rpcStatus = { code: status, message: body.error.message };
    return protobuf ? encode(encodeStatus(rpcStatus), status, headers) : Response.json(rpcStatus, { status, headers });
  }
}
