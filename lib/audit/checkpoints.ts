// Signed checkpoints: every N events or M minutes, each chain's newly verified events are covered
// by a statement of their hashes and the chain's head, signed with the installation's key, stored
// (append-only), posted to the workspace's notification webhook and, with ARBITER_CHECKPOINT_DIR,
// appended to a file outside the database: the copy that makes a rewrite evident.
import "server-only";
import { appendFileSync, mkdirSync } from "node:fs";
import path from "node:path";
import { database } from "../db";
import { env } from "../env";
import { notifyWorkspace } from "../outbox/notify-workspace";
import { checkpointStatement, digestOfHashes, type SignedCheckpoint } from "./checkpoint-statement";
import { signingKey, signText } from "./signing-key";
import { allChains, verifyIncrementally } from "./verify-audit-chain";

export interface CheckpointPolicy {
  everyEvents: number;
  everyMs: number;
  /** Where a copy of each checkpoint is appended, if anywhere. */
  copyDir?: string;
}

export function checkpointPolicy(): CheckpointPolicy {
  const e = env();
  return {
    everyEvents: e.ARBITER_CHECKPOINT_EVERY_EVENTS,
    everyMs: e.ARBITER_CHECKPOINT_EVERY_MINUTES * 60_000,
    copyDir: e.ARBITER_CHECKPOINT_DIR,
  };
}

interface ChainHeads {
  chain: string;
  head: number;
  /** The last checkpoint's sequence number and time, or the first uncovered event's time. */
  covered: number;
  since: Date | null;
}

/** Each chain's head and how far its checkpoints cover it, in one statement. */
async function heads(chains: string[]): Promise<ChainHeads[]> {
  return database().query<ChainHeads>(
    `SELECT c.chain, h."seq" AS head, coalesce(k."seq", 0) AS covered,
            coalesce(k."createdAt", (SELECT "occurredAt" FROM "AuditEvent" e WHERE e."chain" = c.chain AND e."seq" = 1)) AS since
       FROM unnest($1::text[]) AS c(chain)
       CROSS JOIN LATERAL (SELECT "seq" FROM "AuditEvent" WHERE "chain" = c.chain ORDER BY "seq" DESC LIMIT 1) h
       LEFT JOIN LATERAL (SELECT "seq", "createdAt" FROM "AuditCheckpoint" WHERE "chain" = c.chain ORDER BY "seq" DESC LIMIT 1) k ON true`,
    [chains],
  );
}

/**
 * The background job: for each chain with events no checkpoint covers, verifies what is new and,
 * when N events or M minutes have gathered (or `force`), signs checkpoints over them. A broken
 * chain is not signed over. Returns the checkpoints made.
 */
export async function checkpointDueChains({
  chains,
  policy = checkpointPolicy(),
  force = false,
  now = new Date(),
}: { chains?: string[]; policy?: CheckpointPolicy; force?: boolean; now?: Date } = {}): Promise<SignedCheckpoint[]> {
  const made: SignedCheckpoint[] = [];
  for (const h of await heads(chains ?? (await allChains()))) {
    const uncovered = h.head - h.covered;
    if (uncovered <= 0) continue;
    const due =
      force ||
      uncovered >= policy.everyEvents ||
      (h.since && now.getTime() - new Date(h.since).getTime() >= policy.everyMs);
    if (!due) continue;
    const state = await verifyIncrementally(h.chain);
    if (state.brokenSeq != null || state.verifiedSeq <= h.covered) continue;
    const signed = await signCheckpoints(h.chain, state.verifiedSeq, state.verifiedHash!, policy.everyEvents);
    writeCopies(policy.copyDir, signed);
    made.push(...signed);
  }
  return made;
}

/**
 * Checkpoints over a chain's verified events after its last checkpoint through `through`, at most
 * `slice` events each. One instance at a time per chain (a transaction lock; the unique
 * (chain, seq) is the backstop).
 */
async function signCheckpoints(chain: string, through: number, throughHash: string, slice: number) {
  const key = signingKey();
  const made = await database().sqlTransaction(async (sql) => {
    const [lock] = await sql.query<{ ok: boolean }>(
      `SELECT pg_try_advisory_xact_lock(hashtext('audit-checkpoint:' || $1::text)) AS ok`,
      [chain],
    );
    if (!lock?.ok) return [];
    const [last] = await sql.query<{ seq: number }>(
      `SELECT "seq" FROM "AuditCheckpoint" WHERE "chain" = $1 ORDER BY "seq" DESC LIMIT 1`,
      [chain],
    );
    const events = await sql.query<{ seq: number; hash: string }>(
      `SELECT "seq", "hash" FROM "AuditEvent" WHERE "chain" = $1 AND "seq" > $2 AND "seq" <= $3 ORDER BY "seq"`,
      [chain, last?.seq ?? 0, through],
    );
    // What was verified is what is signed: the head must still be the hash the verifier saw.
    if (events.length === 0 || events.at(-1)!.hash !== throughHash) return [];
    const out: SignedCheckpoint[] = [];
    for (let i = 0; i < events.length; i += slice) {
      const part = events.slice(i, i + slice);
      const hashes = part.map((e) => e.hash).join("");
      const body = {
        chain,
        fromSeq: part[0]!.seq,
        seq: part.at(-1)!.seq,
        headHash: part.at(-1)!.hash,
        hashesDigest: digestOfHashes(hashes),
        createdAt: new Date().toISOString(),
        keyId: key.keyId,
      };
      const checkpoint = { ...body, hashes, signature: signText(checkpointStatement(body), key) };
      await sql.query(
        `INSERT INTO "AuditCheckpoint" ("chain", "fromSeq", "seq", "headHash", "hashes", "hashesDigest", "createdAt",
           "keyId", "signature") VALUES ($1, $2, $3, $4, $5, $6, $7::timestamptz, $8, $9)`,
        [
          chain,
          body.fromSeq,
          body.seq,
          body.headHash,
          hashes,
          body.hashesDigest,
          body.createdAt,
          body.keyId,
          checkpoint.signature,
        ],
      );
      out.push(checkpoint);
    }
    const newest = out.at(-1)!;
    if (chain !== "global") {
      await notifyWorkspace(sql, {
        workspaceId: chain,
        eventId: `checkpoint-${chain}-${newest.seq}`,
        type: "arbiter.audit.checkpoint",
        path: "/audit",
        data: out.map(({ hashes: _hashes, ...statement }) => statement),
      });
    }
    return out;
  });
  return made;
}

/** Appends each checkpoint, one JSON line, to `<dir>/<chain>.jsonl` (ARBITER_CHECKPOINT_DIR). */
function writeCopies(dir: string | undefined, checkpoints: SignedCheckpoint[]) {
  if (!dir || checkpoints.length === 0) return;
  try {
    mkdirSync(dir, { recursive: true });
    for (const c of checkpoints) appendFileSync(path.join(dir, `${c.chain}.jsonl`), `${JSON.stringify(c)}\n`);
  } catch (error) {
    // The database copy stands; the next checkpoint tries again (and the log says why).
    console.error(`[arbiter] could not write checkpoints to ${dir}`, error);
  }
}
