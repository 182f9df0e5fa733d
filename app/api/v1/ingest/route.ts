import { apiRoute, json } from "@/lib/http/api-route";
import { Invalid, UnsupportedMediaType } from "@/lib/errors";
import { readBody } from "@/lib/ingest/read-body";

import { nativeBatchSchema } from "@/lib/ingest/native";
import { ingestNative } from "@/lib/ingest/ingest-native";
import { ingestBodyLimit, withIngestSlot } from "@/lib/ingest/admission";

// The native JSON batch: { batch: [{ id, type: "span", body }] } → 207 with per-item results.
export const POST = apiRoute({ scope: "ingest" }, async (request, { principal }) => {
  const type = (request.headers.get("content-type") ?? "").split(";")[0]!.trim().toLowerCase();
  if (type !== "application/json") throw new UnsupportedMediaType("Send application/json.");
  const body = await readBody(request, { limit: ingestBodyLimit() });
  let parsed: unknown;
  try {
    parsed = JSON.parse(body.toString("utf8"));
  } catch {
    throw new Invalid("The body is not valid JSON.");
  }
  const envelope = nativeBatchSchema.safeParse(parsed);
  if (!envelope.success) throw new Invalid("Send { batch: [ … ] } with 1 to 10,000 items.");
  const result = await withIngestSlot(() =>
    ingestNative({ workspaceId: principal.workspaceId, items: envelope.data.batch }),
  );
  return json(result, { status: 207 });
});
