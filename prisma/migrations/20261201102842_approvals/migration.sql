-- CreateEnum
CREATE TYPE "ApprovalVoteKind" AS ENUM ('APPROVE', 'REJECT');

-- AlterTable
ALTER TABLE "ApprovalRequest" ADD COLUMN     "approvedArgsHash" TEXT,
ADD COLUMN     "approvedRequest" JSONB,
ADD COLUMN     "argsHash" TEXT NOT NULL DEFAULT '',
ADD COLUMN     "decisionReason" TEXT,
ADD COLUMN     "escalateAt" TIMESTAMPTZ(3),
ADD COLUMN     "escalatedAt" TIMESTAMPTZ(3),
ADD COLUMN     "policyId" TEXT,
ADD COLUMN     "policyVersion" INTEGER,
ADD COLUMN     "quorum" INTEGER NOT NULL DEFAULT 1,
ADD COLUMN     "tokenDecisionId" TEXT,
ADD COLUMN     "tokenExpiresAt" TIMESTAMPTZ(3),
ADD COLUMN     "tokenUsedAt" TIMESTAMPTZ(3);

-- AlterTable
ALTER TABLE "Decision" ADD COLUMN     "idempotencyKey" TEXT,
ADD COLUMN     "requestHash" TEXT,
ADD COLUMN     "viaApprovalId" TEXT;

-- AlterTable
ALTER TABLE "Workspace" ADD COLUMN     "webhookSecret" TEXT,
ADD COLUMN     "webhookSecretCreatedAt" TIMESTAMPTZ(3);

-- CreateTable
CREATE TABLE "ApprovalVote" (
    "id" TEXT NOT NULL,
    "approvalId" TEXT NOT NULL,
    "workspaceId" TEXT NOT NULL,
    "userId" TEXT NOT NULL,
    "vote" "ApprovalVoteKind" NOT NULL,
    "reason" TEXT,
    "comment" TEXT,
    "argsHash" TEXT NOT NULL,
    "createdAt" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "ApprovalVote_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "OutboxMessage" (
    "id" TEXT NOT NULL,
    "workspaceId" TEXT NOT NULL,
    "eventId" TEXT NOT NULL,
    "type" TEXT NOT NULL,
    "url" TEXT NOT NULL,
    "payload" JSONB NOT NULL,
    "attempts" INTEGER NOT NULL DEFAULT 0,
    "nextAttemptAt" TIMESTAMPTZ(3) NOT NULL,
    "deadline" TIMESTAMPTZ(3) NOT NULL,
    "lockedUntil" TIMESTAMPTZ(3),
    "deliveredAt" TIMESTAMPTZ(3),
    "failedAt" TIMESTAMPTZ(3),
    "lastStatus" INTEGER,
    "lastError" TEXT,
    "createdAt" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "OutboxMessage_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE UNIQUE INDEX "ApprovalVote_approvalId_userId_key" ON "ApprovalVote"("approvalId", "userId");

-- CreateIndex
CREATE UNIQUE INDEX "OutboxMessage_eventId_key" ON "OutboxMessage"("eventId");

-- CreateIndex
CREATE INDEX "OutboxMessage_nextAttemptAt_idx" ON "OutboxMessage"("nextAttemptAt");

-- CreateIndex
CREATE INDEX "OutboxMessage_workspaceId_createdAt_idx" ON "OutboxMessage"("workspaceId", "createdAt" DESC);

-- CreateIndex
CREATE INDEX "ApprovalRequest_status_expiresAt_idx" ON "ApprovalRequest"("status", "expiresAt");

-- CreateIndex
CREATE UNIQUE INDEX "Decision_workspaceId_idempotencyKey_key" ON "Decision"("workspaceId", "idempotencyKey");

-- AddForeignKey
ALTER TABLE "ApprovalVote" ADD CONSTRAINT "ApprovalVote_approvalId_fkey" FOREIGN KEY ("approvalId") REFERENCES "ApprovalRequest"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "ApprovalVote" ADD CONSTRAINT "ApprovalVote_userId_fkey" FOREIGN KEY ("userId") REFERENCES "User"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "OutboxMessage" ADD CONSTRAINT "OutboxMessage_workspaceId_fkey" FOREIGN KEY ("workspaceId") REFERENCES "Workspace"("id") ON DELETE CASCADE ON UPDATE CASCADE;
