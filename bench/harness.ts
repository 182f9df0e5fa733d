// What the benchmarks share: the PostgreSQL they may use, the production server they start on a
// throwaway database, and load drivers run as their own processes.
import { spawn, type ChildProcess } from "node:child_process";
import net from "node:net";
import pg from "pg";

export const serverUrl = process.env.TEST_DATABASE_URL ?? "postgresql://postgres@127.0.0.1:5432/test";
export const log = (...args: unknown[]) => console.error("[bench]", ...args);

export function reachable(url: string): Promise<boolean> {
  const u = new URL(url);
  return new Promise((resolve) => {
    const socket = net.connect({ host: u.hostname, port: Number(u.port || 5432), timeout: 1500 });
    socket.once("connect", () => (socket.destroy(), resolve(true)));
    socket.once("error", () => resolve(false));
    socket.once("timeout", () => (socket.destroy(), resolve(false)));
  });
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
  /** Stops the server (or says it had already exited). */
  stop(): Promise<void>;
}

/**
 * `npm start`'s script (builds first if the sources changed) on `port` with `env`, resolved once
 * Next.js says it is ready and /api/health answers. Refuses a port something already answers on.
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
  const server = spawn(process.execPath, ["--import", "tsx", "--conditions=react-server", "scripts/start.ts"], {
    env: { ...process.env, PORT: String(port), NEXTAUTH_SECRET: "bench-secret-0123456789abcdef", ...env },
    stdio: ["ignore", "pipe", "inherit"],
  });
  // Next.js prints "Ready in …" once it listens; the output is read (and dropped) to the end.
  const ready = new Promise<void>((resolve, reject) => {
    let tail = "";
    const deadline = setTimeout(() => reject(new Error("the server did not become ready")), 300_000);
    server.stdout!.on("data", (chunk: Buffer) => {
      tail = (tail + chunk.toString()).slice(-200);
      if (/Ready in/.test(tail)) {
        clearTimeout(deadline);
        resolve();
      }
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
    server.kill("SIGTERM");
    await new Promise((r) => server.once("exit", r));
  };
  try {
    await ready;
    if (!(await isHealthy(url))) throw new Error("the server says it is ready but /api/health does not answer");
  } catch (error) {
    await stop();
    throw error;
  }
  return { url, process: server, stop };
}

function isHealthy(url: string): Promise<boolean> {
  return fetch(`${url}/api/health`).then(
    (r) => r.ok,
    () => false,
  );
}

/** Runs a load driver (a TypeScript file) as its own process; its last stdout line is JSON. */
export function runDriver<T>(script: string, args: Record<string, string | number>): Promise<T> {
  return new Promise<T>((resolve, reject) => {
    const driver = spawn(
      process.execPath,
      ["--import", "tsx", script, ...Object.entries(args).flatMap(([k, v]) => [`--${k}`, String(v)])],
      { stdio: ["ignore", "pipe", "inherit"] },
    );
    let out = "";
    driver.stdout.on("data", (d) => (out += d));
    driver.on("exit", (code) => {
      if (code !== 0) return reject(new Error(`${script} exited with ${code}`));
      resolve(JSON.parse(out.trim().split("\n").at(-1)!) as T);
    });
  });
}
