import "server-only";
import { queryTerms, traceIdRange } from "./search-terms";
import { z } from "zod";
import { database, db } from "../db";
import { pageBothWays } from "../pagination";
import { SPAN_FIELDS } from "./compact";
import { Invalid, NotFound } from "../errors";
import { agentNames } from "../agents/agent-names";
import { agentRefs, type AgentRef } from "../agents/agent-label";

export const TRACE_SORTS = ["startTime", "durationMs", "costUsd", "spanCount", "totalTokens"] as const;
export type TraceSort = (typeof TRACE_SORTS)[number];
// Only the duration of a trace whose root has not ended is unknown; nulls sort last either way.
const NULLABLE: ReadonlySet<TraceSort> = new Set(["durationMs"]);

export const listTracesQuery = z.object({
  from: z.iso.datetime({ offset: true }).optional(),
  to: z.iso.datetime({ offset: true }).optional(),
  agent: z.string().min(1).max(512).optional(),
  status: z.enum(["OK", "ERROR", "UNSET"]).optional(),
  model: z.string().min(1).max(512).optional(),
  minCost: z.coerce.number().min(0).max(1e9).optional(),
  minDurationMs: z.coerce.number().min(0).max(1e12).optional(),
  /** Case-insensitive text in the trace's root name, or a whole trace id. */
  q: z.string().trim().min(1).max(200).optional(),
  sort: z.enum(TRACE_SORTS).default("startTime"),
  order: z.enum(["asc", "desc"]).default("desc"),
  /** After this row ("next page"). */
  cursor: z.string().max(300).optional(),
  /** Before this row ("previous page"); wins over cursor. */
  before: z.string().max(300).optional(),
  limit: z.coerce.number().int().min(1).max(100).default(50),
});

export type ListTracesQuery = z.input<typeof listTracesQuery>;

type SortValue = string | number | null;
interface Cursor {
  sort: TraceSort;
  order: "asc" | "desc";
  value: SortValue;
  traceId: string;
}

// The cursor is the last row's (sort value, traceId): stable under concurrent inserts.
function decodeCursor(cursor: string, sort: TraceSort, order: "asc" | "desc"): Cursor {
  let parsed: unknown;
  try {
    parsed = JSON.parse(Buffer.from(cursor, "base64url").toString("utf8"));
  } catch {
    parsed = null;
  }
  const c = z
    .tuple([
      z.enum(TRACE_SORTS),
      z.enum(["asc", "desc"]),
      z.union([z.string().max(64), z.number(), z.null()]),
      z.string().regex(/^[0-9a-f]{32}$/),
    ])
    .safeParse(parsed);
  if (!c.success) throw new Invalid("The cursor is not one this API issued.");
  const [cSort, cOrder, value, traceId] = c.data;
  if (cSort !== sort || cOrder !== order) throw new Invalid("The cursor belongs to another sort order; start again.");
  if (value === null ? !NULLABLE.has(sort) : sort === "startTime" && Number.isNaN(Date.parse(String(value)))) {
    throw new Invalid("The cursor is not one this API issued.");
  }
  if (sort !== "startTime" && value !== null && !Number.isFinite(Number(value))) {
    throw new Invalid("The cursor is not one this API issued.");
  }
  return { sort, order, value, traceId };
}

type TraceRow = Awaited<ReturnType<typeof findTraces>>[number];

function sortValue(row: TraceRow, sort: TraceSort): SortValue {
  const v = row[sort];
  if (v === null) return null;
  if (v instanceof Date) return v.toISOString();
  return typeof v === "number" ? v : v.toString();
}

const encodeCursor = (c: Cursor) =>
  Buffer.from(JSON.stringify([c.sort, c.order, c.value, c.traceId])).toString("base64url");

/**
 * The rows past the cursor's row in `order` with nulls last (reading on) or nulls first (reading
 * back, in the reverse of the list's order).
 */
function afterCursor(c: Cursor, order: "asc" | "desc", nullsLast: boolean) {
  const beyond = order === "desc" ? "lt" : "gt";
  const col = c.sort;
  if (c.value === null) {
    const nulls = { [col]: null, traceId: { [beyond]: c.traceId } };
    return nullsLast ? nulls : { OR: [nulls, { [col]: { not: null } }] };
  }
  const value = col === "startTime" ? new Date(String(c.value)) : col === "spanCount" ? Number(c.value) : c.value;
  const typed = col === "totalTokens" ? BigInt(String(c.value)) : value;
  return {
    OR: [
      { [col]: { [beyond]: typed } },
      { [col]: typed, traceId: { [beyond]: c.traceId } },
      ...(NULLABLE.has(col) && nullsLast ? [{ [col]: null }] : []),
    ],
  };
}

// A search narrows by index first: the traces whose terms hold every word (the terms' GIN index)
// or whose id begins so (the primary key's range), at most PROBE of each. When fewer come back the
// page is read among those ids; when either reaches PROBE the words are common, and the newest
// traces that match are near the top of the time index anyway. (Left to itself, the planner walks
// the time index for a rare word too, and reads every trace of the workspace to find none.)
const PROBE = 2000;

async function searchedIds(
  workspaceId: string,
  words: string[],
  ids: { from: string; to: string } | null,
): Promise<string[] | "common"> {
  const parts: string[] = [];
  const params: unknown[] = [workspaceId];
  if (words.length) {
    params.push(words);
    parts.push(
      `(SELECT "traceId" FROM "Trace" WHERE "workspaceId" = $1 AND "searchTerms" @> $${params.length}::text[] LIMIT ${PROBE})`,
    );
  }
  if (ids) {
    params.push(ids.from, ids.to);
    parts.push(
      `(SELECT "traceId" FROM "Trace" WHERE "workspaceId" = $1 AND "traceId" BETWEEN $${params.length - 1} AND $${params.length} LIMIT ${PROBE})`,
    );
  }
  if (!parts.length) return [];
  const rows = await database().query<{ traceId: string; part: number }>(
    parts.map((part, i) => `SELECT "traceId", ${i} AS "part" FROM ${part} p${i}`).join(" UNION ALL "),
    params,
  );
  const perPart = parts.map((_, i) => rows.filter((r) => r.part === i).length);
  if (perPart.some((n) => n >= PROBE)) return "common";
  return [...new Set(rows.map((r) => r.traceId))];
}

async function findTraces(
  workspaceId: string,
  query: z.output<typeof listTracesQuery>,
  after: Cursor | null,
  /** Reading back: the list's reverse order, from the cursor. */
  back = false,
) {
  const { sort } = query;
  const order = back ? (query.order === "desc" ? "asc" : "desc") : query.order;
  const words = query.q ? queryTerms(query.q) : [];
  const ids = query.q ? traceIdRange(query.q) : null;
  const found = query.q ? await searchedIds(workspaceId, words, ids) : null;
  if (Array.isArray(found) && found.length === 0) return [];
  return db().trace.findMany({
    where: {
      workspaceId,
      AND: [
        query.from || query.to
          ? {
              startTime: {
                ...(query.from ? { gte: new Date(query.from) } : {}),
                ...(query.to ? { lt: new Date(query.to) } : {}),
              },
            }
          : {},
        query.agent ? { agentNames: { has: query.agent } } : {},
        query.model ? { models: { has: query.model } } : {},
        query.status ? { status: query.status } : {},
        query.minCost !== undefined ? { costUsd: { gte: query.minCost } } : {},
        query.minDurationMs !== undefined ? { durationMs: { gte: query.minDurationMs } } : {},
        Array.isArray(found)
          ? { traceId: { in: found } }
          : found === "common"
            ? {
                OR: [
                  ...(words.length ? [{ searchTerms: { hasEvery: words } }] : []),
                  ...(ids ? [{ traceId: { gte: ids.from, lte: ids.to } }] : []),
                ],
              }
            : {},
        after ? afterCursor(after, order, !back) : {},
      ],
    },
    orderBy: [
      NULLABLE.has(sort)
        ? { [sort]: { sort: order, nulls: back ? ("first" as const) : ("last" as const) } }
        : { [sort]: order },
      { traceId: order },
    ],
    take: query.limit + 1,
    omit: { workspaceId: true, searchTerms: true },
  });
}

export async function listTraces({ workspaceId, query: input }: { workspaceId: string; query: ListTracesQuery }) {
  const query = listTracesQuery.parse(input);
  const cursorOf = (row: TraceRow) =>
    encodeCursor({ sort: query.sort, order: query.order, value: sortValue(row, query.sort), traceId: row.traceId });
  // Back from a row: the reverse order from it, shown in the list's order (pageBothWays).
  const back = query.before ?? null;
  const after = back ?? query.cursor;
  const rows = await findTraces(
    workspaceId,
    query,
    after ? decodeCursor(after, query.sort, query.order) : null,
    back !== null,
  );
  const page = pageBothWays(rows, query.limit, cursorOf, { back, from: Boolean(query.cursor) });
  // Traces record agents by external id; the page's names come in one query for all its rows.
  const names = await agentNames({ workspaceId, externalIds: page.data.flatMap((t) => t.agentNames) });
  return { ...page, data: page.data.map((t) => ({ ...t, agents: agentRefs(t.agentNames, names) })) };
}

const traceIdSchema = z.string().regex(/^[0-9a-fA-F]{32}$/, "A trace id is 32 hex characters.");
const spanIdSchema = z.string().regex(/^[0-9a-fA-F]{16}$/, "A span id is 16 hex characters.");

async function findTrace({ workspaceId, traceId }: { workspaceId: string; traceId: string }) {
  const id = traceIdSchema.safeParse(traceId);
  if (!id.success) throw new Invalid(id.error.issues[0]!.message);
  const trace = await db().trace.findUnique({
    where: { workspaceId_traceId: { workspaceId, traceId: id.data.toLowerCase() } },
    omit: { workspaceId: true, searchTerms: true },
  });
  if (!trace) throw new NotFound("Trace not found.");
  return trace;
}

/** The trace's roll-up (totals, agents with their names, models), without its spans. */
export async function getTraceSummary({
  workspaceId,
  traceId,
}: {
  workspaceId: string;
  traceId: string;
}): Promise<Awaited<ReturnType<typeof findTrace>> & { agents: AgentRef[] }> {
  const trace = await findTrace({ workspaceId, traceId });
  const names = await agentNames({ workspaceId, externalIds: trace.agentNames });
  return { ...trace, agents: agentRefs(trace.agentNames, names) };
}

/**
 * A trace's spans without bodies, as the JSON text of a span table (see compact.ts), with the
 * names of the trace's agents by external id. The database writes the rows' JSON itself:
 * materialising 100,000 rows as driver objects and serialising them again costs several times
 * more (3.0 s against 0.5 s on PGlite).
 */
export async function getTraceSpanTableJson({
  workspaceId,
  traceId,
}: {
  workspaceId: string;
  traceId: string;
}): Promise<string> {
  const trace = await findTrace({ workspaceId, traceId });
  const [row] = await database().sqlTransaction((sql) =>
    sql.query<{ rows: string; agents: string }>(
      `SELECT coalesce(json_agg(json_build_array(
                "spanId", "parentSpanId", "name", "kind", "agentExternalId", "handoffTo", "model",
                round((extract(epoch FROM "startTime" - $3::timestamptz) * 1000)::numeric, 3),
                round((extract(epoch FROM "endTime" - "startTime") * 1000)::numeric, 3),
                "status", "statusMessage", "inputTokens", "outputTokens", "costUsd"))::text, '[]') AS rows,
              (SELECT coalesce(json_object_agg(a."externalId", a."name"), '{}')::text FROM "Agent" a
                WHERE a."workspaceId" = $1 AND a."externalId" = ANY($4::text[])) AS agents
         FROM "Span" WHERE "workspaceId" = $1 AND "traceId" = $2`,
      [workspaceId, trace.traceId, trace.startTime, trace.agentNames],
    ),
  );
  // The column order above is SPAN_FIELDS' order.
  const head = { traceId: trace.traceId, baseTime: trace.startTime.getTime(), fields: SPAN_FIELDS };
  return `${JSON.stringify(head).slice(0, -1)},"agents":${row!.agents},"rows":${row!.rows}}`;
}

/** The trace and its spans, without the (possibly large) input and output bodies. */
export async function getTrace({ workspaceId, traceId }: { workspaceId: string; traceId: string }) {
  const trace = await getTraceSummary({ workspaceId, traceId });
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

/** Whether the workspace holds any trace at all (what an empty list says depends on it). */
export async function hasTraces({ workspaceId }: { workspaceId: string }): Promise<boolean> {
  const [row] = await database().query<{ any: boolean }>(
    `SELECT EXISTS (SELECT 1 FROM "Trace" WHERE "workspaceId" = $1) AS "any"`,
    [workspaceId],
  );
  return row?.any ?? false;
}

/** Agents (with their names) and models that occur in the workspace's usage, for filter choices. */
export async function traceFacets({ workspaceId }: { workspaceId: string }): Promise<{
  agents: AgentRef[];
  models: string[];
}> {
  const [agents, models] = await Promise.all([
    database().query<{ externalId: string; name: string | null }>(
      `SELECT u."externalId", a."name"
         FROM (SELECT DISTINCT "agentExternalId" AS "externalId" FROM "UsageDaily"
                WHERE "workspaceId" = $1 AND "agentExternalId" <> '') u
         LEFT JOIN "Agent" a ON a."workspaceId" = $1 AND a."externalId" = u."externalId"
        ORDER BY coalesce(a."name", u."externalId"), u."externalId"`,
      [workspaceId],
    ),
    db().usageDaily.findMany({
      where: { workspaceId, model: { not: "" } },
      distinct: ["model"],
      select: { model: true },
      orderBy: { model: "asc" },
    }),
  ]);
  return {
    agents: agents.map((a) => ({ externalId: a.externalId, name: a.name || a.externalId })),
    models: models.map((m) => m.model),
  };
}

const RANGE_MS: Record<string, number> = { "24h": 86_400_000, "7d": 7 * 86_400_000, "30d": 30 * 86_400_000 };

/** The start of a named time range ("24h", "7d", "30d"; anything else: no start). */
export function rangeStart(range: string, now = Date.now()): string | undefined {
  const span = RANGE_MS[range];
  return span === undefined ? undefined : new Date(now - span).toISOString();
}
