import "server-only";
import { db } from "../db";
import { systemActor } from "../audit";
import { API_KEY_SCOPES } from "../auth/permissions";
import { createApiKey, hashSecret } from "../api-keys";
import { createWorkspace } from "../workspaces";

/**
 * Headless initialisation (ARBITER_INIT_*): makes sure the workspace and an all-scopes key
 * with exactly these halves exist. Idempotent: a second run with the same values changes nothing.
 */
export async function ensureInitWorkspace({
  slug,
  publicKey,
  secret,
  adminUserId,
}: {
  slug: string;
  publicKey: string;
  secret: string;
  adminUserId: string | null;
}): Promise<{ createdWorkspace: boolean; createdKey: boolean }> {
  let workspace = await db().workspace.findUnique({ where: { slug } });
  const createdWorkspace = !workspace;
  if (!workspace) {
    workspace = await createWorkspace({ name: slug, slug, actor: systemActor, adminUserId });
  }
  const existing = await db().apiKey.findUnique({
    where: { publicKey },
    select: { workspaceId: true, secretHash: true, revokedAt: true },
  });
  if (existing) {
    if (existing.workspaceId !== workspace.id) {
      throw new Error(`ARBITER_INIT_PUBLIC_KEY is already used by another workspace.`);
    }
    if (existing.secretHash !== hashSecret(secret)) {
      throw new Error(
        `ARBITER_INIT_PUBLIC_KEY exists with a different secret; revoke it or choose another public key.`,
      );
    }
    return { createdWorkspace, createdKey: false };
  }
  await createApiKey({
    workspaceId: workspace.id,
    input: { name: "init (ARBITER_INIT_*)", scopes: [...API_KEY_SCOPES] },
    actor: systemActor,
    createdById: null,
    fixed: { publicKey, secret },
  });
  return { createdWorkspace, createdKey: true };
}
