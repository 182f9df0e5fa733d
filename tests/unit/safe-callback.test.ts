import { describe, expect, it } from "vitest";
import { safeCallback, signInUrl } from "../../lib/http/safe-callback";

describe("sign-in callback", () => {
  it("keeps a same-origin path with its query", () => {
    expect(safeCallback("/customer-support/decisions")).toBe("/customer-support/decisions");
    expect(safeCallback("/customer-support/traces?status=error&q=a%20b")).toBe(
      "/customer-support/traces?status=error&q=a%20b",
    );
    expect(safeCallback("/")).toBe("/");
  });

  it.each([
    ["another origin", "https://evil.example/x"],
    ["a protocol-relative URL", "//evil.example/x"],
    ["a backslash read as a slash", "/\\evil.example"],
    ["leading backslashes", "\\\\evil.example"],
    ["a script URL", "javascript:alert(1)"],
    ["a relative path", "customer-support"],
    ["a tab browsers strip", "/\t/evil.example"],
    ["a newline browsers strip", "/\n/evil.example"],
    ["an empty string", ""],
  ])("falls back to / for %s", (_, value) => {
    expect(safeCallback(value)).toBe("/");
  });

  it("falls back to / for a missing or repeated parameter", () => {
    expect(safeCallback(undefined)).toBe("/");
    expect(safeCallback(["/a", "/b"])).toBe("/");
  });

  it("builds the sign-in URL that comes back to the page", () => {
    expect(signInUrl("/customer-support/traces?status=error")).toBe(
      "/sign-in?callbackUrl=%2Fcustomer-support%2Ftraces%3Fstatus%3Derror",
    );
    expect(signInUrl("/")).toBe("/sign-in");
    expect(signInUrl(null)).toBe("/sign-in");
    expect(signInUrl("//evil.example")).toBe("/sign-in");
  });
});
