// The one way to write a server action: declare the input schema and the permission, get the
// caller's access to the workspace named in the input, call lib/, return a typed result.
import "server-only";
import { z } from "zod";
import { resolveWorkspaceAccess, type WorkspaceAccess } from "../auth/access";
import type { Permission } from "../auth/permissions";
import type { SessionUser } from "../auth/session";
import { AppError, Invalid, Unauthorized } from "../errors";

export type ActionResult<T> = { ok: true; data: T } | { ok: false; error: { code: string; message: string } };

const withWorkspace = z.object({ workspace: z.string().min(1).max(100) });

export interface ActionConfig<S extends z.ZodType> {
  input: S;
  permission: Permission;
}

/** An action as a plain definition, so tests run exactly what a "use server" file exposes. */
export function actionDef<S extends z.ZodType, R>(
  input: S,
  permission: Permission,
  handler: (input: z.infer<S>, access: WorkspaceAccess) => Promise<R>,
) {
  return { config: { input, permission } satisfies ActionConfig<S>, handler };
}

/** The action without Next.js: the caller supplies the session user (tests do). */
export async function runWorkspaceAction<S extends z.ZodType, R>({
  user,
  raw,
  config,
  handler,
}: {
  user: SessionUser | null;
  raw: unknown;
  config: ActionConfig<S>;
  handler: (input: z.infer<S>, access: WorkspaceAccess) => Promise<R>;
}): Promise<ActionResult<R>> {
  try {
    if (!user) throw new Unauthorized("Your session has ended; sign in again.");
    const scope = withWorkspace.safeParse(raw);
    if (!scope.success) throw new Invalid("The workspace is missing.");
    const parsed = config.input.safeParse(raw);
    if (!parsed.success) throw new Invalid(parsed.error.issues[0]?.message ?? "The input is invalid.");
    const access = await resolveWorkspaceAccess({ user, slug: scope.data.workspace, permission: config.permission });
    return { ok: true, data: await handler(parsed.data, access) };
  } catch (error) {
    return actionError(error);
  }
}

export function workspaceAction<S extends z.ZodType, R>(
  config: ActionConfig<S>,
  handler: (input: z.infer<S>, access: WorkspaceAccess) => Promise<R>,
) {
  return async (raw: z.input<S>): Promise<ActionResult<R>> => {
    const { getSessionUser } = await import("../auth/session");
    return runWorkspaceAction({ user: await getSessionUser(), raw, config, handler });
  };
}

export function actionError(error: unknown): { ok: false; error: { code: string; message: string } } {
  if (error instanceof AppError) return { ok: false, error: { code: error.code, message: error.message } };
  console.error("[arbiter] server action failed", error);
  return { ok: false, error: { code: "internal_error", message: "Something went wrong on our side." } };
}
