// The audit browser's reads: a chain's events newest first in keyset pages, filtered by time,
// actor, action (or group of actions), target type and target id prefix, each filter served by an
// index read newest first — an action group is one ordered index scan per action, merged — so a
// page stays fast at a million events.
import "server-only";
import { z } from "zod";
import { database } from "../db";
import { ActorType } from "../db/generated/enums";
import { ACTION_GROUP_KEYS, ACTION_GROUPS } from "./action-groups";
import type { HashedFields } from "./hash";

export const AUDIT_PAGE_SIZE = 50;
const SEQ = z.coerce.number().int().min(1).max(2_147_483_647);
const DATE = z
  .string()
  .regex(/^\d{4}-\d{2}-\d{2}$/, "A date is YYYY-MM-DD.")
  .refine((d) => {
    const t = Date.parse(`${d}T00:00:00Z`);
    return !Number.isNaN(t) && new Date(t).toISOString().startsWith(d);
  }, "That date does not exist.");

// Text a browser can send: no lone UTF-16 surrogates (the database would refuse the bytes).
const TEXT = z
  .string()
  .trim()
  .min(1)
  .max(200)
  .refine((t) => !/\p{Surrogate}/u.test(t), "That text is not valid Unicode.");

export const auditQuery = z
  .object({
    from: DATE.optional(),
    to: DATE.optional(),
    /** An actor's id (a link from the list), or a person's email or a key's public key. */
    actor: TEXT.optional(),
    actorType: z.enum(Object.values(ActorType) as [ActorType, ...ActorType[]]).optional(),
    group: z.enum(ACTION_GROUP_KEYS as [string, ...string[]]).optional(),
    action: z
      .string()
      .regex(/^[a-z_]+(\.[a-z_]+)*$/, "An action is like policy.published.")
      .max(80)
      .optional(),
    target: z
      .string()
      .regex(/^[a-z_]+$/, "A target type is like policy.")
      .max(40)
      .optional(),
    /** The start of a target's id. */
    q: TEXT.optional(),
    before: SEQ.optional(),
    after: SEQ.optional(),
  })
  .refine((q) => !(q.from && q.to && q.from > q.to), { message: "The start date comes first.", path: ["from"] })
  .refine((q) => !(q.before && q.after), { message: "One page cursor at a time.", path: ["before"] });

export type AuditQuery = z.infer<typeof auditQuery>;

/** An event as the browser lists it: what was hashed, less the chain's own fields. */
export type AuditRow = Omit<HashedFields, "chain" | "workspaceId" | "prevHash" | "actorType"> & {
  id: string;
  actorType: ActorType;
};

export interface AuditPage {
  events: AuditRow[];
  /** The cursors of the pages either side, when there are events there. */
  older: number | null;
  newer: number | null;
}

const COLUMNS = `"id"::text AS id, "seq", "occurredAt", "actorType"::text AS "actorType", "actorId", "actorLabel",
  "action", "targetType", "targetId", "before", "after", "metadata"`;

/** The distinct actions a chain holds, by a skip scan of its (chain, action) index. */
export async function chainActions(chain: string): Promise<string[]> {
  const rows = await database().query<{ action: string }>(
    `WITH RECURSIVE a AS (
       (SELECT "action" FROM "AuditEvent" WHERE "chain" = $1 ORDER BY "action" LIMIT 1)
       UNION ALL
       SELECT (SELECT "action" FROM "AuditEvent" WHERE "chain" = $1 AND "action" > a."action" ORDER BY "action" LIMIT 1)
         FROM a WHERE a."action" IS NOT NULL
     ) SELECT "action" FROM a WHERE "action" IS NOT NULL`,
    [chain],
  );
  return rows.map((r) => r.action);
}

/** An actor given as an email or a public key, as the id its events carry. */
async function actorIds(chain: string, actor: string): Promise<string[]> {
  const rows = await database().query<{ id: string }>(
    `SELECT "id" FROM "User" WHERE lower("email") = lower($1)
     UNION ALL SELECT "id" FROM "ApiKey" WHERE "publicKey" = $1 AND ($2::text = 'global' OR "workspaceId" = $2)`,
    [actor, chain],
  );
  return [actor, ...rows.map((r) => r.id)];
}

export async function listAuditEvents({
  chain,
  query,
  limit = AUDIT_PAGE_SIZE,
}: {
  chain: string;
  query: AuditQuery;
  limit?: number;
}): Promise<AuditPage> {
  const params: unknown[] = [chain];
  const p = (value: unknown) => `$${params.push(value)}`;
  const where = [`"chain" = $1`];
  if (query.from) where.push(`"occurredAt" >= ${p(`${query.from}T00:00:00Z`)}::timestamptz`);
  if (query.to) where.push(`"occurredAt" < ${p(`${query.to}T00:00:00Z`)}::timestamptz + interval '1 day'`);
  if (query.actor) where.push(`"actorId" = ANY(${p(await actorIds(chain, query.actor))}::text[])`);
  if (query.actorType) where.push(`"actorType"::text = ${p(query.actorType)}`);
  if (query.target) where.push(`"targetType" = ${p(query.target)}`);
  if (query.q) where.push(`"targetId" LIKE ${p(`${query.q.replace(/[\\%_]/g, "\\$&")}%`)}`);
  const newerFirst = !query.after;
  if (query.before) where.push(`"seq" < ${p(query.before)}`);
  if (query.after) where.push(`"seq" > ${p(query.after)}`);
  const order = newerFirst ? "DESC" : "ASC";
  const take = p(limit + 1);

  let actions: string[] | null = null;
  if (query.action) actions = [query.action];
  else if (query.group) {
    const prefixes = ACTION_GROUPS[query.group as keyof typeof ACTION_GROUPS].prefixes as readonly string[];
    actions = (await chainActions(chain)).filter((a) => prefixes.includes(a.split(".")[0]!));
  }
  if (actions?.length === 0) return { events: [], older: null, newer: null };
  const text = actions
    ? `SELECT e.* FROM unnest(${p(actions)}::text[]) AS x(action)
         CROSS JOIN LATERAL (SELECT ${COLUMNS} FROM "AuditEvent"
           WHERE ${where.join(" AND ")} AND "action" = x.action ORDER BY "seq" ${order} LIMIT ${take}) e
        ORDER BY e."seq" ${order} LIMIT ${take}`
    : `SELECT ${COLUMNS} FROM "AuditEvent" WHERE ${where.join(" AND ")} ORDER BY "seq" ${order} LIMIT ${take}`;
  const rows = await database().query<AuditRow>(text, params);
  const more = rows.length > limit;
  const events = rows.slice(0, limit);
  if (!newerFirst) events.reverse();
  const first = events[0]?.seq ?? null;
  const last = events.at(-1)?.seq ?? null;
  return {
    events,
    older: newerFirst ? (more ? last : null) : last,
    newer: newerFirst ? (query.before ? first : null) : more ? first : null,
  };
}

/** One event of a chain by its sequence number, with what hashing needs. */
export async function auditEvent(chain: string, seq: number) {
  const [row] = await database().query<
    AuditRow & { chain: string; workspaceId: string | null; prevHash: string; hash: string }
  >(
    `SELECT ${COLUMNS}, "chain", "workspaceId", "prevHash", "hash" FROM "AuditEvent" WHERE "chain" = $1 AND "seq" = $2`,
    [chain, seq],
  );
  return row ?? null;
}
