// The process-wide database. PGlite is single-connection and owned by one process, so the
// server opens it once; the handle lives on globalThis so hot reload does not open it twice.
import { env } from "../env";
import { openDatabase, targetFromEnv, type Database } from "./connect";

export type { Prisma, Database, DatabaseKind } from "./connect";
export { Prisma as PrismaNS } from "./generated/client";

const holder = globalThis as { __arbiterDb?: Database };

/** Installs an already-open database (start script, tests). */
export function installDatabase(database: Database): void {
  holder.__arbiterDb = database;
}

export function database(): Database {
  holder.__arbiterDb ??= openDatabase(targetFromEnv(env()));
  return holder.__arbiterDb;
}

export function db() {
  return database().prisma;
}

/** The transaction client type, for functions that take part in a caller's transaction. */
export type Tx = Parameters<Parameters<ReturnType<typeof db>["$transaction"]>[0]>[0];
