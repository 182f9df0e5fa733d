-- AlterTable
ALTER TABLE "Trace" ADD COLUMN     "searchTerms" TEXT[] DEFAULT ARRAY[]::TEXT[];

-- CreateIndex
CREATE INDEX "Trace_searchTerms_idx" ON "Trace" USING GIN ("searchTerms");

-- Traces stored before this migration get their terms from their spans, as ingest now keeps them
-- (lib/traces/search-terms.ts): each span's name, its space-separated parts, the words in it, its
-- agent and its model.
UPDATE "Trace" t SET "searchTerms" = coalesce((
  SELECT array_agg(DISTINCT x.term ORDER BY x.term) FROM (
    SELECT lower(s."name") AS term FROM "Span" s WHERE s."workspaceId" = t."workspaceId" AND s."traceId" = t."traceId"
    UNION SELECT w FROM "Span" s, regexp_split_to_table(lower(s."name"), '\s+') w
      WHERE s."workspaceId" = t."workspaceId" AND s."traceId" = t."traceId"
    UNION SELECT w FROM "Span" s, regexp_split_to_table(lower(s."name"), '[^[:alnum:]]+') w
      WHERE s."workspaceId" = t."workspaceId" AND s."traceId" = t."traceId"
    UNION SELECT lower(s."agentExternalId") FROM "Span" s WHERE s."workspaceId" = t."workspaceId" AND s."traceId" = t."traceId"
    UNION SELECT lower(s."model") FROM "Span" s WHERE s."workspaceId" = t."workspaceId" AND s."traceId" = t."traceId"
  ) x WHERE length(x.term) BETWEEN 2 AND 64), '{}');
