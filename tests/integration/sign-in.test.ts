import { describe, expect, it } from "vitest";
import { db } from "../../lib/db";
import { ACCOUNT_FAILURE_LIMIT, IP_FAILURE_LIMIT, signInWithPassword } from "../../lib/auth/sign-in";
import { TEST_PASSWORD, createUser, uniqueSuffix } from "../factories";

const ip = () => `10.${Math.floor(Math.random() * 250)}.${Math.floor(Math.random() * 250)}.${uniqueSuffix().length}`;

describe("sign-in", () => {
  it("accepts the right password, case-insensitive email, and audits it", async () => {
    const user = await createUser();
    const result = await signInWithPassword({ email: user.email.toUpperCase(), password: TEST_PASSWORD, ip: ip() });
    expect(result).toEqual({ ok: true, user });
    const event = await db().auditEvent.findFirst({ where: { action: "auth.sign_in", targetId: user.id } });
    expect(event?.chain).toBe("global");
  });

  it("refuses a wrong password and an unknown email with the same message, audited", async () => {
    const user = await createUser();
    const address = `192.0.2.${Math.floor(Math.random() * 250)}`;
    const wrong = await signInWithPassword({ email: user.email, password: "wrong password", ip: address });
    const unknown = await signInWithPassword({ email: `nobody-${uniqueSuffix()}@x.test`, password: "x", ip: address });
    expect(wrong).toEqual({ ok: false, reason: "invalid", message: "Invalid email or password." });
    expect(unknown).toEqual(wrong);
    expect(await db().auditEvent.count({ where: { action: "auth.sign_in_failed", targetId: user.id } })).toBe(1);
  });

  it(`locks the account after ${ACCOUNT_FAILURE_LIMIT} failures, even for the right password`, async () => {
    const user = await createUser();
    const results = [];
    for (let i = 0; i < ACCOUNT_FAILURE_LIMIT; i++) {
      results.push(await signInWithPassword({ email: user.email, password: `nope-${i}`, ip: `198.51.100.${i}` }));
    }
    expect(results.slice(0, -1).every((r) => !r.ok && r.reason === "invalid")).toBe(true);
    expect(results.at(-1)).toMatchObject({ ok: false, reason: "locked" });
    const locked = await signInWithPassword({ email: user.email, password: TEST_PASSWORD, ip: "198.51.100.99" });
    expect(locked).toMatchObject({ ok: false, reason: "locked", message: expect.stringMatching(/locked/) });
    expect(await db().auditEvent.count({ where: { action: "auth.account_locked", targetId: user.id } })).toBe(1);
  });

  it(`rate-limits an address after ${IP_FAILURE_LIMIT} failures across accounts`, async () => {
    const address = `203.0.113.${Math.floor(Math.random() * 250)}-${uniqueSuffix()}`;
    for (let i = 0; i < IP_FAILURE_LIMIT; i++) {
      await signInWithPassword({ email: `spray-${i}-${uniqueSuffix()}@x.test`, password: "guess", ip: address });
    }
    const user = await createUser();
    const blocked = await signInWithPassword({ email: user.email, password: TEST_PASSWORD, ip: address });
    expect(blocked).toMatchObject({ ok: false, reason: "rate_limited" });
    const elsewhere = await signInWithPassword({ email: user.email, password: TEST_PASSWORD, ip: ip() });
    expect(elsewhere.ok).toBe(true);
  });
});
