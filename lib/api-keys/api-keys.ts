import "server-only";
import { z } from "zod";
import { database, db } from "../db";
import { RevisionCache, announceRevision, type Stamped } from "../db/revisions";
import { isRecordNotFound, isUniqueViolation } from "../db/errors";
import { appendAuditEvent, type Actor } from "../audit";
import { Conflict, Forbidden, Invalid, NotFound, Unauthorized } from "../errors";
import { API_KEY_SCOPES, type ApiKeyScope } from "../auth/permissions";
import { hashSecret, newKeyPair, parseAuthorization } from "./secrets";

export const createApiKeySchema = z.object({
  name: z.string().trim().min(1, "Give the key a name.").max(80),
  scopes: z.array(z.enum(API_KEY_SCOPES)).min(1, "Pick at least one scope."),
});

const publicFields = {
  id: true,
  name: true,
  publicKey: true,
  secretHint: true,
  scopes: true,
  createdAt: true,
  lastUsedAt: true,
  revokedAt: true,
  createdBy: { select: { email: true } },
} as const;

export function listApiKeys({ workspaceId }: { workspaceId: string }) {
  return db().apiKey.findMany({ where: { workspaceId }, select: publicFields, orderBy: { createdAt: "desc" } });
}

/** Creates a key; the secret is in the result and nowhere else, ever. */
export async function createApiKey({
  workspaceId,
  input,
  actor,
  createdById,
  fixed,
}: {
  workspaceId: string;
  input: z.input<typeof createApiKeySchema>;
  actor: Actor;
  createdById: string | null;
  /** Headless initialisation supplies both halves itself. */
  fixed?: { publicKey: string; secret: string };
}) {
  const parsed = createApiKeySchema.safeParse(input);
  if (!parsed.success) throw new Invalid(parsed.error.issues[0]!.message);
  const { publicKey, secret } = fixed ?? newKeyPair();
  try {
    const key = await db().$transaction(async (tx) => {
      const created = await tx.apiKey.create({
        data: {
          workspaceId,
          name: parsed.data.name,
          scopes: [...new Set(parsed.data.scopes)],
          publicKey,
          secretHash: hashSecret(secret),
          secretHint: secret.slice(-4),
          createdById,
        },
        select: publicFields,
      });
      await appendAuditEvent(tx, {
        workspaceId,
        actor,
        action: "api_key.created",
        target: { type: "api_key", id: created.id },
        after: { name: created.name, publicKey, scopes: created.scopes },
      });
      return created;
    });
    return { key, secret };
  } catch (error) {
    if (isUniqueViolation(error)) throw new Conflict("An API key with that public key already exists.");
    throw error;
  }
}

export async function revokeApiKey({
  workspaceId,
  keyId,
  actor,
}: {
  workspaceId: string;
  keyId: string;
  actor: Actor;
}) {
  try {
    const revoked = await db().$transaction(async (tx) => {
      const key = await tx.apiKey.update({
        where: { id: keyId, workspaceId, revokedAt: null },
        data: { revokedAt: new Date() },
        select: publicFields,
      });
      await appendAuditEvent(tx, {
        workspaceId,
        actor,
        action: "api_key.revoked",
        target: { type: "api_key", id: key.id },
        before: { revokedAt: null },
        after: { revokedAt: key.revokedAt },
      });
      return key;
    });
    await announceRevision(workspaceId);
    return revoked;
  } catch (error) {
    if (isRecordNotFound(error)) throw new NotFound("API key not found, or already revoked.");
    throw error;
  }
}

export interface ApiKeyPrincipal {
  keyId: string;
  publicKey: string;
  workspaceId: string;
  scopes: string[];
}

// lastUsedAt is a hint for people, not a log: write it at most once a minute per key.
const LAST_USED_RESOLUTION_MS = 60_000;

interface CachedKey extends ApiKeyPrincipal {
  revoked: boolean;
  lastUsedAt: number | null;
}

// hash → key, on every instance; a revocation bumps the workspace's control revision (a trigger),
// so it is seen here within a second (lib/db/revisions.ts).
const holder = globalThis as { __arbiterKeyCache?: RevisionCache<CachedKey> };
const keys = () => (holder.__arbiterKeyCache ??= new RevisionCache<CachedKey>(10_000));

async function readKey(secretHash: string, readAt: number): Promise<Stamped<CachedKey>> {
  const [row] = await database().query<{
    id: string;
    publicKey: string;
    workspaceId: string;
    scopes: string[];
    revokedAt: Date | null;
    lastUsedAt: Date | null;
    policy: number;
    control: number;
  }>(
    `SELECT k."id", k."publicKey", k."workspaceId", k."scopes", k."revokedAt", k."lastUsedAt",
            w."policyRevision" AS "policy", w."controlRevision" AS "control"
       FROM "ApiKey" k JOIN "Workspace" w ON w."id" = k."workspaceId" WHERE k."secretHash" = $1`,
    [secretHash],
  );
  if (!row) throw new Unauthorized("Invalid API key.");
  return {
    workspaceId: row.workspaceId,
    revisions: { policy: row.policy, control: row.control },
    readAt,
    value: {
      keyId: row.id,
      publicKey: row.publicKey,
      workspaceId: row.workspaceId,
      scopes: row.scopes,
      revoked: row.revokedAt !== null,
      lastUsedAt: row.lastUsedAt ? new Date(row.lastUsedAt).getTime() : null,
    },
  };
}

/** Authenticates a machine request; the key alone decides the workspace. */
export async function authenticateApiKey({
  authorization,
}: {
  authorization: string | null;
}): Promise<ApiKeyPrincipal> {
  const credentials = parseAuthorization(authorization);
  if (!credentials) throw new Unauthorized("Send an API key: Authorization: Bearer <secret> or Basic <public:secret>.");
  const secretHash = hashSecret(credentials.secret);
  const key = await keys().get(secretHash, (readAt) => readKey(secretHash, readAt));
  if (credentials.publicKey !== null && credentials.publicKey !== key.publicKey) {
    throw new Unauthorized("Invalid API key.");
  }
  if (key.revoked) throw new Unauthorized("This API key has been revoked.");
  const now = Date.now();
  if (!key.lastUsedAt || now - key.lastUsedAt > LAST_USED_RESOLUTION_MS) {
    key.lastUsedAt = now;
    // Off the request's path: a hint that fails to be written is written on a later use.
    void database()
      .query(`UPDATE "ApiKey" SET "lastUsedAt" = $2 WHERE "id" = $1`, [key.keyId, new Date(now)])
      .catch(() => {
        key.lastUsedAt = null;
      });
  }
  return { keyId: key.keyId, publicKey: key.publicKey, workspaceId: key.workspaceId, scopes: key.scopes };
}

/** What a key may know of itself: its workspace and scopes (tools check them before sending). */
export async function describeApiKey({ workspaceId, keyId }: { workspaceId: string; keyId: string }) {
  const [row] = await database().query<{
    publicKey: string;
    name: string;
    scopes: string[];
    slug: string;
    workspace: string;
  }>(
    `SELECT k."publicKey", k."name", k."scopes", w."slug", w."name" AS "workspace"
       FROM "ApiKey" k JOIN "Workspace" w ON w."id" = k."workspaceId" WHERE k."id" = $1 AND k."workspaceId" = $2`,
    [keyId, workspaceId],
  );
  if (!row) throw new Unauthorized("Invalid API key.");
  return {
    workspace: { slug: row.slug, name: row.workspace },
    key: { publicKey: row.publicKey, name: row.name, scopes: row.scopes },
  };
}

export function requireScope(principal: ApiKeyPrincipal, scope: ApiKeyScope): void {
  if (!principal.scopes.includes(scope)) throw new Forbidden(`This API key lacks the "${scope}" scope.`);
}
