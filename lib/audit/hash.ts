// The canonical form of an audit event and its hash. Pure, so the chain can be verified
// by anyone holding an export.
import { createHash } from "node:crypto";
import canonicalize from "canonicalize";

export const GENESIS_HASH = "0".repeat(64);

export interface HashedFields {
  chain: string;
  seq: number;
  occurredAt: Date;
  workspaceId: string | null;
  actorType: string;
  actorId: string | null;
  actorLabel: string | null;
  action: string;
  targetType: string | null;
  targetId: string | null;
  before: unknown;
  after: unknown;
  metadata: unknown;
  prevHash: string;
}

/** The exact text an event's hash is taken over: RFC 8785 canonical JSON of its fields. */
export function canonicalEvent(event: HashedFields): string {
  return (
    canonicalize({
      chain: event.chain,
      seq: event.seq,
      occurredAt: event.occurredAt.toISOString(),
      workspaceId: event.workspaceId,
      actorType: event.actorType,
      actorId: event.actorId,
      actorLabel: event.actorLabel,
      action: event.action,
      targetType: event.targetType,
      targetId: event.targetId,
      before: event.before ?? null,
      after: event.after ?? null,
      metadata: event.metadata ?? null,
      prevHash: event.prevHash,
    }) ?? ""
  );
}

export function hashEvent(event: HashedFields): string {
  return createHash("sha256").update(canonicalEvent(event)).digest("hex");
}

/** Makes a value plain JSON (dates to ISO strings, bigints to strings), as it will be stored. */
export function toPlainJson(value: unknown): unknown {
  if (value === undefined || value === null) return null;
  return JSON.parse(JSON.stringify(value, (_key, v) => (typeof v === "bigint" ? v.toString() : v)));
}
