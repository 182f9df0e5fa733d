import { describe, expect, it } from "vitest";
import { PERMISSIONS, ROLES, can, canCreateWorkspace, type Permission, type Role } from "../../lib/auth/permissions";

// The expected matrix, written out by hand so a change to the map must change this table too.
const A = true;
const _ = false;
//                                    ADMIN APPROVER ENGINEER AUDITOR VIEWER
const expected: Record<Permission, [boolean, boolean, boolean, boolean, boolean]> = {
  "workspace:read": /*           */ [A, A, A, A, A],
  "workspace:update": /*         */ [A, _, _, _, _],
  "members:read": /*             */ [A, _, _, A, _],
  "members:manage": /*           */ [A, _, _, _, _],
  "apiKeys:read": /*             */ [A, _, _, A, _],
  "apiKeys:manage": /*           */ [A, _, _, _, _],
  "agents:read": /*              */ [A, A, A, A, A],
  "agents:manage": /*            */ [A, _, _, _, _],
  "traces:read": /*              */ [A, A, A, A, A],
  "decisions:read": /*           */ [A, A, A, A, A],
  "policies:read": /*            */ [A, A, A, A, A],
  "policies:write": /*           */ [A, _, A, _, _],
  "policies:publish": /*         */ [A, _, _, _, _],
  "approvals:read": /*           */ [A, A, A, A, A],
  "approvals:decide": /*         */ [A, A, _, _, _],
  "costs:read": /*               */ [A, A, A, A, A],
  "budgets:manage": /*           */ [A, _, _, _, _],
  "audit:read": /*               */ [A, _, _, A, _],
  "audit:export": /*             */ [A, _, _, A, _],
};

describe("role × permission", () => {
  it("the table covers every permission", () => {
    expect(Object.keys(expected).sort()).toEqual([...PERMISSIONS].sort());
  });

  const cases = PERMISSIONS.flatMap((permission) =>
    ROLES.map((role, i) => ({ role, permission, allowed: expected[permission][i]! })),
  );

  it.each(cases)("$role $permission → $allowed", ({ role, permission, allowed }) => {
    expect(can(role as Role, permission)).toBe(allowed);
  });

  it("no role means no permission", () => {
    for (const permission of PERMISSIONS) {
      expect(can(null, permission)).toBe(false);
      expect(can(undefined, permission)).toBe(false);
    }
  });

  it("auditors change nothing", () => {
    const changing = PERMISSIONS.filter((p) => !p.endsWith(":read") && p !== "audit:export");
    for (const p of changing) expect(can("AUDITOR", p)).toBe(false);
  });

  it("creating a workspace takes ADMIN somewhere", () => {
    expect(canCreateWorkspace(["VIEWER", "ADMIN"])).toBe(true);
    expect(canCreateWorkspace(["VIEWER", "ENGINEER", "AUDITOR", "APPROVER"])).toBe(false);
    expect(canCreateWorkspace([])).toBe(false);
  });
});
