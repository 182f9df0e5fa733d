-- Children reach Arbiter before their parent (SDKs export a span when it ends). A late parent
-- walks down to the stored descendants still waiting for an agent; only those are indexed, and a
-- span leaves the index once it has an agent.
CREATE INDEX "Span_unattributed_children_idx" ON "Span"("workspaceId", "traceId", "parentSpanId") WHERE ("agentExternalId" IS NULL);
