-- A published policy version is immutable: only its status moves (ACTIVE → ARCHIVED) and its
-- author may be cleared when the user is deleted. The database refuses any other change.
CREATE FUNCTION "arbiter_policy_version_immutable"() RETURNS trigger AS $$
BEGIN
  IF NEW."source" IS DISTINCT FROM OLD."source"
     OR NEW."message" IS DISTINCT FROM OLD."message"
     OR NEW."version" IS DISTINCT FROM OLD."version"
     OR NEW."policyId" IS DISTINCT FROM OLD."policyId"
     OR NEW."workspaceId" IS DISTINCT FROM OLD."workspaceId"
     OR NEW."createdAt" IS DISTINCT FROM OLD."createdAt"
     OR (NEW."authorId" IS DISTINCT FROM OLD."authorId" AND NEW."authorId" IS NOT NULL) THEN
    RAISE EXCEPTION 'PolicyVersion is immutable: only its status changes' USING ERRCODE = 'insufficient_privilege';
  END IF;
  RETURN NEW;
END;
$$ LANGUAGE plpgsql;

CREATE TRIGGER "PolicyVersion_immutable"
  BEFORE UPDATE ON "PolicyVersion"
  FOR EACH ROW EXECUTE FUNCTION "arbiter_policy_version_immutable"();
