// Verifying the audit chains: every event's hash recomputed, every link and sequence number
// checked, and every hash compared with what the signed checkpoints recorded — so a rewrite made
// with the triggers off and every later hash recomputed is still found, at its exact sequence
// number. A full verification walks a whole chain; the incremental one resumes from where the
// last verification stopped (AuditChainState) and reads only what came since.
import "server-only";
import { database } from "../db";
import type { Sql } from "../db/connect";
import { GENESIS_HASH } from "./hash";
import { ChainWalk, type BreakReason, type WalkedEvent } from "./chain-walk";
import { checkpointProblem, type SignedCheckpoint } from "./checkpoint-statement";
import { signingKey } from "./signing-key";

export interface ChainBreak {
  chain: string;
  seq: number;
  reason: BreakReason;
  detail: string;
}

export interface ChainReport {
  ok: boolean;
  checked: number;
  firstBroken: ChainBreak | null;
}

export interface ChainState {
  chain: string;
  verifiedSeq: number;
  verifiedHash: string | null;
  verifiedAt: Date | null;
  brokenSeq: number | null;
  brokenReason: string | null;
  brokenDetail: string | null;
  checkedAt: Date;
}

const BATCH = 5000;

/** The chains there are: the global one (sign-ins, users) and one per workspace. */
export async function allChains(): Promise<string[]> {
  const rows = await database().query<{ id: string }>(`SELECT "id" FROM "Workspace" ORDER BY "id"`);
  return ["global", ...rows.map((r) => r.id)];
}

const EVENT_COLUMNS = `"chain", "seq", "occurredAt", "workspaceId", "actorType"::text AS "actorType", "actorId",
  "actorLabel", "action", "targetType", "targetId", "before", "after", "metadata", "prevHash", "hash"`;

/** Up to `limit` events of a chain after `afterSeq`, in order, as they were hashed. */
export async function readEvents(chain: string, afterSeq: number, limit = BATCH, sql: Pick<Sql, "query"> = database()) {
  return sql.query<WalkedEvent>(
    `SELECT ${EVENT_COLUMNS} FROM "AuditEvent" WHERE "chain" = $1 AND "seq" > $2 ORDER BY "seq" LIMIT $3`,
    [chain, afterSeq, limit],
  );
}

/** A chain's checkpoints that end after `afterSeq`, in order (all of them, or `limit`). */
export async function readCheckpoints(
  chain: string,
  afterSeq = 0,
  sql: Pick<Sql, "query"> = database(),
  limit: number | null = null,
) {
  const rows = await sql.query<Omit<SignedCheckpoint, "createdAt"> & { createdAt: Date }>(
    `SELECT "chain", "fromSeq", "seq", "headHash", "hashes", "hashesDigest", "createdAt", "keyId", "signature"
       FROM "AuditCheckpoint" WHERE "chain" = $1 AND "seq" > $2 ORDER BY "seq" LIMIT $3`,
    [chain, afterSeq, limit],
  );
  return rows.map((r) => ({ ...r, createdAt: new Date(r.createdAt).toISOString() }));
}

export async function readChainState(chain: string): Promise<ChainState | null> {
  const [row] = await database().query<ChainState>(`SELECT * FROM "AuditChainState" WHERE "chain" = $1`, [chain]);
  return row ?? null;
}

/**
 * Walks a chain from `after` (the start by default) to its end against its checkpoints; calls
 * `onProgress` after each batch with the last sequence number checked.
 */
async function walkChain(
  chain: string,
  after: { seq: number; hash: string },
  onProgress?: (seq: number) => void,
): Promise<{ checked: number; last: { seq: number; hash: string }; problem: ChainBreak | null }> {
  const checkpoints = await readCheckpoints(chain, after.seq);
  const key = signingKey();
  for (const c of checkpoints) {
    const problem = checkpointProblem(c, key.publicKey);
    if (problem) {
      return {
        checked: 0,
        last: after,
        problem: { chain, seq: c.fromSeq, reason: "checkpoint_invalid", detail: `checkpoint #${c.seq}: ${problem}` },
      };
    }
  }
  const walk = new ChainWalk({ after, checkpoints });
  let checked = 0;
  for (;;) {
    const events = await readEvents(chain, walk.seq);
    for (const event of events) {
      const problem = walk.next(event);
      if (problem) return { checked, last: { seq: walk.seq, hash: walk.hash }, problem: { chain, ...problem } };
      checked++;
    }
    onProgress?.(walk.seq);
    if (events.length < BATCH) break;
  }
  const problem = walk.end();
  return { checked, last: { seq: walk.seq, hash: walk.hash }, problem: problem && { chain, ...problem } };
}

async function recordState(chain: string, last: { seq: number; hash: string }, problem: ChainBreak | null) {
  await database().query(
    `INSERT INTO "AuditChainState" ("chain", "verifiedSeq", "verifiedHash", "verifiedAt", "brokenSeq", "brokenReason",
       "brokenDetail", "checkedAt")
     VALUES ($1, $2, $3, now(), $4, $5, $6, now())
     ON CONFLICT ("chain") DO UPDATE SET "verifiedSeq" = EXCLUDED."verifiedSeq", "verifiedHash" = EXCLUDED."verifiedHash",
       "verifiedAt" = EXCLUDED."verifiedAt", "brokenSeq" = EXCLUDED."brokenSeq", "brokenReason" = EXCLUDED."brokenReason",
       "brokenDetail" = EXCLUDED."brokenDetail", "checkedAt" = EXCLUDED."checkedAt"`,
    [
      chain,
      last.seq,
      last.seq === 0 ? null : last.hash,
      problem?.seq ?? null,
      problem?.reason ?? null,
      problem?.detail ?? null,
    ],
  );
}

/**
 * Verifies whole chains (one workspace's, the global one with `workspaceId: null`, or all of them)
 * and records how far each holds. The first problem found ends the report.
 */
export async function verifyAuditChain({
  workspaceId,
  onProgress,
}: { workspaceId?: string | null; onProgress?: (chain: string, seq: number) => void } = {}): Promise<ChainReport> {
  const chains = workspaceId === undefined ? await allChains() : [workspaceId ?? "global"];
  let checked = 0;
  for (const chain of chains) {
    const result = await walkChain(chain, { seq: 0, hash: GENESIS_HASH }, (seq) => onProgress?.(chain, seq));
    checked += result.checked;
    await recordState(chain, result.last, result.problem);
    if (result.problem) return { ok: false, checked, firstBroken: result.problem };
  }
  return { ok: true, checked, firstBroken: null };
}

/**
 * Verifies what a chain gained since its last verification and records it. The last verified
 * event is read again first: if it changed, the whole chain is verified to find where. A chain
 * found broken stays broken until a full verification finds it whole.
 */
export async function verifyIncrementally(chain: string): Promise<ChainState> {
  const state = await readChainState(chain);
  if (state?.brokenSeq != null) return state;
  const from = state && state.verifiedSeq > 0 ? { seq: state.verifiedSeq, hash: state.verifiedHash! } : null;
  if (from) {
    const [still] = await database().query<{ hash: string }>(
      `SELECT "hash" FROM "AuditEvent" WHERE "chain" = $1 AND "seq" = $2`,
      [chain, from.seq],
    );
    if (still?.hash !== from.hash) {
      await verifyAuditChain({ workspaceId: chain === "global" ? null : chain });
      return (await readChainState(chain))!;
    }
  }
  const result = await walkChain(chain, from ?? { seq: 0, hash: GENESIS_HASH });
  await recordState(chain, result.last, result.problem);
  return (await readChainState(chain))!;
}
