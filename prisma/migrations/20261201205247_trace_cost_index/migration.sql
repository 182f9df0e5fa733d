-- CreateIndex
CREATE INDEX "Trace_workspaceId_costUsd_idx" ON "Trace"("workspaceId", "costUsd" DESC);
