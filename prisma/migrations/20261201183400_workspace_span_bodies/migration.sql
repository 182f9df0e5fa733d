-- CreateEnum
CREATE TYPE "SpanBodyAccess" AS ENUM ('READERS', 'PRIVILEGED');

-- AlterTable
ALTER TABLE "Workspace" ADD COLUMN     "spanBodies" "SpanBodyAccess" NOT NULL DEFAULT 'READERS';
