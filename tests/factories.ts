// Test data factories. Every test builds its own workspace, so files and tests never share rows.
import { randomBytes } from "node:crypto";
import { db } from "../lib/db";
import { hashPassword } from "../lib/auth/password";
import type { Role } from "../lib/auth/permissions";
import { createApiKey } from "../lib/api-keys";
import { systemActor } from "../lib/audit";
import type { ApiKeyScope } from "../lib/auth/permissions";

export const TEST_PASSWORD = "correct horse battery staple";
let passwordHash: Promise<string> | undefined;

export function uniqueSuffix(): string {
  return randomBytes(5).toString("hex");
}

export async function createWorkspace({ slug }: { slug?: string } = {}) {
  const s = slug ?? `ws-${uniqueSuffix()}`;
  return db().workspace.create({ data: { slug: s, name: `Workspace ${s}` } });
}

export async function createUser({ email }: { email?: string } = {}) {
  // A cheap bcrypt cost keeps tests fast; verification reads the cost from the hash.
  passwordHash ??= hashPassword(TEST_PASSWORD, { cost: 4 });
  return db().user.create({
    data: {
      email: email ?? `user-${uniqueSuffix()}@example.test`,
      name: "Test User",
      passwordHash: await passwordHash,
    },
    select: { id: true, email: true, name: true },
  });
}

export async function createMember({ workspaceId, role }: { workspaceId: string; role: Role }) {
  const user = await createUser();
  const membership = await db().membership.create({ data: { workspaceId, userId: user.id, role } });
  return { user, membership };
}

export async function createKey({ workspaceId, scopes }: { workspaceId: string; scopes: ApiKeyScope[] }) {
  return createApiKey({ workspaceId, input: { name: "test key", scopes }, actor: systemActor, createdById: null });
}

export async function createAgent({ workspaceId, externalId }: { workspaceId: string; externalId?: string }) {
  const id = externalId ?? `agent-${uniqueSuffix()}`;
  return db().agent.create({ data: { workspaceId, externalId: id, name: id } });
}
