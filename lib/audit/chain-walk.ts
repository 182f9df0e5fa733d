// Pure: walks one chain's events in order and names the first one that does not hold — a gap in
// the sequence, a broken link, a hash that does not recompute, or a hash that differs from what a
// signed checkpoint recorded for it (a rewrite whose hashes were all recomputed: only the
// checkpoint, signed outside the database's reach, still tells). The server's verifiers and the
// offline pack verifier share it.
import { hashEvent, type HashedFields } from "./hash";
import { coveredHash, type SignedCheckpoint } from "./checkpoint-statement";

export type BreakReason =
  | "sequence_gap"
  | "previous_hash_mismatch"
  | "hash_mismatch"
  | "checkpoint_mismatch"
  | "checkpoint_invalid"
  | "missing_events";

export interface ChainProblem {
  seq: number;
  reason: BreakReason;
  /** What differs, in words. */
  detail: string;
}

export interface WalkedEvent extends HashedFields {
  hash: string;
}

type Checkpoint = Pick<SignedCheckpoint, "fromSeq" | "seq" | "hashes" | "createdAt">;

export class ChainWalk {
  /** The last event that held: its sequence number (0 before any) and hash. */
  seq: number;
  hash: string;
  private readonly checkpoints: Checkpoint[];
  private at = 0;

  constructor({ after, checkpoints }: { after: { seq: number; hash: string }; checkpoints: Checkpoint[] }) {
    this.seq = after.seq;
    this.hash = after.hash;
    this.checkpoints = [...checkpoints].sort((a, b) => a.seq - b.seq).filter((c) => c.seq > after.seq);
  }

  /** Checks the next event; the first problem, or null when it holds (and the walk moves on). */
  next(event: WalkedEvent): ChainProblem | null {
    const expected = this.seq + 1;
    if (event.seq !== expected) {
      return {
        seq: expected,
        reason: "sequence_gap",
        detail: `event #${expected} is missing (the next one stored is #${event.seq})`,
      };
    }
    if (event.prevHash !== this.hash) {
      return {
        seq: event.seq,
        reason: "previous_hash_mismatch",
        detail: `its previous hash ${short(event.prevHash)} is not event #${this.seq}'s hash ${short(this.hash)}`,
      };
    }
    const recomputed = hashEvent(event);
    if (recomputed !== event.hash) {
      return {
        seq: event.seq,
        reason: "hash_mismatch",
        detail: `its stored hash ${short(event.hash)} is not the hash of its contents ${short(recomputed)}`,
      };
    }
    while (this.at < this.checkpoints.length && this.checkpoints[this.at]!.seq < event.seq) this.at++;
    const checkpoint = this.checkpoints[this.at];
    const signed = checkpoint ? coveredHash(checkpoint, event.seq) : null;
    if (checkpoint && signed !== null && signed !== event.hash) {
      return {
        seq: event.seq,
        reason: "checkpoint_mismatch",
        detail: `its contents hash to ${short(event.hash)}, but checkpoint #${checkpoint.seq} (signed ${checkpoint.createdAt}) recorded ${short(signed)}: the event was changed after it was signed`,
      };
    }
    this.seq = event.seq;
    this.hash = event.hash;
    return null;
  }

  /** After the last stored event: a checkpoint past it means events were removed from the end. */
  end(): ChainProblem | null {
    const last = this.checkpoints.at(-1);
    if (!last || last.seq <= this.seq) return null;
    return {
      seq: this.seq + 1,
      reason: "missing_events",
      detail: `checkpoint #${last.seq} (signed ${last.createdAt}) covers events through #${last.seq}, but the chain ends at #${this.seq}`,
    };
  }
}

const short = (hash: string) => `${hash.slice(0, 12)}…`;
