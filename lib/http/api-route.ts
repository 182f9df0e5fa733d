// The one way to write a route handler for machines and people: declare the API-key scope and
// the session permission it needs, get a principal scoped to one workspace, return data.
import "server-only";
import { jsonText } from "../json";
import { apiKeyActor, type Actor } from "../audit";
import { authenticateApiKey, requireScope } from "../api-keys";
import { resolveWorkspaceAccess } from "../auth/access";
import type { ApiKeyScope, Permission, Role } from "../auth/permissions";
import { Forbidden, Invalid, Unauthorized, toErrorResponse } from "../errors";

export interface Principal {
  kind: "api_key" | "session";
  workspaceId: string;
  actor: Actor;
  /** For a session: the member's role (keys have none). */
  role: Role | null;
}

export interface RouteConfig {
  /**
   * The API-key scope that may call the route; "any": every valid key (what a key may know of
   * itself); null: people only (a key is refused).
   */
  scope: ApiKeyScope | "any" | null;
  /** When set, a signed-in user with this permission may call the route too (?workspace=<slug>). */
  permission?: Permission;
}

/** A machine's principal: the API key in the Authorization header, with the route's scope. */
export async function authenticateKey(authorization: string | null, config: RouteConfig): Promise<Principal> {
  if (config.scope === null) throw new Forbidden("This is done by a signed-in person, not with an API key.");
  const key = await authenticateApiKey({ authorization });
  if (config.scope !== "any") requireScope(key, config.scope);
  return {
    kind: "api_key",
    workspaceId: key.workspaceId,
    actor: apiKeyActor({ id: key.keyId, publicKey: key.publicKey }),
    role: null,
  };
}

export async function authenticateRequest(request: Request, config: RouteConfig): Promise<Principal> {
  const authorization = request.headers.get("authorization");
  if (authorization || !config.permission) return authenticateKey(authorization, config);
  // No session cookie: a machine that forgot its key. Say what it should send.
  if (!request.headers.get("cookie")?.includes("next-auth.session-token")) {
    throw new Unauthorized("Send an API key (Authorization: Bearer <secret>) or sign in.");
  }
  // Imported lazily: reading the session needs the Next.js request scope.
  const { getSessionUser } = await import("../auth/session");
  const user = await getSessionUser();
  if (!user) throw new Unauthorized();
  const slug = new URL(request.url).searchParams.get("workspace");
  if (!slug) throw new Invalid("Name the workspace: ?workspace=<slug>.");
  const access = await resolveWorkspaceAccess({ user, slug, permission: config.permission });
  return { kind: "session", workspaceId: access.workspace.id, actor: access.actor, role: access.role };
}

export function apiRoute<Params = Record<string, never>>(
  config: RouteConfig,
  handler: (request: Request, context: { principal: Principal; params: Params }) => Promise<Response>,
) {
  return async (request: Request, context: { params: Promise<Params> }): Promise<Response> => {
    try {
      const principal = await authenticateRequest(request, config);
      return await handler(request, { principal, params: await context.params });
    } catch (error) {
      return errorResponse(error);
    }
  };
}

export function errorResponse(error: unknown): Response {
  const { status, body, headers } = toErrorResponse(error);
  return Response.json(body, { status, headers });
}

/** JSON with bigints as strings (token counts) and Decimals as their string form. */
export function json(data: unknown, init?: ResponseInit): Response {
  const text = jsonText(data);
  return new Response(text, { ...init, headers: { "content-type": "application/json", ...init?.headers } });
}
