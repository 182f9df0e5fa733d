// What the read API says about one trace, for the late-parent and SDK modes: its roll-up from the
// trace list (cheap enough to poll) and, once, all its spans as the span table.
import { exchange, type Exchange } from "./http";

export interface TraceRollup {
  spanCount: number;
  rootSpanId: string | null;
  inputTokens: number;
  outputTokens: number;
  agentNames: string[];
}

const auth = (key: string) => ({ authorization: `Bearer ${key}` });
const json = (response: Exchange): unknown => JSON.parse(Buffer.from(response.body).toString("utf8"));

/** The trace's roll-up, or null while the server holds nothing of it. */
export async function traceRollup(url: string, key: string, traceId: string): Promise<TraceRollup | null> {
  const response = await exchange(`${url}/api/v1/traces?q=${traceId}&limit=1`, { headers: auth(key) }, 60_000);
  if (response.status !== 200) throw new Error(`GET /api/v1/traces answered ${response.status}`);
  const page = json(response) as {
    data: {
      traceId: string;
      spanCount: number;
      rootSpanId: string | null;
      inputTokens: string;
      outputTokens: string;
      agentNames: string[];
    }[];
  };
  const t = page.data.find((d) => d.traceId === traceId);
  return t
    ? {
        spanCount: t.spanCount,
        rootSpanId: t.rootSpanId,
        inputTokens: Number(t.inputTokens),
        outputTokens: Number(t.outputTokens),
        agentNames: t.agentNames,
      }
    : null;
}

/** How the served spans are attributed: how many there are, and how many carry each agent. */
export async function servedAttribution(url: string, key: string, traceId: string) {
  const response = await exchange(`${url}/api/v1/traces/${traceId}/spans`, { headers: auth(key) }, 120_000);
  if (response.status !== 200) throw new Error(`GET /api/v1/traces/${traceId}/spans answered ${response.status}`);
  const table = json(response) as { fields: string[]; rows: unknown[][] };
  const agentAt = table.fields.indexOf("agentExternalId");
  const parentAt = table.fields.indexOf("parentSpanId");
  const byAgent: Record<string, number> = {};
  let roots = 0;
  for (const row of table.rows) {
    const agent = String(row[agentAt] ?? "");
    byAgent[agent] = (byAgent[agent] ?? 0) + 1;
    if (row[parentAt] === null) roots++;
  }
  return { spans: table.rows.length, roots, byAgent };
}
