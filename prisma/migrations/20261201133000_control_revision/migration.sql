-- The data plane caches API keys and agents in memory on every instance; Workspace.controlRevision
-- tells them when what they hold changed. Triggers bump it in the changing transaction, so no
-- writer (server action, script, SQL by hand) can forget to.
ALTER TABLE "Workspace" ADD COLUMN "controlRevision" INTEGER NOT NULL DEFAULT 0;

CREATE INDEX "Agent_workspaceId_name_idx" ON "Agent"("workspaceId", "name");

CREATE FUNCTION arbiter_bump_control_revision() RETURNS trigger AS $$
BEGIN
  UPDATE "Workspace" SET "controlRevision" = "controlRevision" + 1
   WHERE "id" = (CASE WHEN TG_OP = 'DELETE' THEN OLD."workspaceId" ELSE NEW."workspaceId" END);
  RETURN NULL;
END;
$$ LANGUAGE plpgsql;

-- What a decision reads of an agent (not its last-seen times, which ingest moves constantly).
CREATE TRIGGER "Agent_control_revision" AFTER UPDATE ON "Agent" FOR EACH ROW
  WHEN (OLD."externalId" IS DISTINCT FROM NEW."externalId" OR OLD."name" IS DISTINCT FROM NEW."name"
     OR OLD."status" IS DISTINCT FROM NEW."status" OR OLD."autonomyLevel" IS DISTINCT FROM NEW."autonomyLevel"
     OR OLD."trustScore" IS DISTINCT FROM NEW."trustScore" OR OLD."riskTier" IS DISTINCT FROM NEW."riskTier"
     OR OLD."spendingLimitUsd" IS DISTINCT FROM NEW."spendingLimitUsd" OR OLD."publicFacing" IS DISTINCT FROM NEW."publicFacing"
     OR OLD."ownerId" IS DISTINCT FROM NEW."ownerId")
  EXECUTE FUNCTION arbiter_bump_control_revision();
CREATE TRIGGER "Agent_control_revision_delete" AFTER DELETE ON "Agent" FOR EACH ROW
  EXECUTE FUNCTION arbiter_bump_control_revision();

CREATE TRIGGER "ApiKey_control_revision" AFTER UPDATE ON "ApiKey" FOR EACH ROW
  WHEN (OLD."revokedAt" IS DISTINCT FROM NEW."revokedAt" OR OLD."scopes" IS DISTINCT FROM NEW."scopes"
     OR OLD."secretHash" IS DISTINCT FROM NEW."secretHash" OR OLD."workspaceId" IS DISTINCT FROM NEW."workspaceId")
  EXECUTE FUNCTION arbiter_bump_control_revision();
CREATE TRIGGER "ApiKey_control_revision_delete" AFTER DELETE ON "ApiKey" FOR EACH ROW
  EXECUTE FUNCTION arbiter_bump_control_revision();

CREATE FUNCTION arbiter_bump_own_control_revision() RETURNS trigger AS $$
BEGIN
  NEW."controlRevision" := OLD."controlRevision" + 1;
  RETURN NEW;
END;
$$ LANGUAGE plpgsql;

CREATE TRIGGER "Workspace_control_revision" BEFORE UPDATE ON "Workspace" FOR EACH ROW
  WHEN (OLD."webhookSecret" IS DISTINCT FROM NEW."webhookSecret" OR OLD."slug" IS DISTINCT FROM NEW."slug")
  EXECUTE FUNCTION arbiter_bump_own_control_revision();
