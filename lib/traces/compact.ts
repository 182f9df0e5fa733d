// Pure: a trace's spans (without bodies) as columns of a table — the compact form the trace
// page loads — and back into objects. Times travel as offsets from the trace's start and a
// duration (short numbers), counts and money as JSON numbers; the trace's agents' names travel
// once, by external id, beside the rows.

export const SPAN_FIELDS = [
  "spanId",
  "parentSpanId",
  "name",
  "kind",
  "agentExternalId",
  "handoffTo",
  "model",
  "startOffsetMs",
  "durationMs",
  "status",
  "statusMessage",
  "inputTokens",
  "outputTokens",
  "costUsd",
] as const;

/** A span as the trace views use it: times in epoch milliseconds. */
export interface CompactSpan {
  spanId: string;
  parentSpanId: string | null;
  name: string;
  kind: string;
  agentExternalId: string | null;
  handoffTo: string | null;
  model: string | null;
  startTime: number;
  endTime: number | null;
  durationMs: number | null;
  status: string;
  statusMessage: string | null;
  inputTokens: number | null;
  outputTokens: number | null;
  costUsd: number | null;
}

export interface SpanTable {
  traceId: string;
  /** Epoch milliseconds the offsets count from. */
  baseTime: number;
  fields: readonly string[];
  /** Agents' names by external id (agents the trace names but nobody registered are absent). */
  agents?: Record<string, string>;
  rows: unknown[][];
}

export function toSpanTable(
  traceId: string,
  baseTime: number,
  spans: CompactSpan[],
  agents: Record<string, string> = {},
): SpanTable {
  return {
    traceId,
    baseTime,
    fields: SPAN_FIELDS,
    agents,
    rows: spans.map((s) =>
      SPAN_FIELDS.map((f) =>
        f === "startOffsetMs"
          ? s.startTime - baseTime
          : f === "durationMs"
            ? s.endTime === null
              ? null
              : s.endTime - s.startTime
            : s[f],
      ),
    ),
  };
}

const num = (v: unknown) => (v === null || v === undefined ? null : Number(v));
const str = (v: unknown) => (v === null || v === undefined ? null : String(v));

/** Rows back into spans, by the field names the table carries (so a reordered table still reads). */
export function fromSpanTable(table: SpanTable): CompactSpan[] {
  const at = Object.fromEntries(SPAN_FIELDS.map((f) => [f, table.fields.indexOf(f)])) as Record<
    (typeof SPAN_FIELDS)[number],
    number
  >;
  const get = (row: unknown[], f: (typeof SPAN_FIELDS)[number]) => (at[f] < 0 ? null : row[at[f]]);
  const spans = new Array<CompactSpan>(table.rows.length);
  for (let r = 0; r < table.rows.length; r++) {
    const row = table.rows[r]!;
    const startTime = table.baseTime + (num(get(row, "startOffsetMs")) ?? 0);
    const durationMs = num(get(row, "durationMs"));
    spans[r] = {
      spanId: String(get(row, "spanId")),
      parentSpanId: str(get(row, "parentSpanId")),
      name: String(get(row, "name") ?? ""),
      kind: String(get(row, "kind") ?? "OTHER"),
      agentExternalId: str(get(row, "agentExternalId")),
      handoffTo: str(get(row, "handoffTo")),
      model: str(get(row, "model")),
      startTime,
      endTime: durationMs === null ? null : startTime + durationMs,
      durationMs,
      status: String(get(row, "status") ?? "UNSET"),
      statusMessage: str(get(row, "statusMessage")),
      inputTokens: num(get(row, "inputTokens")),
      outputTokens: num(get(row, "outputTokens")),
      costUsd: num(get(row, "costUsd")),
    };
  }
  return spans;
}

/** The agents' names a table carries, by external id (a table from before names travelled has none). */
export function agentNamesOf(table: SpanTable): Map<string, string> {
  const names = new Map<string, string>();
  if (table.agents && typeof table.agents === "object")
    for (const [id, name] of Object.entries(table.agents)) if (typeof name === "string") names.set(id, name);
  return names;
}
