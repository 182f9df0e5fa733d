// npm start (and npm run dev): the supervisor. Plain Node with nothing but its built-ins, because it
// lives as long as the server: it runs the preparation (scripts/start.ts, under tsx: configuration,
// migrations, bootstrap, build), then starts the server (scripts/server.mjs) with the environment
// the preparation planned, passes signals on, and gives back the embedded data folder when the
// server exits.
import { spawn, spawnSync } from "node:child_process";
import { mkdtempSync, readFileSync, rmSync } from "node:fs";
import os from "node:os";
import path from "node:path";

const root = process.cwd();
const scratch = mkdtempSync(path.join(os.tmpdir(), "arbiter-start-"));
const planFile = path.join(scratch, "plan.json");
const prepared = spawnSync(
  process.execPath,
  [
    "--import",
    "tsx",
    "--conditions=react-server",
    path.join(root, "scripts", "start.ts"),
    "--plan",
    planFile,
    ...process.argv.slice(2),
  ],
  { stdio: "inherit", env: { ...process.env, ARBITER_SUPERVISOR_PID: String(process.pid) } },
);
let plan = null;
try {
  if (prepared.status === 0) plan = JSON.parse(readFileSync(planFile, "utf8"));
} finally {
  rmSync(scratch, { recursive: true, force: true });
}

/** Gives the embedded data folder back (start.ts wrote this process's pid into it). */
function release(dataDir) {
  if (!dataDir) return;
  const file = path.join(dataDir, "owner.pid");
  try {
    if (readFileSync(file, "utf8") === String(process.pid)) rmSync(file);
  } catch {
    // already gone
  }
}

if (!plan) {
  release(process.env.ARBITER_DATA_DIR ? path.resolve(process.env.ARBITER_DATA_DIR) : path.resolve(".data"));
  process.exit(prepared.status ?? 1);
}

const server = spawn(process.execPath, [plan.server, ...plan.args], { stdio: "inherit", env: plan.env });
for (const signal of ["SIGINT", "SIGTERM"]) process.on(signal, () => server.kill(signal));
server.on("exit", (code, signal) => {
  release(plan.dataDir);
  process.exit(code ?? (signal ? 1 : 0));
});
