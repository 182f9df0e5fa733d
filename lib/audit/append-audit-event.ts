import "server-only";
import type { Tx } from "../db";
import { Prisma } from "../db/generated/client";
import type { Actor } from "./actor";
import { GENESIS_HASH, hashEvent, toPlainJson } from "./hash";

export interface AuditInput {
  workspaceId: string | null;
  actor: Actor;
  action: string;
  target?: { type: string; id: string };
  before?: unknown;
  after?: unknown;
  metadata?: unknown;
}

export function chainOf(workspaceId: string | null): string {
  return workspaceId ?? "global";
}

/**
 * Appends one event to its workspace's chain, inside the caller's transaction, so the
 * change and its record commit (or roll back) together.
 */
export async function appendAuditEvent(tx: Tx, input: AuditInput) {
  const chain = chainOf(input.workspaceId);
  // Serialise appenders of one chain until this transaction ends.
  await tx.$executeRaw`SELECT pg_advisory_xact_lock(hashtext(${"audit:" + chain}))`;
  const last = await tx.auditEvent.findFirst({
    where: { chain },
    orderBy: { seq: "desc" },
    select: { seq: true, hash: true },
  });
  const fields = {
    chain,
    seq: (last?.seq ?? 0) + 1,
    // The column keeps milliseconds, as Date does: what is stored is what was hashed.
    occurredAt: new Date(),
    workspaceId: input.workspaceId,
    actorType: input.actor.type,
    actorId: input.actor.id,
    actorLabel: input.actor.label,
    action: input.action,
    targetType: input.target?.type ?? null,
    targetId: input.target?.id ?? null,
    before: toPlainJson(input.before),
    after: toPlainJson(input.after),
    metadata: toPlainJson(input.metadata),
    prevHash: last?.hash ?? GENESIS_HASH,
  };
  const hash = hashEvent(fields);
  return tx.auditEvent.create({
    data: {
      ...fields,
      before: jsonOrNull(fields.before),
      after: jsonOrNull(fields.after),
      metadata: jsonOrNull(fields.metadata),
      hash,
    },
  });
}

// Prisma distinguishes a JSON null from a database NULL; store absent values as NULL.
function jsonOrNull(value: unknown) {
  return value === null ? Prisma.DbNull : (value as Prisma.InputJsonValue);
}
