import { describe, expect, it } from "vitest";
import { db } from "../../lib/db";
import { oidcProviders } from "../../lib/auth/options";
import { signInWithOidc } from "../../lib/auth/oidc-sign-in";
import { parseEnv } from "../../lib/env";
import { createUser, uniqueSuffix } from "../factories";

describe("OIDC single sign-on", () => {
  it("is off unless configured, and reads the issuer's discovery document when it is", () => {
    expect(oidcProviders(parseEnv({}))).toEqual([]);
    const [provider] = oidcProviders(
      parseEnv({
        OIDC_ISSUER: "https://login.example.com/realms/acme/",
        OIDC_CLIENT_ID: "arbiter",
        OIDC_CLIENT_SECRET: "s3cret",
        OIDC_NAME: "Acme SSO",
      }),
    ) as unknown as Record<string, unknown>[];
    expect(provider).toMatchObject({
      id: "oidc",
      name: "Acme SSO",
      type: "oauth",
      wellKnown: "https://login.example.com/realms/acme/.well-known/openid-configuration",
      clientId: "arbiter",
      idToken: true,
      checks: ["pkce", "state"],
    });
  });

  it("links an existing user by email, then finds them by subject; audits each sign-in", async () => {
    const user = await createUser();
    const subject = `sub-${uniqueSuffix()}`;
    const linked = await signInWithOidc({ subject, email: user.email.toUpperCase(), name: "X" });
    expect(linked.id).toBe(user.id);
    const again = await signInWithOidc({ subject, email: "changed@example.test", name: "X" });
    expect(again.id).toBe(user.id);
    const events = await db().auditEvent.findMany({ where: { action: "auth.sign_in", targetId: user.id } });
    expect(events.map((e) => e.metadata)).toEqual([
      { method: "oidc", created: false },
      { method: "oidc", created: false },
    ]);
  });

  it("creates a new user with no workspace and no password", async () => {
    const email = `sso-${uniqueSuffix()}@example.test`;
    const user = await signInWithOidc({ subject: `sub-${uniqueSuffix()}`, email, name: "Sam SSO" });
    const row = await db().user.findUniqueOrThrow({ where: { id: user.id }, omit: { passwordHash: false } });
    expect(row).toMatchObject({ email, name: "Sam SSO", passwordHash: null });
    expect(await db().membership.count({ where: { userId: user.id } })).toBe(0);
  });
});
