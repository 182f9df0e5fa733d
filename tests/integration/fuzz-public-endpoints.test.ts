import { describe, expect, it } from "vitest";
import { z } from "zod";
import { GET as listAgentsRoute } from "../../app/api/v1/agents/route";
import { runWorkspaceAction } from "../../lib/http/server-action";
import { signInWithPassword } from "../../lib/auth/sign-in";
import { addMember, addMemberSchema } from "../../lib/members";
import { createKey, createMember, createWorkspace } from "../factories";
import { seededRandom } from "../../lib/simulator/scenarios";

// A seeded generator, so a failure replays exactly.
const prng = seededRandom;

function randomString(rand: () => number, max: number): string {
  const length = Math.floor(rand() * max);
  let out = "";
  for (let i = 0; i < length; i++) out += String.fromCharCode(32 + Math.floor(rand() * 95));
  return out;
}

function mutate(rand: () => number, valid: string): string {
  const chars = [...valid];
  const edits = 1 + Math.floor(rand() * 4);
  for (let i = 0; i < edits; i++) {
    const at = Math.floor(rand() * (chars.length + 1));
    const op = rand();
    if (op < 0.33) chars.splice(at, 1);
    else if (op < 0.66) chars.splice(at, 0, String.fromCharCode(32 + Math.floor(rand() * 95)));
    else chars[at] = String.fromCharCode(32 + Math.floor(rand() * 95));
  }
  return chars.join("");
}

describe("fuzzing the public endpoints", () => {
  it("GET /api/v1/agents answers 401/403 to 1,000 mutated credentials, never a 5xx", async () => {
    const ws = await createWorkspace();
    const { key, secret } = await createKey({ workspaceId: ws.id, scopes: ["ingest"] });
    const valid = [`Bearer ${secret}`, `Basic ${Buffer.from(`${key.publicKey}:${secret}`).toString("base64")}`];
    const rand = prng(20261122);
    const statuses = new Map<number, number>();
    for (let i = 0; i < 1000; i++) {
      const header =
        i % 3 === 0 ? randomString(rand, 300) : mutate(rand, valid[i % 2]!) + (i % 50 === 0 ? "x".repeat(8000) : "");
      let request: Request;
      try {
        request = new Request("http://arbiter.test/api/v1/agents", { headers: { authorization: header } });
      } catch {
        continue; // not a header a client could send
      }
      const response = await listAgentsRoute(request, { params: Promise.resolve({}) });
      statuses.set(response.status, (statuses.get(response.status) ?? 0) + 1);
      expect(response.status, header).toBeLessThan(500);
      const body = (await response.json()) as { error?: { code: string } };
      if (response.status >= 400) expect(body.error?.code).toMatch(/^[a-z_]+$/);
    }
    expect([...statuses.keys()].every((s) => s === 401 || s === 403)).toBe(true);
  });

  it("server actions answer garbage input with a clear error, never an internal one", async () => {
    const ws = await createWorkspace();
    const { user } = await createMember({ workspaceId: ws.id, role: "ADMIN" });
    const rand = prng(7);
    const shapes = [
      () => null,
      () => randomString(rand, 50),
      () => 42,
      () => [],
      () => ({ workspace: ws.slug }),
      () => ({ workspace: ws.slug, email: randomString(rand, 40), role: randomString(rand, 10) }),
      () => ({ workspace: randomString(rand, 120), email: "a@b.test", role: "VIEWER" }),
      () => ({
        workspace: ws.slug,
        email: `${randomString(rand, 10)}@x.test`,
        role: "ADMIN",
        name: randomString(rand, 300),
      }),
    ];
    const config = {
      input: z.object({ workspace: z.string() }).extend(addMemberSchema.shape),
      permission: "members:manage" as const,
    };
    for (let i = 0; i < 120; i++) {
      const raw = shapes[i % shapes.length]!();
      const result = await runWorkspaceAction({
        user,
        raw,
        config,
        handler: (input, access) => addMember({ workspaceId: access.workspace.id, input, actor: access.actor }),
      });
      if (!result.ok) expect(result.error.code, JSON.stringify(raw)).not.toBe("internal_error");
    }
  });

  it("sign-in survives odd emails and passwords", async () => {
    const rand = prng(99);
    for (let i = 0; i < 24; i++) {
      const result = await signInWithPassword({
        email: randomString(rand, 400),
        password: randomString(rand, 200),
        ip: `fuzz-${i % 3}`,
      });
      expect(result.ok).toBe(false);
    }
  });
});
