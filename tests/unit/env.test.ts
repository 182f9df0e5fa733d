import { describe, expect, it } from "vitest";
import { demoEnabled, EnvError, parseEnv } from "../../lib/env";

describe("environment", () => {
  it("defaults to the embedded database in ./.data with the demo on", () => {
    const env = parseEnv({});
    expect(env.ARBITER_DATA_DIR).toBe("./.data");
    expect(env.DATABASE_URL).toBeUndefined();
    expect(demoEnabled(env)).toBe(true);
  });

  it("turns the demo off with a server unless ARBITER_DEMO=1", () => {
    expect(demoEnabled(parseEnv({ DATABASE_URL: "postgresql://x@h/db" }))).toBe(false);
    expect(demoEnabled(parseEnv({ DATABASE_URL: "postgresql://x@h/db", ARBITER_DEMO: "1" }))).toBe(true);
    expect(demoEnabled(parseEnv({ ARBITER_DEMO: "0" }))).toBe(false);
  });

  it("names the variable that is wrong", () => {
    expect(() => parseEnv({ DATABASE_URL: "mysql://x" })).toThrow(/DATABASE_URL/);
    expect(() => parseEnv({ ARBITER_ADMIN_PASSWORD: "short" })).toThrow(/ARBITER_ADMIN_PASSWORD/);
    expect(() => parseEnv({ ARBITER_INIT_WORKSPACE: "ops" })).toThrow(EnvError);
    expect(() => parseEnv({ OIDC_ISSUER: "https://id.example.com" })).toThrow(/OIDC_ISSUER/);
  });

  it("treats empty strings as unset", () => {
    expect(parseEnv({ DATABASE_URL: "" }).DATABASE_URL).toBeUndefined();
  });
});
