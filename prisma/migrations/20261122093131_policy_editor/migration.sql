-- AlterTable
ALTER TABLE "Policy" ADD COLUMN     "draftAuthorId" TEXT,
ADD COLUMN     "draftSource" TEXT,
ADD COLUMN     "draftUpdatedAt" TIMESTAMPTZ(3);

-- CreateTable
CREATE TABLE "PolicyTest" (
    "id" TEXT NOT NULL,
    "workspaceId" TEXT NOT NULL,
    "name" TEXT NOT NULL,
    "request" JSONB NOT NULL,
    "expected" "DecisionOutcome" NOT NULL,
    "createdById" TEXT,
    "createdAt" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "PolicyTest_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE UNIQUE INDEX "PolicyTest_workspaceId_name_key" ON "PolicyTest"("workspaceId", "name");

-- AddForeignKey
ALTER TABLE "Policy" ADD CONSTRAINT "Policy_draftAuthorId_fkey" FOREIGN KEY ("draftAuthorId") REFERENCES "User"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "PolicyTest" ADD CONSTRAINT "PolicyTest_workspaceId_fkey" FOREIGN KEY ("workspaceId") REFERENCES "Workspace"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "PolicyTest" ADD CONSTRAINT "PolicyTest_createdById_fkey" FOREIGN KEY ("createdById") REFERENCES "User"("id") ON DELETE SET NULL ON UPDATE CASCADE;
