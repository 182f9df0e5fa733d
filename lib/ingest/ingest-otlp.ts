import "server-only";
import { normalizeExportRequest, type Rejection } from "./normalize";
import { prepareSpans } from "./prepare";
import { storeSpans } from "./store-spans";

export interface IngestResult {
  accepted: number;
  rejected: Rejection[];
  newAgents: string[];
}

/** One OTLP export request (already decoded) into one workspace. */
export async function ingestOtlp({
  workspaceId,
  request,
}: {
  workspaceId: string;
  request: unknown;
}): Promise<IngestResult> {
  const { spans, rejected } = normalizeExportRequest(request);
  const rows = prepareSpans(spans);
  const { newAgents } = await storeSpans({ workspaceId, rows });
  return { accepted: spans.length, rejected, newAgents };
}
