import "server-only";
import { z } from "zod";
import { db } from "../db";
import { pageBothWays } from "../pagination";
import { Invalid, NotFound } from "../errors";
import { ACTIONS } from "../policy/schema";

export const listDecisionsQuery = z.object({
  agent: z.string().min(1).max(512).optional(),
  action: z.enum(ACTIONS).optional(),
  outcome: z.enum(["ALLOW", "DENY", "REQUIRE_APPROVAL"]).optional(),
  /** A policy id that took part in the decision (named among its reasons). */
  policy: z.string().min(1).max(100).optional(),
  from: z.iso.datetime({ offset: true }).optional(),
  /** Older than this page's last row ("Older"). */
  cursor: z.string().max(200).optional(),
  /** Newer than this page's first row ("Newer"); wins over cursor. */
  before: z.string().max(200).optional(),
  limit: z.coerce.number().int().min(1).max(100).default(50),
});

function decodeCursor(cursor: string) {
  const [time, id] = Buffer.from(cursor, "base64url").toString("utf8").split("|");
  const createdAt = new Date(time ?? "");
  if (Number.isNaN(createdAt.getTime()) || !id || id.length > 64)
    throw new Invalid("The cursor is not one this API issued.");
  return { createdAt, id };
}

const cursorOf = (row: { createdAt: Date; id: string }) =>
  Buffer.from(`${row.createdAt.toISOString()}|${row.id}`).toString("base64url");

/**
 * Newest first, filtered, in cursor pages (createdAt, id) both ways: `nextCursor` reads older
 * decisions, `prevCursor` newer ones (null on the newest page); each with its agent's name when it
 * still exists.
 */
export async function listDecisions({
  workspaceId,
  query: input,
}: {
  workspaceId: string;
  query: z.input<typeof listDecisionsQuery>;
}) {
  const query = listDecisionsQuery.parse(input);
  const newer = query.before ? decodeCursor(query.before) : null;
  const older = !newer && query.cursor ? decodeCursor(query.cursor) : null;
  const rows = await db().decision.findMany({
    where: {
      workspaceId,
      AND: [
        query.agent ? { agentExternalId: query.agent } : {},
        query.action ? { action: query.action } : {},
        query.outcome ? { outcome: query.outcome } : {},
        query.policy ? { reasons: { array_contains: [{ policyId: query.policy }] } } : {},
        query.from ? { createdAt: { gte: new Date(query.from) } } : {},
        older
          ? { OR: [{ createdAt: { lt: older.createdAt } }, { createdAt: older.createdAt, id: { lt: older.id } }] }
          : {},
        newer
          ? { OR: [{ createdAt: { gt: newer.createdAt } }, { createdAt: newer.createdAt, id: { gt: newer.id } }] }
          : {},
      ],
    },
    // Paging back reads upwards from the cursor, then shows the page newest first like any other.
    orderBy: newer ? [{ createdAt: "asc" }, { id: "asc" }] : [{ createdAt: "desc" }, { id: "desc" }],
    take: query.limit + 1,
    omit: { workspaceId: true },
    include: {
      approval: { select: { id: true, status: true, expiresAt: true } },
      agent: { select: { id: true, name: true } },
    },
  });
  return pageBothWays(rows, query.limit, cursorOf, { back: newer ? query.before! : null, from: older !== null });
}

export async function getDecision({ workspaceId, decisionId }: { workspaceId: string; decisionId: string }) {
  if (!/^[\w-]{1,64}$/.test(decisionId)) throw new NotFound("Decision not found.");
  const decision = await db().decision.findFirst({
    where: { id: decisionId, workspaceId },
    omit: { workspaceId: true },
    include: {
      approval: { select: { id: true, status: true, expiresAt: true, routedTo: true, decidedAt: true } },
      agent: { select: { id: true, name: true } },
    },
  });
  if (!decision) throw new NotFound("Decision not found.");
  return decision;
}

/** Names of the workspace's policies by id, for showing reasons. */
export async function policyNames({ workspaceId }: { workspaceId: string }) {
  const policies = await db().policy.findMany({ where: { workspaceId }, select: { id: true, name: true } });
  return Object.fromEntries(policies.map((p) => [p.id, p.name]));
}
