// `npm run simulate` as people run it: against a server, with a key. It says where it sends and
// what, and a key it cannot use ends it with one clear line (no stack trace, no raw bytes).
import { spawn } from "node:child_process";
import net, { type AddressInfo } from "node:net";
import { describe, expect, it } from "vitest";
import { db } from "../../lib/db";
import { systemActor } from "../../lib/audit";
import { revokeApiKey } from "../../lib/api-keys";
import { createKey, createWorkspace } from "../factories";
import { dataPlaneUrl } from "../setup/data-plane";

function simulate(args: string[]): Promise<{ code: number | null; stdout: string; stderr: string }> {
  return new Promise((resolve) => {
    const child = spawn(process.execPath, ["--import", "tsx", "scripts/simulate.ts", ...args], {
      env: { ...process.env, NODE_OPTIONS: "" },
    });
    let stdout = "";
    let stderr = "";
    child.stdout.on("data", (c: Buffer) => (stdout += c.toString()));
    child.stderr.on("data", (c: Buffer) => (stderr += c.toString()));
    child.on("close", (code) => resolve({ code, stdout, stderr }));
  });
}

describe("npm run simulate", () => {
  it("says which scenarios it sends into the key's workspace, and sends only those", async () => {
    const ws = await createWorkspace();
    const { secret } = await createKey({ workspaceId: ws.id, scopes: ["ingest"] });
    const url = await dataPlaneUrl();
    const all = await simulate(["--url", url, "--key", secret, "--traces", "3", "--rate", "0", "--seed", "7"]);
    expect(all.code, all.stderr).toBe(0);
    expect(all.stdout).toContain(`sending procurement, support-refunds, research-swarm into workspace "${ws.slug}"`);
    expect(all.stdout).toContain("it has no scenario of its own");

    const other = await createWorkspace();
    const second = await createKey({ workspaceId: other.id, scopes: ["ingest"] });
    const one = await simulate([
      "--url",
      url,
      "--key",
      second.secret,
      "--traces",
      "2",
      "--rate",
      "0",
      "--scenario",
      "procurement",
    ]);
    expect(one.code, one.stderr).toBe(0);
    expect(one.stdout).toContain(`sending procurement into workspace "${other.slug}"`);
    const traces = await db().trace.findMany({ where: { workspaceId: other.id }, select: { agentNames: true } });
    expect(traces).toHaveLength(2);
    // Only the procurement scenario's agents arrived in that workspace.
    const agents = await db().agent.findMany({ where: { workspaceId: other.id }, select: { externalId: true } });
    expect(agents.length).toBeGreaterThan(0);
    const procurement = ["procurement-planner", "purchaser", "vendor-checker"];
    expect(agents.map((a) => a.externalId).filter((id) => !procurement.includes(id))).toEqual([]);
  });

  it("ends with one line for a revoked key, a key without the ingest scope and a server it cannot reach", async () => {
    const ws = await createWorkspace();
    const { key, secret } = await createKey({ workspaceId: ws.id, scopes: ["ingest"] });
    await revokeApiKey({ workspaceId: ws.id, keyId: key.id, actor: systemActor });
    const url = await dataPlaneUrl();
    const revoked = await simulate(["--url", url, "--key", secret, "--traces", "1"]);
    expect(revoked.code).toBe(2);
    expect(revoked.stderr.trim()).toBe("simulate: the server refused this key (401): This API key has been revoked.");
    expect(revoked.stdout).toBe("");

    const reader = await createKey({ workspaceId: ws.id, scopes: ["read"] });
    const unscoped = await simulate(["--url", url, "--key", reader.secret, "--traces", "1"]);
    expect(unscoped.code).toBe(2);
    expect(unscoped.stderr.trim()).toBe('simulate: this key lacks the "ingest" scope (it has: read)');

    // A port nothing listens on: taken, then given back.
    const closed = await new Promise<number>((resolve) => {
      const probe = net.createServer().listen(0, "127.0.0.1", () => {
        const { port } = probe.address() as AddressInfo;
        probe.close(() => resolve(port));
      });
    });
    const away = await simulate(["--url", `http://127.0.0.1:${closed}`, "--key", secret, "--traces", "1"]);
    expect(away.code).toBe(2);
    expect(away.stderr.trim()).toBe(`simulate: cannot reach http://127.0.0.1:${closed} (ECONNREFUSED)`);
  });
});
