-- CreateTable
CREATE TABLE "UsageWeekly" (
    "workspaceId" TEXT NOT NULL,
    "week" DATE NOT NULL,
    "agentExternalId" TEXT NOT NULL DEFAULT '',
    "model" TEXT NOT NULL DEFAULT '',
    "provider" TEXT NOT NULL DEFAULT '',
    "spanCount" INTEGER NOT NULL DEFAULT 0,
    "inputTokens" BIGINT NOT NULL DEFAULT 0,
    "outputTokens" BIGINT NOT NULL DEFAULT 0,
    "cacheReadTokens" BIGINT NOT NULL DEFAULT 0,
    "cacheWriteTokens" BIGINT NOT NULL DEFAULT 0,
    "reasoningTokens" BIGINT NOT NULL DEFAULT 0,
    "costUsd" DECIMAL(18,9) NOT NULL DEFAULT 0,
    "reportedCostUsd" DECIMAL(18,9) NOT NULL DEFAULT 0,
    "unpricedSpans" INTEGER NOT NULL DEFAULT 0,
    "cacheSavingsUsd" DECIMAL(18,9) NOT NULL DEFAULT 0,

    CONSTRAINT "UsageWeekly_pkey" PRIMARY KEY ("workspaceId","week","agentExternalId","model","provider")
);

-- CreateTable
CREATE TABLE "UsageMonthly" (
    "workspaceId" TEXT NOT NULL,
    "month" DATE NOT NULL,
    "agentExternalId" TEXT NOT NULL DEFAULT '',
    "model" TEXT NOT NULL DEFAULT '',
    "provider" TEXT NOT NULL DEFAULT '',
    "spanCount" INTEGER NOT NULL DEFAULT 0,
    "inputTokens" BIGINT NOT NULL DEFAULT 0,
    "outputTokens" BIGINT NOT NULL DEFAULT 0,
    "cacheReadTokens" BIGINT NOT NULL DEFAULT 0,
    "cacheWriteTokens" BIGINT NOT NULL DEFAULT 0,
    "reasoningTokens" BIGINT NOT NULL DEFAULT 0,
    "costUsd" DECIMAL(18,9) NOT NULL DEFAULT 0,
    "reportedCostUsd" DECIMAL(18,9) NOT NULL DEFAULT 0,
    "unpricedSpans" INTEGER NOT NULL DEFAULT 0,
    "cacheSavingsUsd" DECIMAL(18,9) NOT NULL DEFAULT 0,

    CONSTRAINT "UsageMonthly_pkey" PRIMARY KEY ("workspaceId","month","agentExternalId","model","provider")
);

-- Backfill from the hourly roll-up, which holds all usage.
INSERT INTO "UsageWeekly" ("workspaceId", "week", "agentExternalId", "model", "provider", "spanCount", "inputTokens",
  "outputTokens", "cacheReadTokens", "cacheWriteTokens", "reasoningTokens", "costUsd", "reportedCostUsd",
  "unpricedSpans", "cacheSavingsUsd")
SELECT "workspaceId", date_trunc('week', "hour" AT TIME ZONE 'UTC')::date, "agentExternalId", "model", "provider",
  sum("spanCount"), sum("inputTokens"), sum("outputTokens"), sum("cacheReadTokens"), sum("cacheWriteTokens"),
  sum("reasoningTokens"), sum("costUsd"), sum("reportedCostUsd"), sum("unpricedSpans"), sum("cacheSavingsUsd")
FROM "UsageHourly" GROUP BY 1, 2, 3, 4, 5;

INSERT INTO "UsageMonthly" ("workspaceId", "month", "agentExternalId", "model", "provider", "spanCount", "inputTokens",
  "outputTokens", "cacheReadTokens", "cacheWriteTokens", "reasoningTokens", "costUsd", "reportedCostUsd",
  "unpricedSpans", "cacheSavingsUsd")
SELECT "workspaceId", date_trunc('month', "hour" AT TIME ZONE 'UTC')::date, "agentExternalId", "model", "provider",
  sum("spanCount"), sum("inputTokens"), sum("outputTokens"), sum("cacheReadTokens"), sum("cacheWriteTokens"),
  sum("reasoningTokens"), sum("costUsd"), sum("reportedCostUsd"), sum("unpricedSpans"), sum("cacheSavingsUsd")
FROM "UsageHourly" GROUP BY 1, 2, 3, 4, 5;
