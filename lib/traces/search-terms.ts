// What the trace list's search finds a trace by. A span gives its name (whole: tool names like
// "issue_refund" are typed whole), its space-separated parts ("invoke_agent"), the words in it, its
// agent and its model — lower case, 2 to 64 characters. A trace keeps the distinct terms of its spans, sorted, at most MAX_TERMS.
export const MAX_TERMS = 1000;
const WORD_SEPARATORS = /[^\p{L}\p{N}]+/u;

const usable = (t: string) => t.length >= 2 && t.length <= 64;

/** The terms one span gives. */
export function spanTerms(span: { name: string; agentExternalId: string | null; model: string | null }): string[] {
  const name = span.name.toLowerCase();
  const terms = [name, ...name.split(/\s+/), ...name.split(WORD_SEPARATORS)];
  if (span.agentExternalId) terms.push(span.agentExternalId.toLowerCase());
  if (span.model) terms.push(span.model.toLowerCase());
  return terms.filter(usable);
}

/** What a search asks for: every word must be among a trace's terms. */
export function queryTerms(q: string): string[] {
  return [...new Set(q.toLowerCase().split(/\s+/).filter(usable))];
}

/** A search that is a trace id's beginning (4 to 32 hex characters): the id range it covers. */
export function traceIdRange(q: string): { from: string; to: string } | null {
  const hex = q.trim().toLowerCase();
  if (!/^[0-9a-f]{4,32}$/.test(hex)) return null;
  return { from: hex.padEnd(32, "0"), to: hex.padEnd(32, "f") };
}
