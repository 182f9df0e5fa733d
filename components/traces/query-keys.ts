// TanStack Query keys of the trace views, from one factory.
export const traceKeys = {
  all: (slug: string) => ["traces", slug] as const,
  list: (slug: string, search: string) => ["traces", slug, "list", search] as const,
  spans: (slug: string, traceId: string) => ["traces", slug, traceId, "spans"] as const,
  span: (slug: string, traceId: string, spanId: string) => ["traces", slug, traceId, "span", spanId] as const,
};

/** Where the trace page loads a trace's spans from (also preloaded with the page's HTML). */
export const spanTableUrl = (slug: string, traceId: string) =>
  `/api/v1/traces/${traceId}/spans?workspace=${encodeURIComponent(slug)}`;
