// Pure: what a signed checkpoint says and how its signature is checked — Ed25519 over the RFC 8785
// canonical JSON of the statement — so the offline verifier (scripts/verify-pack.ts) checks a pack
// with nothing but this file, node:crypto and the installation's public key.
import { createHash, createPublicKey, verify, type KeyObject } from "node:crypto";
import canonicalize from "canonicalize";

export const CHECKPOINT_TYPE = "arbiter.audit.checkpoint/v1";
const HASH_HEX = 64;

export interface CheckpointBody {
  chain: string;
  /** The events it covers: fromSeq..seq of the chain. */
  fromSeq: number;
  seq: number;
  /** The hash of event `seq`, the chain's head when it was signed. */
  headHash: string;
  /** SHA-256 (hex) of the covered events' hashes, in order, as bytes. */
  hashesDigest: string;
  /** ISO 8601, milliseconds, UTC. */
  createdAt: string;
  keyId: string;
}

export interface SignedCheckpoint extends CheckpointBody {
  /** The covered events' hashes, concatenated (64 hex characters each). */
  hashes: string;
  /** Base64 Ed25519 signature over checkpointStatement(body). */
  signature: string;
}

/** The exact bytes signed: the canonical JSON of the body and its type. */
export function checkpointStatement(body: CheckpointBody): string {
  const { chain, fromSeq, seq, headHash, hashesDigest, createdAt, keyId } = body;
  return canonicalize({ type: CHECKPOINT_TYPE, chain, fromSeq, seq, headHash, hashesDigest, createdAt, keyId })!;
}

export function digestOfHashes(hashes: string): string {
  return createHash("sha256").update(Buffer.from(hashes, "hex")).digest("hex");
}

/** The hash a checkpoint recorded for event `seq`, or null when it does not cover it. */
export function coveredHash(checkpoint: Pick<SignedCheckpoint, "fromSeq" | "seq" | "hashes">, seq: number) {
  if (seq < checkpoint.fromSeq || seq > checkpoint.seq) return null;
  const at = (seq - checkpoint.fromSeq) * HASH_HEX;
  return checkpoint.hashes.slice(at, at + HASH_HEX);
}

/** A public key's id: the first 16 hex characters of the SHA-256 of its raw 32 bytes. */
export function keyIdOf(publicKey: KeyObject): string {
  const raw = Buffer.from(publicKey.export({ format: "jwk" }).x!, "base64url");
  return createHash("sha256").update(raw).digest("hex").slice(0, 16);
}

/** Reads a public key given as PEM (SPKI) or as the raw 32 bytes in base64. */
export function readPublicKey(text: string): KeyObject {
  const trimmed = text.trim();
  if (trimmed.startsWith("-----BEGIN")) return createPublicKey(trimmed);
  const raw = Buffer.from(trimmed, "base64");
  if (raw.length !== 32) throw new Error("an Ed25519 public key is PEM or 32 bytes in base64");
  return createPublicKey({ key: { kty: "OKP", crv: "Ed25519", x: raw.toString("base64url") }, format: "jwk" });
}

/**
 * Why a checkpoint cannot be trusted, or null when it holds: its signature under `publicKey`, its
 * key id, and its hash list against its digest, its length and its head.
 */
export function checkpointProblem(checkpoint: SignedCheckpoint, publicKey: KeyObject): string | null {
  if (checkpoint.keyId !== keyIdOf(publicKey)) return `signed by key ${checkpoint.keyId}, not ${keyIdOf(publicKey)}`;
  const signature = Buffer.from(checkpoint.signature, "base64");
  if (!verify(null, Buffer.from(checkpointStatement(checkpoint)), publicKey, signature)) return "the signature fails";
  if (checkpoint.hashes.length !== (checkpoint.seq - checkpoint.fromSeq + 1) * HASH_HEX) {
    return "its hash list does not match the events it says it covers";
  }
  if (digestOfHashes(checkpoint.hashes) !== checkpoint.hashesDigest) return "its hash list does not match its digest";
  if (coveredHash(checkpoint, checkpoint.seq) !== checkpoint.headHash) return "its head is not its last hash";
  return null;
}
