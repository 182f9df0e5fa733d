-- CreateEnum
CREATE TYPE "LimitAction" AS ENUM ('ALERT', 'HOLD', 'STOP');

-- CreateEnum
CREATE TYPE "BreakerKind" AS ENUM ('ACTION_RATE', 'REPEATED_ACTION', 'DENIALS');

-- AlterEnum
ALTER TYPE "BudgetPeriod" ADD VALUE 'ROLLING';

-- DropIndex
DROP INDEX "Alert_budgetId_periodStart_threshold_key";

-- AlterTable
ALTER TABLE "Alert" ADD COLUMN     "acknowledgedAt" TIMESTAMPTZ(3),
ADD COLUMN     "acknowledgedById" TEXT,
ADD COLUMN     "agentExternalId" TEXT,
ADD COLUMN     "breakerId" TEXT,
ADD COLUMN     "dedupeKey" TEXT;
UPDATE "Alert" SET "dedupeKey" = 'legacy:' || "id";
ALTER TABLE "Alert" ALTER COLUMN "dedupeKey" SET NOT NULL;

-- AlterTable
ALTER TABLE "Budget" DROP COLUMN "hardStop",
ADD COLUMN     "action" "LimitAction" NOT NULL DEFAULT 'ALERT',
ADD COLUMN     "createdById" TEXT,
ADD COLUMN     "model" TEXT,
ADD COLUMN     "rollingDays" INTEGER,
ADD COLUMN     "spendActions" TEXT[] DEFAULT ARRAY['purchase', 'pay', 'refund']::TEXT[],
ADD COLUMN     "suspendAgent" BOOLEAN NOT NULL DEFAULT false,
ADD COLUMN     "timeZone" TEXT NOT NULL DEFAULT 'UTC';

-- AlterTable
ALTER TABLE "Workspace" ADD COLUMN     "notificationUrl" TEXT;

-- AlterTable
ALTER TABLE "Span" ADD COLUMN     "cacheSavingsUsd" DECIMAL(18,9);

-- AlterTable
ALTER TABLE "UsageDaily" DROP CONSTRAINT "UsageDaily_pkey",
ADD COLUMN     "cacheReadTokens" BIGINT NOT NULL DEFAULT 0,
ADD COLUMN     "cacheSavingsUsd" DECIMAL(18,9) NOT NULL DEFAULT 0,
ADD COLUMN     "cacheWriteTokens" BIGINT NOT NULL DEFAULT 0,
ADD COLUMN     "provider" TEXT NOT NULL DEFAULT '',
ADD COLUMN     "reasoningTokens" BIGINT NOT NULL DEFAULT 0,
ADD COLUMN     "reportedCostUsd" DECIMAL(18,9) NOT NULL DEFAULT 0,
ADD COLUMN     "unpricedSpans" INTEGER NOT NULL DEFAULT 0,
ADD CONSTRAINT "UsageDaily_pkey" PRIMARY KEY ("workspaceId", "day", "agentExternalId", "model", "provider");

-- CreateTable
CREATE TABLE "UsageHourly" (
    "workspaceId" TEXT NOT NULL,
    "hour" TIMESTAMPTZ(3) NOT NULL,
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

    CONSTRAINT "UsageHourly_pkey" PRIMARY KEY ("workspaceId","hour","agentExternalId","model","provider")
);

-- CreateTable
CREATE TABLE "BudgetPeriodSpend" (
    "budgetId" TEXT NOT NULL,
    "periodStart" TIMESTAMPTZ(3) NOT NULL,
    "periodEnd" TIMESTAMPTZ(3) NOT NULL,
    "spentUsd" DECIMAL(18,9) NOT NULL,
    "limitUsd" DECIMAL(18,6) NOT NULL,
    "closedAt" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "BudgetPeriodSpend_pkey" PRIMARY KEY ("budgetId","periodStart")
);

-- CreateTable
CREATE TABLE "Breaker" (
    "id" TEXT NOT NULL,
    "workspaceId" TEXT NOT NULL,
    "agentId" TEXT,
    "name" TEXT NOT NULL,
    "kind" "BreakerKind" NOT NULL,
    "action" TEXT,
    "limit" INTEGER NOT NULL,
    "windowSeconds" INTEGER NOT NULL,
    "outcome" "LimitAction" NOT NULL DEFAULT 'HOLD',
    "suspendAgent" BOOLEAN NOT NULL DEFAULT false,
    "createdById" TEXT,
    "createdAt" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" TIMESTAMPTZ(3) NOT NULL,

    CONSTRAINT "Breaker_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE INDEX "Breaker_workspaceId_idx" ON "Breaker"("workspaceId");

-- CreateIndex
CREATE UNIQUE INDEX "Alert_dedupeKey_key" ON "Alert"("dedupeKey");

-- AddForeignKey
ALTER TABLE "BudgetPeriodSpend" ADD CONSTRAINT "BudgetPeriodSpend_budgetId_fkey" FOREIGN KEY ("budgetId") REFERENCES "Budget"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "Breaker" ADD CONSTRAINT "Breaker_workspaceId_fkey" FOREIGN KEY ("workspaceId") REFERENCES "Workspace"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "Breaker" ADD CONSTRAINT "Breaker_agentId_fkey" FOREIGN KEY ("agentId") REFERENCES "Agent"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "Alert" ADD CONSTRAINT "Alert_breakerId_fkey" FOREIGN KEY ("breakerId") REFERENCES "Breaker"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- Backfill: both roll-ups rebuilt from the spans, now by hour and provider and with every token kind.
DELETE FROM "UsageDaily";

INSERT INTO "UsageHourly" ("workspaceId", "hour", "agentExternalId", "model", "provider", "spanCount", "inputTokens",
  "outputTokens", "cacheReadTokens", "cacheWriteTokens", "reasoningTokens", "costUsd", "reportedCostUsd", "unpricedSpans")
SELECT "workspaceId", date_trunc('hour', "startTime" AT TIME ZONE 'UTC') AT TIME ZONE 'UTC', coalesce("agentExternalId", ''),
  coalesce("model", ''), coalesce("provider", ''), count(*)::int, coalesce(sum("inputTokens"), 0), coalesce(sum("outputTokens"), 0),
  coalesce(sum("cacheReadTokens"), 0), coalesce(sum("cacheWriteTokens"), 0), coalesce(sum("reasoningTokens"), 0),
  coalesce(sum("costUsd"), 0), coalesce(sum("costUsd") FILTER (WHERE "costSource" = 'reported'), 0),
  (count(*) FILTER (WHERE "costSource" = 'unknown_model'))::int
FROM "Span" GROUP BY 1, 2, 3, 4, 5;

INSERT INTO "UsageDaily" ("workspaceId", "day", "agentExternalId", "model", "provider", "spanCount", "inputTokens",
  "outputTokens", "cacheReadTokens", "cacheWriteTokens", "reasoningTokens", "costUsd", "reportedCostUsd", "unpricedSpans",
  "cacheSavingsUsd")
SELECT "workspaceId", ("hour" AT TIME ZONE 'UTC')::date, "agentExternalId", "model", "provider", sum("spanCount")::int,
  sum("inputTokens"), sum("outputTokens"), sum("cacheReadTokens"), sum("cacheWriteTokens"), sum("reasoningTokens"),
  sum("costUsd"), sum("reportedCostUsd"), sum("unpricedSpans")::int, sum("cacheSavingsUsd")
FROM "UsageHourly" GROUP BY 1, 2, 3, 4, 5;
