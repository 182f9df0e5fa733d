// What the benchmarks share: the PostgreSQL they may use, the production server they start on a
// throwaway database, the bare-Node floor servers, load drivers run as their own processes, and
// the memory of a process tree.
import { spawn, execFileSync, type ChildProcess } from "node:child_process";
import { readdirSync, readFileSync } from "node:fs";
import net from "node:net";
import path from "node:path";
import pg from "pg";
import { exchange } from "./http";
import { generateSigningKeyText } from "../lib/audit/signing-key";

export const serverUrl = process.env.TEST_DATABASE_URL ?? "postgresql://postgres@127.0.0.1:5432/test";
export const log = (...args: unknown[]) => console.error("[bench]", ...args);
// One key for every server a benchmark starts (several instances on one database share it).
const BENCH_SIGNING_KEY = generateSigningKeyText();

export function reachable(url: string): Promise<boolean> {
  const u = new URL(url);
  return new Promise((resolve) => {
    const socket = net.connect({ host: u.hostname, port: Number(u.port || 5432), timeout: 1500 });
    socket.once("connect", () => (socket.destroy(), resolve(true)));
    socket.once("error", () => resolve(false));
    socket.once("timeout", () => (socket.destroy(), resolve(false)));
  });
}

/** The databases a benchmark runs on: PGlite, and PostgreSQL when it answers; `only` picks one. */
export async function benchTargets(only: string | undefined): Promise<("pglite" | "postgres")[]> {
  if (only !== undefined && only !== "pglite" && only !== "postgres") throw new Error("--only is pglite or postgres");
  const targets: ("pglite" | "postgres")[] = [];
  if (!only || only === "pglite") targets.push("pglite");
  if (!only || only === "postgres") {
    if (await reachable(serverUrl)) targets.push("postgres");
    else log(`PostgreSQL not reachable at ${new URL(serverUrl).host}; skipping it`);
  }
  return targets;
}

/**
 * Runs `one` on each database `--only` allows, on consecutive ports. One database's failure (a
 * server stopped from outside, say) is logged and listed, and leaves the other's figures.
 */
export async function forEachTarget<R>(
  only: string | undefined,
  firstPort: number,
  one: (kind: "pglite" | "postgres", port: number) => Promise<R>,
): Promise<{ results: R[]; failed: { database: string; error: string }[] }> {
  const results: R[] = [];
  const failed: { database: string; error: string }[] = [];
  let port = firstPort;
  for (const kind of await benchTargets(only)) {
    try {
      results.push(await one(kind, port++));
    } catch (error) {
      log(`${kind}: the benchmark failed:`, error);
      failed.push({ database: kind, error: error instanceof Error ? error.message : String(error) });
    }
  }
  return { results, failed };
}

async function admin(sql: string[]) {
  const client = new pg.Client({ connectionString: serverUrl });
  await client.connect();
  for (const statement of sql) await client.query(statement);
  await client.end();
}

/** A fresh database on the PostgreSQL server; its URL. */
export async function createPgDatabase(name: string): Promise<string> {
  await admin([`DROP DATABASE IF EXISTS "${name}" WITH (FORCE)`, `CREATE DATABASE "${name}"`]);
  const u = new URL(serverUrl);
  u.pathname = `/${name}`;
  return u.toString();
}

export async function dropPgDatabase(name: string) {
  await admin([`DROP DATABASE IF EXISTS "${name}" WITH (FORCE)`]);
}

export interface RunningServer {
  url: string;
  process: ChildProcess;
  /** When the server had said it was ready and /api/health answered 200 (performance.now()). */
  readyAt: number;
  /** Seconds from spawning to ready. */
  startSeconds: number;
  /** Throws if the server has exited (say, stopped from outside), naming what it was doing. */
  assertRunning(during: string): void;
  /** Stops the server (or says it had already exited). */
  stop(): Promise<void>;
}

/** Ends a process this harness started, and forcefully (with its descendants) after `graceMs`. */
async function stopProcess(child: ChildProcess, graceMs = 20_000) {
  if (child.exitCode !== null || child.signalCode !== null) return;
  const exited = new Promise((r) => child.once("exit", r));
  const tree = processTree(child.pid!);
  child.kill("SIGTERM");
  const timer = setTimeout(() => {
    for (const pid of tree) {
      try {
        process.kill(pid, "SIGKILL");
      } catch {
        // already gone
      }
    }
  }, graceMs);
  await exited;
  clearTimeout(timer);
}

/**
 * `npm start`'s script (builds first if the sources changed) on `port` with `env`, resolved once
 * the server has printed "Ready in" (on stdout or stderr; Next.js and a custom server in front
 * of it both do) and /api/health answers 200. Refuses a port something already answers on.
 */
export async function startServer({
  port,
  env,
}: {
  port: number;
  env: Record<string, string>;
}): Promise<RunningServer> {
  const url = `http://localhost:${port}`;
  if (await isHealthy(url)) throw new Error(`something already answers on ${url}; stop it or pass another port`);
  const spawned = performance.now();
  const server = spawn(process.execPath, ["scripts/start.mjs"], {
    env: {
      ...process.env,
      PORT: String(port),
      NEXTAUTH_SECRET: "bench-secret-0123456789abcdef",
      ARBITER_SIGNING_KEY: BENCH_SIGNING_KEY,
      ...env,
    },
    stdio: ["ignore", "pipe", "pipe"],
  });
  // stdout is read (and dropped) to the end; stderr is passed on.
  const said = new Promise<void>((resolve, reject) => {
    let tail = "";
    const deadline = setTimeout(() => reject(new Error("the server did not say it was ready")), 600_000);
    const scan = (chunk: Buffer) => {
      tail = (tail + chunk.toString()).slice(-400);
      if (/Ready in/.test(tail)) {
        clearTimeout(deadline);
        resolve();
      }
    };
    server.stdout!.on("data", scan);
    server.stderr!.on("data", (chunk: Buffer) => {
      process.stderr.write(chunk);
      scan(chunk);
    });
    server.once("exit", () => {
      clearTimeout(deadline);
      reject(new Error("the server exited during start"));
    });
  });
  const stop = async () => {
    if (server.exitCode !== null || server.signalCode !== null) {
      log(`the server on :${port} had exited (${server.exitCode ?? server.signalCode})`);
      return;
    }
    await stopProcess(server);
  };
  try {
    await said;
    const deadline = performance.now() + 60_000;
    while (!(await isHealthy(url))) {
      if (performance.now() > deadline)
        throw new Error("the server says it is ready but /api/health does not answer 200");
      await new Promise((r) => setTimeout(r, 25));
    }
  } catch (error) {
    await stop();
    throw error;
  }
  const readyAt = performance.now();
  const assertRunning = (during: string) => {
    if (server.exitCode === null && server.signalCode === null) return;
    throw new Error(
      `the server on :${port} exited (${server.exitCode ?? server.signalCode}) during ${during}; nothing here stops it then, so it was stopped from outside or crashed; the figures of this run are void`,
    );
  };
  return { url, process: server, readyAt, startSeconds: (readyAt - spawned) / 1000, assertRunning, stop };
}

function isHealthy(url: string): Promise<boolean> {
  return exchange(`${url}/api/health`, {}, 5_000).then(
    (r) => r.status === 200,
    () => false,
  );
}

export interface FloorServer {
  url: string;
  process: ChildProcess;
  stop(): Promise<void>;
}

/**
 * The bare-Node floor (bench/floor-server.ts) in its own process: `GET /floor` answers a trivial
 * JSON, `GET /floor/db` after one database round trip, `POST /floor/ingest` reads the body and
 * answers an empty OTLP export response.
 */
export async function startFloor({
  port,
  database,
}: {
  port: number;
  database?: { kind: "pglite" } | { kind: "postgres"; url: string };
}): Promise<FloorServer> {
  const args = ["--import", "tsx", "bench/floor-server.ts", "--port", String(port)];
  if (database?.kind === "pglite") args.push("--pglite");
  if (database?.kind === "postgres") args.push("--postgres", database.url);
  const floor = spawn(process.execPath, args, { stdio: ["ignore", "pipe", "inherit"] });
  await new Promise<void>((resolve, reject) => {
    let out = "";
    floor.stdout!.on("data", (chunk: Buffer) => {
      out += chunk.toString();
      if (out.includes("listening")) resolve();
    });
    floor.once("exit", (code) => reject(new Error(`the floor server exited during start (${code})`)));
  });
  return { url: `http://localhost:${port}`, process: floor, stop: () => stopProcess(floor, 5_000) };
}

export interface Driver<T> {
  /** Tells a driver started with `wait-go` to begin. */
  go(): void;
  /** Tells a driver started with `wait-go` not to begin (it exits). */
  cancel(): void;
  result: Promise<T>;
}

/** Starts a load driver (a TypeScript file) as its own process; its last stdout line is JSON. */
export function spawnDriver<T>(script: string, args: Record<string, string | number | boolean>): Driver<T> {
  const argv = Object.entries(args).flatMap(([k, v]) =>
    v === true ? [`--${k}`] : v === false ? [] : [`--${k}`, String(v)],
  );
  const driver = spawn(process.execPath, ["--import", "tsx", script, ...argv], {
    stdio: ["pipe", "pipe", "inherit"],
  });
  let out = "";
  driver.stdout!.on("data", (d) => (out += d));
  const result = new Promise<T>((resolve, reject) => {
    driver.on("exit", (code) => {
      if (code !== 0) return reject(new Error(`${script} exited with ${code}`));
      try {
        resolve(JSON.parse(out.trim().split("\n").at(-1)!) as T);
      } catch (error) {
        reject(error instanceof Error ? error : new Error(String(error)));
      }
    });
  });
  return { go: () => driver.stdin!.end("go\n"), cancel: () => driver.stdin!.end(), result };
}

/** Runs a load driver to its end. */
export function runDriver<T>(script: string, args: Record<string, string | number | boolean>): Promise<T> {
  return spawnDriver<T>(script, args).result;
}

/** Resolves when this driver process is told to begin (see spawnDriver's go). */
export function waitForGo(): Promise<void> {
  return new Promise((resolve) => {
    let input = "";
    let went = false;
    process.stdin.on("data", (d) => {
      input += d;
      if (!went && input.includes("go")) {
        went = true;
        resolve();
      }
    });
    // Ended without "go": the benchmark gave up (its server did not start).
    process.stdin.on("end", () => {
      if (!went) process.exit(2);
    });
  });
}

/** A process and all its descendants. */
export function processTree(pid: number): number[] {
  try {
    const children = execFileSync("pgrep", ["-P", String(pid)], { encoding: "utf8" })
      .trim()
      .split("\n")
      .filter(Boolean)
      .map(Number);
    return [pid, ...children.flatMap((c) => processTree(c))];
  } catch {
    return [pid];
  }
}

/** A short name: the script a node process runs, or its title (next-server sets one). */
function processName(pid: number): string {
  try {
    const argv = readFileSync(`/proc/${pid}/cmdline`, "utf8").split("\0").filter(Boolean);
    const script = argv.find((a) => /\.(ts|mjs|js)$/.test(a) && !a.includes("node_modules"));
    return script ? path.basename(script) : (argv[0] ?? String(pid)).split(" ")[0]!;
  } catch {
    return String(pid);
  }
}

function statusKb(pid: number, field: "VmHWM" | "VmRSS"): number {
  try {
    const m = new RegExp(`${field}:\\s+(\\d+) kB`).exec(readFileSync(`/proc/${pid}/status`, "utf8"));
    return m ? Number(m[1]) : 0;
  } catch {
    return 0; // gone
  }
}

/**
 * Samples a process tree's resident memory until stopped (every `everyMs`): the peak of the
 * tree's summed RSS, and each process's peak RSS during the watch beside its lifetime peak
 * (VmHWM, which includes what it used at boot, before the watch). The tree is looked up again
 * every few seconds only, to keep the sampling's own CPU out of the figures.
 */
export function watchMemory(pid: number, everyMs = 250) {
  let peakTotalKb = 0;
  const peakKb = new Map<number, number>();
  let tree = processTree(pid);
  let treeAt = performance.now();
  const sample = () => {
    if (performance.now() - treeAt > 5_000) {
      tree = processTree(pid);
      treeAt = performance.now();
    }
    let total = 0;
    for (const p of tree) {
      const kb = statusKb(p, "VmRSS");
      total += kb;
      peakKb.set(p, Math.max(peakKb.get(p) ?? 0, kb));
    }
    peakTotalKb = Math.max(peakTotalKb, total);
  };
  sample();
  const timer = setInterval(sample, everyMs);
  return {
    stop() {
      clearInterval(timer);
      tree = processTree(pid);
      sample();
      const byProcess = tree.map((p) => ({
        name: processName(p),
        peakMb: (peakKb.get(p) ?? 0) / 1024,
        lifetimePeakMb: statusKb(p, "VmHWM") / 1024,
      }));
      return { peakTotalMb: peakTotalKb / 1024, byProcess };
    },
  };
}

/** CPU seconds a process tree has used so far (utime + stime of each process). */
function cpuSeconds(pids: number[]): number {
  let ticks = 0;
  for (const pid of pids) {
    try {
      // The fields after the command name (which may hold spaces) start at the state, field 3.
      const fields = readFileSync(`/proc/${pid}/stat`, "utf8").split(") ")[1]!.split(" ");
      ticks += Number(fields[11]) + Number(fields[12]);
    } catch {
      // gone
    }
  }
  return ticks / 100; // USER_HZ
}

/**
 * Waits until a server has worked off what an earlier phase left it (requests its clients gave up
 * on are still served): its processes use under `busy` of a core for a whole second. Gives up
 * after `maxSeconds`; returns the seconds waited.
 */
export async function waitUntilIdle(pid: number, { busy = 0.15, maxSeconds = 120 } = {}): Promise<number> {
  const started = performance.now();
  const tree = processTree(pid);
  let before = cpuSeconds(tree);
  while ((performance.now() - started) / 1000 < maxSeconds) {
    await new Promise((r) => setTimeout(r, 1000));
    const now = cpuSeconds(tree);
    if (now - before < busy) break;
    before = now;
  }
  return (performance.now() - started) / 1000;
}

function machineBusyTicks(): number {
  const [, ...ticks] = readFileSync("/proc/stat", "utf8").split("\n")[0]!.trim().split(/\s+/).map(Number);
  const [user, nice, system, idle, iowait, irq, softirq, steal] = ticks as number[];
  void idle;
  void iowait;
  return user! + nice! + system! + irq! + softirq! + steal!;
}

function ownTicks(): number {
  // utime, stime, cutime, cstime: this process and every child it has reaped (servers, drivers).
  const fields = readFileSync("/proc/self/stat", "utf8").split(") ")[1]!.split(" ");
  return Number(fields[11]) + Number(fields[12]) + Number(fields[13]) + Number(fields[14]);
}

/** The PostgreSQL server's process (the postmaster), if one runs here. */
function postmaster(): number | null {
  for (const entry of readdirSync("/proc")) {
    if (!/^\d+$/.test(entry)) continue;
    try {
      const argv = readFileSync(`/proc/${entry}/cmdline`, "utf8").split("\0");
      if (/\/postgres$/.test(argv[0] ?? "") && argv.includes("-D")) return Number(entry);
    } catch {
      // gone
    }
  }
  return null;
}

/** CPU ticks of the PostgreSQL server: the postmaster, the backends it has reaped, the live ones. */
function postgresTicks(pid: number | null): number {
  if (pid === null) return 0;
  try {
    const fields = readFileSync(`/proc/${pid}/stat`, "utf8").split(") ")[1]!.split(" ");
    const reaped = Number(fields[11]) + Number(fields[12]) + Number(fields[13]) + Number(fields[14]);
    return reaped + cpuSeconds(processTree(pid).slice(1)) * 100;
  } catch {
    return 0;
  }
}

/**
 * How busy the machine was with other work while the benchmark ran: call at the start, and
 * `stop()` once every process the benchmark started has ended. In cores, averaged: this
 * benchmark's processes, the PostgreSQL server (the benchmark's queries, and anyone else's), the rest.
 */
export function watchMachine() {
  const started = performance.now();
  const pgPid = postmaster();
  const busy0 = machineBusyTicks();
  const own0 = ownTicks();
  const pg0 = postgresTicks(pgPid);
  return {
    stop() {
      const seconds = (performance.now() - started) / 1000;
      const busy = (machineBusyTicks() - busy0) / 100;
      const own = (ownTicks() - own0) / 100;
      const postgres = (postgresTicks(pgPid) - pg0) / 100;
      return {
        seconds,
        busyCores: busy / seconds,
        ownCores: own / seconds,
        postgresCores: postgres / seconds,
        otherCores: Math.max(0, busy - own - postgres) / seconds,
      };
    },
  };
}
