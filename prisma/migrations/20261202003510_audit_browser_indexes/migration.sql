-- CreateIndex
CREATE INDEX "AuditEvent_chain_action_seq_idx" ON "AuditEvent"("chain", "action", "seq");

-- CreateIndex
CREATE INDEX "AuditEvent_chain_actorId_seq_idx" ON "AuditEvent"("chain", "actorId", "seq");

-- CreateIndex
CREATE INDEX "AuditEvent_chain_targetId_seq_idx" ON "AuditEvent"("chain", "targetId", "seq");
