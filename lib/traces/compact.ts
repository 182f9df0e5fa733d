// Pure: a trace's spans (without bodies) as columns of a table — the compact form the trace
// page loads, about half the bytes of one object per span — and back into objects.

export const SPAN_FIELDS = [
  "spanId",
  "parentSpanId",
  "name",
  "kind",
  "agentExternalId",
  "handoffTo",
  "model",
  "startTime",
  "endTime",
  "durationMs",
  "status",
  "statusMessage",
  "inputTokens",
  "outputTokens",
  "costUsd",
] as const;

/** A span as the trace views use it: times in epoch milliseconds, counts and money as strings. */
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
  inputTokens: string | null;
  outputTokens: string | null;
  costUsd: string | null;
}

export interface SpanTable {
  fields: typeof SPAN_FIELDS;
  rows: unknown[][];
}

export function toSpanTable(spans: CompactSpan[]): SpanTable {
  return { fields: SPAN_FIELDS, rows: spans.map((s) => SPAN_FIELDS.map((f) => s[f])) };
}

/** Rows back into spans, by the field names the table carries (so a reordered table still reads). */
export function fromSpanTable(table: { fields: readonly string[]; rows: unknown[][] }): CompactSpan[] {
  const at = SPAN_FIELDS.map((f) => table.fields.indexOf(f));
  const spans = new Array<CompactSpan>(table.rows.length);
  for (let r = 0; r < table.rows.length; r++) {
    const row = table.rows[r]!;
    const span = {} as Record<string, unknown>;
    for (let f = 0; f < SPAN_FIELDS.length; f++) span[SPAN_FIELDS[f]!] = at[f]! < 0 ? null : (row[at[f]!] ?? null);
    spans[r] = span as unknown as CompactSpan;
  }
  return spans;
}
