// The one permissions map: roles → resource:action permissions. Pages, server actions,
// route handlers and the UI's hide/disable decisions all ask can(role, permission).
import type { Role } from "../db/generated/enums";

export const ROLES = ["ADMIN", "APPROVER", "ENGINEER", "AUDITOR", "VIEWER"] as const satisfies readonly Role[];
export type { Role };

export const PERMISSIONS = [
  "workspace:read",
  "workspace:update",
  "members:read",
  "members:manage",
  "apiKeys:read",
  "apiKeys:manage",
  "agents:read",
  "agents:manage",
  "traces:read",
  "decisions:read",
  "policies:read",
  "policies:write",
  "policies:publish",
  "approvals:read",
  "approvals:decide",
  "costs:read",
  "budgets:manage",
  "audit:read",
  "audit:export",
] as const;

export type Permission = (typeof PERMISSIONS)[number];

const READ_DASHBOARDS: Permission[] = [
  "workspace:read",
  "agents:read",
  "traces:read",
  "decisions:read",
  "policies:read",
  "approvals:read",
  "costs:read",
];

const READ_EVERYTHING: Permission[] = [...READ_DASHBOARDS, "members:read", "apiKeys:read", "audit:read"];

export const rolePermissions: Record<Role, readonly Permission[]> = {
  ADMIN: PERMISSIONS,
  APPROVER: [...READ_DASHBOARDS, "approvals:decide"],
  ENGINEER: [...READ_DASHBOARDS, "policies:write"],
  // Compliance officers read everything and export evidence; they change nothing.
  AUDITOR: [...READ_EVERYTHING, "audit:export"],
  VIEWER: READ_DASHBOARDS,
};

const lookup = new Map(
  Object.entries(rolePermissions).map(([role, perms]) => [role as Role, new Set<Permission>(perms)]),
);

export function can(role: Role | null | undefined, permission: Permission): boolean {
  return role ? (lookup.get(role)?.has(permission) ?? false) : false;
}

/** Creating a workspace is an organisation-level act: it takes ADMIN in some workspace. */
export function canCreateWorkspace(roles: readonly Role[]): boolean {
  return roles.includes("ADMIN");
}

export const API_KEY_SCOPES = ["ingest", "decide", "read"] as const;
export type ApiKeyScope = (typeof API_KEY_SCOPES)[number];
