-- AlterTable
ALTER TABLE "Agent" ADD COLUMN     "publicFacing" BOOLEAN NOT NULL DEFAULT false;

-- AlterTable
ALTER TABLE "Workspace" ADD COLUMN     "policyRevision" INTEGER NOT NULL DEFAULT 0;
