"use server";

import { z } from "zod";
import { revalidatePath } from "next/cache";
import { workspaceAction } from "@/lib/http/server-action";
import { renameWorkspace, setSpanBodyAccess } from "@/lib/workspaces";
import { addMember, addMemberSchema, changeMemberRole, removeMember } from "@/lib/members";
import { createApiKey, createApiKeySchema, revokeApiKey } from "@/lib/api-keys";
import { ROLES } from "@/lib/auth/permissions";
import { rotateWebhookSecret } from "@/lib/workspaces/webhook-secret";
import { setNotificationUrl } from "@/lib/workspaces/notification-url";

const inWorkspace = z.object({ workspace: z.string() });
const id = z.string().min(1).max(64);

export const renameWorkspaceAction = workspaceAction(
  { input: inWorkspace.extend({ name: z.string() }), permission: "workspace:update" },
  async ({ name }, access) => {
    const workspace = await renameWorkspace({ workspaceId: access.workspace.id, name, actor: access.actor });
    revalidatePath(`/${access.workspace.slug}`, "layout");
    return { name: workspace.name };
  },
);

export const setSpanBodiesAction = workspaceAction(
  { input: inWorkspace.extend({ access: z.enum(["READERS", "PRIVILEGED"]) }), permission: "workspace:update" },
  async ({ access: value }, access) => {
    await setSpanBodyAccess({ workspaceId: access.workspace.id, access: value, actor: access.actor });
    revalidatePath(`/${access.workspace.slug}/settings`);
    return null;
  },
);

export const addMemberAction = workspaceAction(
  { input: inWorkspace.extend(addMemberSchema.shape), permission: "members:manage" },
  async (input, access) => {
    const { initialPassword } = await addMember({ workspaceId: access.workspace.id, input, actor: access.actor });
    revalidatePath(`/${access.workspace.slug}/settings/members`);
    return { email: input.email, initialPassword };
  },
);

export const changeMemberRoleAction = workspaceAction(
  { input: inWorkspace.extend({ membershipId: id, role: z.enum(ROLES) }), permission: "members:manage" },
  async ({ membershipId, role }, access) => {
    await changeMemberRole({ workspaceId: access.workspace.id, membershipId, role, actor: access.actor });
    revalidatePath(`/${access.workspace.slug}/settings/members`);
    return { role };
  },
);

export const removeMemberAction = workspaceAction(
  { input: inWorkspace.extend({ membershipId: id }), permission: "members:manage" },
  async ({ membershipId }, access) => {
    await removeMember({ workspaceId: access.workspace.id, membershipId, actor: access.actor });
    revalidatePath(`/${access.workspace.slug}/settings/members`);
    return null;
  },
);

export const createApiKeyAction = workspaceAction(
  { input: inWorkspace.extend(createApiKeySchema.shape), permission: "apiKeys:manage" },
  async (input, access) => {
    const { key, secret } = await createApiKey({
      workspaceId: access.workspace.id,
      input,
      actor: access.actor,
      createdById: access.user.id,
    });
    revalidatePath(`/${access.workspace.slug}/settings/api-keys`);
    return { publicKey: key.publicKey, secret };
  },
);

export const revokeApiKeyAction = workspaceAction(
  { input: inWorkspace.extend({ keyId: id }), permission: "apiKeys:manage" },
  async ({ keyId }, access) => {
    await revokeApiKey({ workspaceId: access.workspace.id, keyId, actor: access.actor });
    revalidatePath(`/${access.workspace.slug}/settings/api-keys`);
    return null;
  },
);

export const rotateWebhookSecretAction = workspaceAction(
  { input: inWorkspace, permission: "workspace:update" },
  async (_input, access) => {
    const { secret, createdAt } = await rotateWebhookSecret({ workspaceId: access.workspace.id, actor: access.actor });
    revalidatePath(`/${access.workspace.slug}/settings/webhooks`);
    return { secret, createdAt: createdAt.toISOString() };
  },
);

export const setNotificationUrlAction = workspaceAction(
  { input: inWorkspace.extend({ url: z.string().max(2100) }), permission: "workspace:update" },
  async ({ url }, access) => {
    await setNotificationUrl({ workspaceId: access.workspace.id, url, actor: access.actor });
    revalidatePath(`/${access.workspace.slug}/settings/webhooks`);
    return null;
  },
);
