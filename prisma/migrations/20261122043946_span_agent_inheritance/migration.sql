-- AlterTable
ALTER TABLE "Span" ADD COLUMN     "agentInherited" BOOLEAN NOT NULL DEFAULT false,
ADD COLUMN     "handoffTo" TEXT;
