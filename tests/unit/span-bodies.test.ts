import { describe, expect, it } from "vitest";
import { readsSpanBodies, withoutBodies } from "../../lib/traces/span-bodies";
import { ROLES } from "../../lib/auth/permissions";

describe("who reads span bodies", () => {
  it("is every reader by default, and engineers, admins, auditors and keys when kept to the few", () => {
    for (const role of ROLES) expect(readsSpanBodies("READERS", { kind: "session", role })).toBe(true);
    const few = ROLES.filter((role) => readsSpanBodies("PRIVILEGED", { kind: "session", role }));
    expect(few.sort()).toEqual(["ADMIN", "AUDITOR", "ENGINEER"]);
    expect(readsSpanBodies("PRIVILEGED", { kind: "api_key", role: null })).toBe(true);
  });

  it("hides input, output, events and attributes that carry bodies, and keeps the rest", () => {
    const span = {
      name: "chat gpt-4o",
      inputTokens: 10,
      input: [{ role: "user", content: "refund order 4242" }],
      output: "ok",
      events: [{ name: "gen_ai.choice", attributes: { message: "x" } }],
      attributes: {
        "gen_ai.request.model": "gpt-4o",
        "llm.input_messages.0.message.content": "refund order 4242",
        "tool.arguments": "{}",
        "http.status_code": 200,
      },
    };
    expect(withoutBodies(span)).toEqual({
      name: "chat gpt-4o",
      inputTokens: 10,
      input: null,
      output: null,
      events: [],
      attributes: { "gen_ai.request.model": "gpt-4o", "http.status_code": 200 },
      bodiesHidden: true,
    });
  });
});
