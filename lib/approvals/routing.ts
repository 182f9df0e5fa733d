// Who may decide a held action, and what waits for whom. Pure: the server enforces it, the inbox
// uses it to show and hide, and the inbox query mirrors waitsFor in SQL.
import { can, ROLES, type Role } from "../auth/permissions";

/** Roles that decide approvals at all (APPROVER, ADMIN). */
export const DECIDING_ROLES = ROLES.filter((r) => can(r, "approvals:decide"));

/** The deciding role a policy's @route names, or null (an unknown name routes to ADMIN alone). */
export function routedRole(routedTo: string | null): Role | null {
  return DECIDING_ROLES.find((r) => r === routedTo) ?? null;
}

/** A member may decide a request routed to their role; ADMIN may decide any. */
export function roleMayDecide(role: Role, routedTo: string | null): boolean {
  return can(role, "approvals:decide") && (role === "ADMIN" || routedRole(routedTo) === role);
}

export interface WaitingRequest {
  routedTo: string | null;
  escalatedAt: Date | string | null;
  agentOwnerId: string | null;
  votedBy: string[];
}

/**
 * Does the request wait for this member: routed to their role — an ADMIN is asked when it is
 * routed to ADMIN (or to no deciding role) or was escalated — not their own agent's, and not
 * already answered by them.
 */
export function waitsFor(member: { role: Role; userId: string }, request: WaitingRequest): boolean {
  if (!can(member.role, "approvals:decide")) return false;
  if (request.agentOwnerId === member.userId || request.votedBy.includes(member.userId)) return false;
  const routed = routedRole(request.routedTo);
  if (member.role === "ADMIN") return routed === null || routed === "ADMIN" || request.escalatedAt !== null;
  return routed === member.role;
}
