import "server-only";
import { z } from "zod";
import { db } from "../db";
import { Invalid, NotFound } from "../errors";

export const listTracesQuery = z.object({
  from: z.iso.datetime({ offset: true }).optional(),
  to: z.iso.datetime({ offset: true }).optional(),
  agent: z.string().min(1).max(512).optional(),
  status: z.enum(["OK", "ERROR", "UNSET"]).optional(),
  model: z.string().min(1).max(512).optional(),
  cursor: z.string().max(200).optional(),
  limit: z.coerce.number().int().min(1).max(100).default(50),
});

export type ListTracesQuery = z.infer<typeof listTracesQuery>;

// The cursor is the last row's (startTime, traceId): stable under concurrent inserts.
function decodeCursor(cursor: string): { startTime: Date; traceId: string } {
  try {
    const [time, traceId] = Buffer.from(cursor, "base64url").toString("utf8").split("|");
    const startTime = new Date(time!);
    if (Number.isNaN(startTime.getTime()) || !/^[0-9a-f]{32}$/.test(traceId ?? "")) throw new Error("bad cursor");
    return { startTime, traceId: traceId! };
  } catch {
    throw new Invalid("The cursor is not one this API issued.");
  }
}

const encodeCursor = (t: { startTime: Date; traceId: string }) =>
  Buffer.from(`${t.startTime.toISOString()}|${t.traceId}`).toString("base64url");

export async function listTraces({ workspaceId, query }: { workspaceId: string; query: ListTracesQuery }) {
  const after = query.cursor ? decodeCursor(query.cursor) : null;
  const rows = await db().trace.findMany({
    where: {
      workspaceId,
      ...(query.from || query.to
        ? {
            startTime: {
              ...(query.from ? { gte: new Date(query.from) } : {}),
              ...(query.to ? { lt: new Date(query.to) } : {}),
            },
          }
        : {}),
      ...(query.agent ? { agentNames: { has: query.agent } } : {}),
      ...(query.model ? { models: { has: query.model } } : {}),
      ...(query.status ? { status: query.status } : {}),
      ...(after
        ? {
            OR: [
              { startTime: { lt: after.startTime } },
              { startTime: after.startTime, traceId: { lt: after.traceId } },
            ],
          }
        : {}),
    },
    orderBy: [{ startTime: "desc" }, { traceId: "desc" }],
    take: query.limit + 1,
    omit: { workspaceId: true },
  });
  const page = rows.slice(0, query.limit);
  const last = page.at(-1);
  return { data: page, nextCursor: rows.length > query.limit && last ? encodeCursor(last) : null };
}

const traceIdSchema = z.string().regex(/^[0-9a-fA-F]{32}$/, "A trace id is 32 hex characters.");
const spanIdSchema = z.string().regex(/^[0-9a-fA-F]{16}$/, "A span id is 16 hex characters.");

/** The trace and its spans, without the (possibly large) input and output bodies. */
export async function getTrace({ workspaceId, traceId }: { workspaceId: string; traceId: string }) {
  const id = traceIdSchema.safeParse(traceId);
  if (!id.success) throw new Invalid(id.error.issues[0]!.message);
  const trace = await db().trace.findUnique({
    where: { workspaceId_traceId: { workspaceId, traceId: id.data.toLowerCase() } },
    omit: { workspaceId: true },
  });
  if (!trace) throw new NotFound("Trace not found.");
  const spans = await db().span.findMany({
    where: { workspaceId, traceId: trace.traceId },
    orderBy: [{ startTime: "asc" }, { spanId: "asc" }],
    omit: { workspaceId: true, input: true, output: true, attributes: true, events: true, resource: true },
  });
  return { ...trace, spans };
}

/** One span in full: input, output, attributes, events. */
export async function getSpan({
  workspaceId,
  traceId,
  spanId,
}: {
  workspaceId: string;
  traceId: string;
  spanId: string;
}) {
  const t = traceIdSchema.safeParse(traceId);
  const s = spanIdSchema.safeParse(spanId);
  if (!t.success || !s.success) throw new Invalid("Trace ids are 32 and span ids 16 hex characters.");
  const span = await db().span.findUnique({
    where: { workspaceId_traceId_spanId: { workspaceId, traceId: t.data.toLowerCase(), spanId: s.data.toLowerCase() } },
    omit: { workspaceId: true },
  });
  if (!span) throw new NotFound("Span not found.");
  return span;
}

/** Agents and models that occur in the workspace's usage, for filter choices. */
export async function traceFacets({ workspaceId }: { workspaceId: string }) {
  const [agents, models] = await Promise.all([
    db().usageDaily.findMany({
      where: { workspaceId, agentExternalId: { not: "" } },
      distinct: ["agentExternalId"],
      select: { agentExternalId: true },
      orderBy: { agentExternalId: "asc" },
    }),
    db().usageDaily.findMany({
      where: { workspaceId, model: { not: "" } },
      distinct: ["model"],
      select: { model: true },
      orderBy: { model: "asc" },
    }),
  ]);
  return { agents: agents.map((a) => a.agentExternalId), models: models.map((m) => m.model) };
}

const RANGE_MS: Record<string, number> = { "24h": 86_400_000, "7d": 7 * 86_400_000, "30d": 30 * 86_400_000 };

/** The start of a named time range ("24h", "7d", "30d"; anything else: no start). */
export function rangeStart(range: string, now = Date.now()): string | undefined {
  const span = RANGE_MS[range];
  return span === undefined ? undefined : new Date(now - span).toISOString();
}
