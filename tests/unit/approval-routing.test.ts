import { describe, expect, it } from "vitest";
import { roleMayDecide, waitsFor } from "../../lib/approvals/routing";
import { argsHash } from "../../lib/approvals/args-hash";
import { approvalToken, tokenApprovalId, tokenMatches } from "../../lib/approvals/approval-token";
import { isInternalAddress, refuseTarget } from "../../lib/outbox/target-guard";
import { backoffSeconds } from "../../lib/outbox/deliver";

const request = { routedTo: "APPROVER", escalatedAt: null, agentOwnerId: "owner", votedBy: ["voted"] };

describe("approval routing", () => {
  it("lets the routed role and ADMIN decide, nobody else", () => {
    expect(roleMayDecide("APPROVER", "APPROVER")).toBe(true);
    expect(roleMayDecide("ADMIN", "APPROVER")).toBe(true);
    expect(roleMayDecide("APPROVER", "ADMIN")).toBe(false);
    expect(roleMayDecide("APPROVER", "FINANCE")).toBe(false);
    expect(roleMayDecide("ADMIN", "FINANCE")).toBe(true);
    for (const role of ["ENGINEER", "AUDITOR", "VIEWER"] as const) expect(roleMayDecide(role, role)).toBe(false);
  });

  it("waits for the routed role, for ADMIN once escalated, never for the owner or someone who answered", () => {
    expect(waitsFor({ role: "APPROVER", userId: "u" }, request)).toBe(true);
    expect(waitsFor({ role: "ADMIN", userId: "u" }, request)).toBe(false);
    expect(waitsFor({ role: "ADMIN", userId: "u" }, { ...request, escalatedAt: new Date() })).toBe(true);
    expect(waitsFor({ role: "ADMIN", userId: "u" }, { ...request, routedTo: "ADMIN" })).toBe(true);
    expect(waitsFor({ role: "ADMIN", userId: "u" }, { ...request, routedTo: "FINANCE" })).toBe(true);
    expect(waitsFor({ role: "APPROVER", userId: "owner" }, request)).toBe(false);
    expect(waitsFor({ role: "APPROVER", userId: "voted" }, request)).toBe(false);
    expect(waitsFor({ role: "AUDITOR", userId: "u" }, { ...request, routedTo: "AUDITOR" })).toBe(false);
  });
});

describe("approval binding", () => {
  const resource = {
    kind: "order",
    id: "o-1",
    riskTier: "LOW" as const,
    dataClass: "internal" as const,
    environment: "" as const,
    destructive: false,
    blacklisted: false,
    attributes: { b: 1, a: "x" },
  };
  it("hashes arguments canonically: key order does not matter, a changed amount does", () => {
    const a = argsHash({ resource, context: { amount: 900, currency: "USD" } });
    const reordered = argsHash({
      resource: { ...resource, attributes: { a: "x", b: 1 } },
      context: { currency: "USD", amount: 900 },
    });
    expect(reordered).toBe(a);
    expect(argsHash({ resource, context: { amount: 901, currency: "USD" } })).not.toBe(a);
  });

  it("signs tokens over the binding", () => {
    const binding = { approvalId: "ap-1", argsHash: "h", expiresAt: new Date("2026-12-01T10:00:00Z") };
    const token = approvalToken(binding);
    expect(tokenApprovalId(token)).toBe("ap-1");
    expect(tokenMatches(token, binding)).toBe(true);
    expect(tokenMatches(token, { ...binding, argsHash: "other" })).toBe(false);
    expect(tokenMatches(token, { ...binding, expiresAt: new Date("2026-12-01T11:00:00Z") })).toBe(false);
    expect(tokenApprovalId("apt_x")).toBeNull();
  });
});

describe("webhook targets", () => {
  it("refuses non-http(s) and internal targets", () => {
    expect(refuseTarget("https://hooks.example.com/arbiter")).toBeNull();
    for (const url of [
      "ftp://example.com",
      "http://localhost:8080/",
      "http://127.0.0.1/",
      "http://10.0.0.5/",
      "http://192.168.1.1/",
      "http://169.254.169.254/latest/meta-data",
      "http://[::1]/",
      "http://user:pw@example.com/",
      "not a url",
    ])
      expect(refuseTarget(url), url).not.toBeNull();
    expect(isInternalAddress("::ffff:127.0.0.1")).toBe(true);
    expect(isInternalAddress("64:ff9b::7f00:1")).toBe(true);
    expect(isInternalAddress("2002:7f00:1::")).toBe(true);
    expect(isInternalAddress("93.184.216.34")).toBe(false);
  });

  it("backs off exponentially up to five minutes", () => {
    const mid = () => 0.5;
    expect([1, 2, 3, 10, 20].map((n) => backoffSeconds(n, mid))).toEqual([1, 2, 4, 300, 300]);
  });
});
