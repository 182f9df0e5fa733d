// The workspace chain's signed checkpoints, oldest first, in pages: ?after=<seq>&limit=<1–100>,
// and ?hashes=1 for each one's list of covered event hashes. A `read` key, or a session with
// audit:read (?workspace=<slug>).
import { z } from "zod";
import { apiRoute, json } from "@/lib/http/api-route";
import { Invalid } from "@/lib/errors";
import { readCheckpoints } from "@/lib/audit/verify-audit-chain";

const query = z.object({
  after: z.coerce.number().int().min(0).max(2_147_483_647).default(0),
  limit: z.coerce.number().int().min(1).max(100).default(100),
  hashes: z.enum(["0", "1"]).default("0"),
});

export const GET = apiRoute({ scope: "read", permission: "audit:read" }, async (request, { principal }) => {
  const parsed = query.safeParse(Object.fromEntries(new URL(request.url).searchParams));
  if (!parsed.success) throw new Invalid("after is a sequence number, limit 1–100, hashes 0 or 1.");
  const { after, limit, hashes } = parsed.data;
  const rows = await readCheckpoints(principal.workspaceId, after, undefined, limit + 1);
  const page = rows.slice(0, limit).map((c) => (hashes === "1" ? c : { ...c, hashes: undefined }));
  return json({
    chain: principal.workspaceId,
    checkpoints: page,
    next: rows.length > limit ? `?after=${page.at(-1)!.seq}&limit=${limit}${hashes === "1" ? "&hashes=1" : ""}` : null,
  });
});
