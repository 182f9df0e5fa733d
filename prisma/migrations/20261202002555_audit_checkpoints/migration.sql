-- CreateTable
CREATE TABLE "AuditCheckpoint" (
    "id" BIGSERIAL NOT NULL,
    "chain" TEXT NOT NULL,
    "fromSeq" INTEGER NOT NULL,
    "seq" INTEGER NOT NULL,
    "headHash" TEXT NOT NULL,
    "hashes" TEXT NOT NULL,
    "hashesDigest" TEXT NOT NULL,
    "createdAt" TIMESTAMPTZ(3) NOT NULL,
    "keyId" TEXT NOT NULL,
    "signature" TEXT NOT NULL,

    CONSTRAINT "AuditCheckpoint_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "AuditChainState" (
    "chain" TEXT NOT NULL,
    "verifiedSeq" INTEGER NOT NULL DEFAULT 0,
    "verifiedHash" TEXT,
    "verifiedAt" TIMESTAMPTZ(3),
    "brokenSeq" INTEGER,
    "brokenReason" TEXT,
    "brokenDetail" TEXT,
    "checkedAt" TIMESTAMPTZ(3) NOT NULL,

    CONSTRAINT "AuditChainState_pkey" PRIMARY KEY ("chain")
);

-- CreateIndex
CREATE UNIQUE INDEX "AuditCheckpoint_chain_seq_key" ON "AuditCheckpoint"("chain", "seq");

-- Checkpoints are append-only too: the database refuses to change or remove them.
CREATE FUNCTION "arbiter_append_only"() RETURNS trigger AS $$
BEGIN
  RAISE EXCEPTION '% is append-only: % refused', TG_TABLE_NAME, TG_OP USING ERRCODE = 'insufficient_privilege';
END;
$$ LANGUAGE plpgsql;

CREATE TRIGGER "AuditCheckpoint_no_update_delete"
  BEFORE UPDATE OR DELETE ON "AuditCheckpoint"
  FOR EACH ROW EXECUTE FUNCTION "arbiter_append_only"();

CREATE TRIGGER "AuditCheckpoint_no_truncate"
  BEFORE TRUNCATE ON "AuditCheckpoint"
  FOR EACH STATEMENT EXECUTE FUNCTION "arbiter_append_only"();
