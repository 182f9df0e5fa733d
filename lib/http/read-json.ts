// The one way a JSON route reads its body: application/json only, within a byte limit, parsed —
// each failure a clear 4xx.
import { Invalid, UnsupportedMediaType } from "../errors";
import { readBody } from "../ingest/read-body";

export async function readJson(request: Request, { limit }: { limit: number }): Promise<unknown> {
  const type = (request.headers.get("content-type") ?? "").split(";")[0]!.trim().toLowerCase();
  if (type !== "application/json") throw new UnsupportedMediaType("Send application/json.");
  const body = await readBody(request, { limit });
  try {
    return JSON.parse(body.toString("utf8"));
  } catch {
    throw new Invalid("The body is not valid JSON.");
  }
}

/** Zod issues as one message: "path: problem; path: problem". */
export function issuesMessage(issues: { path: PropertyKey[]; message: string }[]): string {
  return issues.map((i) => `${i.path.map(String).join(".") || "body"}: ${i.message}`).join("; ");
}
