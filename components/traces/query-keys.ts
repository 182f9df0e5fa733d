// TanStack Query keys of the trace views, from one factory.
export const traceKeys = {
  all: (slug: string) => ["traces", slug] as const,
  list: (slug: string, search: string) => ["traces", slug, "list", search] as const,
  spans: (slug: string, traceId: string) => ["traces", slug, traceId, "spans"] as const,
  span: (slug: string, traceId: string, spanId: string) => ["traces", slug, traceId, "span", spanId] as const,
};
