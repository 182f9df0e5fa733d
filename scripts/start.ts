// `npm start`'s preparation, run by the supervisor (scripts/start.mjs) before it starts the
// server: validate the configuration, take the embedded data folder for the supervisor, migrate,
// bootstrap (first admin, demo data, headless init), build if the build is missing or stale, then
// write the plan — the server's environment — to the file after --plan and exit. It is short-lived,
// so neither this TypeScript toolchain nor the embedded database's memory stays beside the server.
// `--dev` plans the development server instead of the production build.
import path from "node:path";
import { spawnSync } from "node:child_process";
import { existsSync, readFileSync, writeFileSync, mkdirSync, statSync, readdirSync } from "node:fs";
import { randomBytes } from "node:crypto";
import { createRequire } from "node:module";
import { parseEnv, EnvError, type Env } from "../lib/env";
import { targetFromEnv } from "../lib/db/connect";
import { lockDataDir, DataDirBusy } from "../lib/db/lock";
import { dataDirSigningKey, readSigningKey } from "../lib/audit/signing-key";

const dev = process.argv.includes("--dev");
const planAt = process.argv.indexOf("--plan");
const planFile = planAt === -1 ? undefined : process.argv[planAt + 1];
const supervisor = Number(process.env.ARBITER_SUPERVISOR_PID);
const root = process.cwd();

function fail(message: string): never {
  console.error(`\n[arbiter] ${message}\n`);
  process.exit(1);
}

if (!planFile || !Number.isInteger(supervisor)) fail("Start Arbiter with `npm start` (scripts/start.mjs).");

let env: Env;
try {
  env = parseEnv();
} catch (error) {
  if (error instanceof EnvError) fail(error.message);
  throw error;
}

const dataDir = path.resolve(env.ARBITER_DATA_DIR);
const target = targetFromEnv(env);

function authSecret(): string {
  if (env.NEXTAUTH_SECRET) return env.NEXTAUTH_SECRET;
  if (env.DATABASE_URL) fail("NEXTAUTH_SECRET is required when DATABASE_URL is set.");
  const file = path.join(dataDir, "nextauth-secret");
  if (existsSync(file)) return readFileSync(file, "utf8").trim();
  mkdirSync(dataDir, { recursive: true });
  const secret = randomBytes(32).toString("base64url");
  writeFileSync(file, secret, { mode: 0o600 });
  return secret;
}

/** The key that signs audit checkpoints: ARBITER_SIGNING_KEY, else one kept in the data folder. */
function auditSigningKey(): string {
  const text = env.ARBITER_SIGNING_KEY ?? (env.DATABASE_URL ? null : dataDirSigningKey(dataDir));
  if (!text) {
    fail(
      "ARBITER_SIGNING_KEY is required when DATABASE_URL is set (every instance signs audit checkpoints with it); `npm run audit:keygen` prints one.",
    );
  }
  try {
    readSigningKey(text);
  } catch {
    fail(
      "ARBITER_SIGNING_KEY is not an Ed25519 private key (PKCS#8 PEM, or DER in base64); `npm run audit:keygen` prints one.",
    );
  }
  return text;
}

const secret = authSecret();
const signingKeyText = auditSigningKey();
if (target.kind === "pglite") {
  try {
    // Held by the supervisor for the server's life; it releases the folder when the server exits.
    lockDataDir(dataDir, supervisor);
  } catch (error) {
    if (error instanceof DataDirBusy) fail(error.message);
    throw error;
  }
}
await prepareDatabase();

/** Opens the database, migrates it and bootstraps it (first admin, demo data, headless init). */
async function prepareDatabase() {
  const { openDatabase } = await import("../lib/db/connect");
  const { installDatabase } = await import("../lib/db");
  const { migrateDatabase } = await import("../lib/db/migrate");
  const { runBootstrap } = await import("../lib/bootstrap");
  const database = openDatabase(target);
  installDatabase(database);
  console.log(
    `[arbiter] database: ${target.kind === "pglite" ? `embedded PGlite in ${target.dataDir}` : "PostgreSQL"}`,
  );
  try {
    const applied = await migrateDatabase({ database });
    if (applied.length) console.log(`[arbiter] applied migrations: ${applied.join(", ")}`);

    const report = await runBootstrap({ env });
    if (report.seededDemo) {
      console.log(
        `[arbiter] seeded the demo organisation (customer-support, procurement, research) with ${report.demoTraces} simulated agent runs over 30 days and ${report.demoDecisions} decisions`,
      );
    }
    if (report.createdDefaultWorkspace) console.log('[arbiter] created the workspace "default"');
    if (report.initialised)
      console.log(`[arbiter] initialised workspace "${env.ARBITER_INIT_WORKSPACE}" and its API key`);
    const printed = report.credentials;
    if (printed.length) {
      console.log("\n[arbiter] Sign-in credentials (shown once; store them now):");
      for (const c of printed) console.log(`  ${c.role.padEnd(9)} ${c.email.padEnd(28)} ${c.password}`);
      console.log("");
    }
  } catch (error) {
    await database.close();
    if (error instanceof Error && /ARBITER_INIT_/.test(error.message)) fail(error.message);
    throw error;
  }
  await database.close();
}

const require = createRequire(path.join(root, "package.json"));
const nextBin = require.resolve("next/dist/bin/next");
const childEnv = {
  ...process.env,
  NEXT_TELEMETRY_DISABLED: "1",
  NEXTAUTH_SECRET: secret,
  ARBITER_SIGNING_KEY: signingKeyText,
  NEXTAUTH_URL: env.NEXTAUTH_URL ?? `http://localhost:${env.PORT}`,
  ARBITER_DATA_DIR: dataDir,
};

if (!dev && buildIsStale()) {
  console.log("[arbiter] building the dashboard (first start, or the sources changed)…");
  const build = spawnSync(process.execPath, [nextBin, "build"], { stdio: "inherit", env: childEnv });
  if (build.status !== 0) fail("next build failed.");
}

// The server runs without the react-server condition this script needs: Next.js loads its own.
writeFileSync(
  planFile,
  JSON.stringify({
    server: path.join(root, "scripts", "server.mjs"),
    args: dev ? ["--dev"] : [],
    env: { ...childEnv, PORT: String(env.PORT), NODE_ENV: dev ? "development" : "production" },
    dataDir: target.kind === "pglite" ? dataDir : null,
  }),
  { mode: 0o600 },
);
process.exit(0);

/** The production build is stale when any source is newer than it. */
function buildIsStale(): boolean {
  const buildId = path.join(root, ".next", "BUILD_ID");
  if (!existsSync(buildId)) return true;
  const built = statSync(buildId).mtimeMs;
  const sources = [
    "app",
    "components",
    "lib",
    "public",
    "prisma/schema.prisma",
    "next.config.ts",
    "package-lock.json",
    "postcss.config.mjs",
  ];
  return sources.some((entry) => newestMtime(path.join(root, entry)) > built);
}

function newestMtime(entry: string): number {
  if (!existsSync(entry)) return 0;
  const stat = statSync(entry);
  if (!stat.isDirectory()) return stat.mtimeMs;
  let newest = stat.mtimeMs;
  for (const child of readdirSync(entry)) newest = Math.max(newest, newestMtime(path.join(entry, child)));
  return newest;
}
