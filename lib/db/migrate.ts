// Migrations through Prisma's WASM schema engine, so they run offline against PGlite and
// PostgreSQL alike. The folder layout is Prisma's own, so `prisma migrate deploy` also works.
import path from "node:path";
import { createRequire } from "node:module";
import { pathToFileURL } from "node:url";
import { existsSync } from "node:fs";
import { mkdir, readdir, readFile, writeFile } from "node:fs/promises";
import { bindMigrationAwareSqlAdapterFactory } from "@prisma/driver-adapter-utils";
import type { SqlDriverAdapter, SqlMigrationAwareDriverAdapterFactory } from "@prisma/driver-adapter-utils";
import type { Database } from "./connect";
import type { MigrationList, SchemaEngine } from "@prisma/schema-engine-wasm";

export const projectRoot = process.cwd();
export const schemaPath = path.join(projectRoot, "prisma", "schema.prisma");
export const migrationsDir = path.join(projectRoot, "prisma", "migrations");

const noFilter = { externalTables: [], externalEnums: [] };

type EngineModule = typeof import("@prisma/schema-engine-wasm");

let enginePromise: Promise<EngineModule> | undefined;

// Node's ESM loader does not import .wasm, so instantiate the module by hand.
function loadEngineModule(): Promise<EngineModule> {
  enginePromise ??= (async () => {
    const require = createRequire(path.join(projectRoot, "package.json"));
    const bgPath = require.resolve("@prisma/schema-engine-wasm/schema_engine_bg");
    const bg = await import(pathToFileURL(bgPath).href);
    const bytes = await readFile(path.join(path.dirname(bgPath), "schema_engine_bg.wasm"));
    const { instance } = await WebAssembly.instantiate(bytes, { "./schema_engine_bg.js": bg });
    bg.__wbg_set_wasm(instance.exports);
    (instance.exports as { __wbindgen_start: () => void }).__wbindgen_start();
    return bg as EngineModule;
  })();
  return enginePromise;
}

// The pg adapter splits scripts on every ";", which breaks dollar-quoted function bodies
// (the audit trigger); run each migration script whole instead.
function wholeScripts(database: Database): SqlMigrationAwareDriverAdapterFactory {
  const { factory } = database;
  const wrap = (adapter: SqlDriverAdapter): SqlDriverAdapter =>
    new Proxy(adapter, {
      get(target, prop, receiver) {
        if (prop === "executeScript") return (script: string) => database.runScript(script);
        const value = Reflect.get(target, prop, receiver);
        return typeof value === "function" ? value.bind(target) : value;
      },
    });
  return {
    provider: factory.provider,
    adapterName: factory.adapterName,
    connect: async () => wrap(await factory.connect()),
    connectToShadowDb: async () => await factory.connectToShadowDb(),
  };
}

async function withEngine<T>(
  database: Database,
  run: (engine: SchemaEngine, schema: string) => Promise<T>,
): Promise<T> {
  const { SchemaEngine } = await loadEngineModule();
  const schema = await readFile(schemaPath, "utf8");
  const adapter = bindMigrationAwareSqlAdapterFactory(wholeScripts(database));
  const log = () => {};
  const engine = await SchemaEngine.new({ datamodels: [["schema.prisma", schema]] }, log, adapter);
  try {
    return await run(engine, schema);
  } finally {
    engine.free();
  }
}

export async function readMigrations(dir = migrationsDir): Promise<MigrationList> {
  const names = existsSync(dir)
    ? (await readdir(dir, { withFileTypes: true })).filter((d) => d.isDirectory()).map((d) => d.name)
    : [];
  names.sort();
  const lockPath = path.join(dir, "migration_lock.toml");
  return {
    baseDir: dir,
    lockfile: {
      path: "migration_lock.toml",
      content: existsSync(lockPath) ? await readFile(lockPath, "utf8") : null,
    },
    shadowDbInitScript: "",
    migrationDirectories: await Promise.all(
      names.map(async (name) => ({
        path: name,
        migrationFile: {
          path: "migration.sql",
          content: { tag: "ok" as const, value: await readFile(path.join(dir, name, "migration.sql"), "utf8") },
        },
      })),
    ),
  };
}

/** Applies pending migrations; returns the names of those applied now. */
export async function migrateDatabase({ database }: { database: Database }): Promise<string[]> {
  const migrationsList = await readMigrations();
  return withEngine(database, async (engine) => {
    const { appliedMigrationNames } = await engine.applyMigrations({ migrationsList, filters: noFilter });
    return appliedMigrationNames;
  });
}

/**
 * Writes prisma/migrations/<timestamp>_<name>/migration.sql with the SQL that takes the
 * committed migrations to the current schema. Returns its path, or null when nothing changed.
 */
export async function createMigration({
  database,
  name,
}: {
  database: Database;
  name: string;
}): Promise<string | null> {
  const migrationsList = await readMigrations();
  const sql = await withEngine(database, async (engine, schema) => {
    const from =
      migrationsList.migrationDirectories.length === 0
        ? ({ tag: "empty" } as const)
        : ({ tag: "migrations", ...migrationsList } as const);
    const result = await engine.diff({
      from,
      to: { tag: "schemaDatamodel", files: [{ path: "schema.prisma", content: schema }] },
      script: true,
      exitCode: null,
      filters: noFilter,
    });
    return result.stdout ?? "";
  });
  if (!sql.trim() || /^-- This is an empty migration/.test(sql.trim())) return null;
  const stamp = new Date().toISOString().replace(/\D/g, "").slice(0, 14);
  const slug =
    name
      .toLowerCase()
      .replace(/[^a-z0-9]+/g, "_")
      .replace(/^_|_$/g, "") || "migration";
  const dir = path.join(migrationsDir, `${stamp}_${slug}`);
  await mkdir(dir, { recursive: true });
  const file = path.join(dir, "migration.sql");
  await writeFile(file, sql);
  const lock = path.join(migrationsDir, "migration_lock.toml");
  if (!existsSync(lock)) {
    await writeFile(
      lock,
      '# Please do not edit this file manually\n# It should be added in your version-control system (e.g., Git)\nprovider = "postgresql"\n',
    );
  }
  return file;
}
