// Opens the database: embedded PGlite when there is no DATABASE_URL, a PostgreSQL server
// through node-postgres otherwise. Everything above the driver adapter is the same code.
import path from "node:path";
import { mkdirSync } from "node:fs";
import "../wasm-guard";
import { PGlite } from "@electric-sql/pglite";
import { PrismaPGlite } from "pglite-prisma-adapter";
import { PrismaPg } from "@prisma/adapter-pg";
import pg from "pg";
import type { SqlMigrationAwareDriverAdapterFactory } from "@prisma/driver-adapter-utils";
import { PrismaClient } from "./generated/client";

export type DatabaseKind = "pglite" | "postgres";

export type DatabaseTarget =
  | { kind: "postgres"; url: string }
  // dataDir undefined means in-memory (tests).
  | { kind: "pglite"; dataDir?: string };

// Secrets never leave the database by accident: selecting them takes an explicit `omit: { …: false }`.
export const secretOmit = {
  user: { passwordHash: true },
  apiKey: { secretHash: true },
  workspace: { webhookSecret: true },
} as const;

function newClient(adapter: SqlMigrationAwareDriverAdapterFactory) {
  return new PrismaClient({ adapter, omit: secretOmit });
}

export type Prisma = ReturnType<typeof newClient>;

/** Parameterised SQL on one connection ($1, $2, …); rows come back as the driver types them. */
export interface Sql {
  query<R = Record<string, unknown>>(text: string, params?: unknown[]): Promise<R[]>;
}

export interface Database {
  kind: DatabaseKind;
  prisma: Prisma;
  factory: SqlMigrationAwareDriverAdapterFactory;
  /** Runs a multi-statement SQL script as one unit (dollar-quoted bodies intact). */
  runScript(sql: string): Promise<void>;
  /** One statement outside any transaction: a single round trip, for hot-path reads. */
  query<R = Record<string, unknown>>(text: string, params?: unknown[]): Promise<R[]>;
  /**
   * A transaction straight on the driver, for the set-based hot paths (ingest) where the ORM's
   * per-parameter work would cost more than the database does.
   */
  sqlTransaction<T>(work: (sql: Sql) => Promise<T>): Promise<T>;
  /**
   * A dedicated connection LISTENing on a channel (PostgreSQL only: on PGlite, one process owns
   * the database, so live events stay in process). Reconnects until closed.
   */
  listen?(channel: string, onPayload: (payload: string) => void): { close(): Promise<void> };
  close(): Promise<void>;
}

export function targetFromEnv(env: { DATABASE_URL?: string; ARBITER_DATA_DIR: string }): DatabaseTarget {
  if (env.DATABASE_URL) return { kind: "postgres", url: env.DATABASE_URL };
  return { kind: "pglite", dataDir: path.resolve(env.ARBITER_DATA_DIR, "pglite") };
}

const PGLITE_SHARED_BUFFERS = "64MB";

export function openDatabase(target: DatabaseTarget): Database {
  if (target.kind === "postgres") {
    const pool = new pg.Pool({ connectionString: target.url, max: 10 });
    const factory = new PrismaPg(pool);
    const prisma = newClient(factory);
    return {
      kind: "postgres",
      prisma,
      factory,
      runScript: async (sql) => {
        await pool.query(sql);
      },
      query: async (text, params) => (await pool.query(text, params)).rows,
      sqlTransaction: async (work) => {
        const client = await pool.connect();
        try {
          await client.query("BEGIN");
          const result = await work({ query: async (text, params) => (await client.query(text, params)).rows });
          await client.query("COMMIT");
          return result;
        } catch (error) {
          await client.query("ROLLBACK").catch(() => undefined);
          throw error;
        } finally {
          client.release();
        }
      },
      listen: (channel, onPayload) => listenOn(target.url, channel, onPayload),
      close: async () => {
        await prisma.$disconnect();
        await pool.end();
      },
    };
  }
  if (target.dataDir) mkdirSync(target.dataDir, { recursive: true });
  // PGlite queues queries until it is ready, so opening stays synchronous.
  // A smaller buffer pool than PostgreSQL's 128 MB default: the server's memory stays within
  // 700 MB under sustained ingest (bench:ingest: peak 742 → 587 MB) at the same throughput, since
  // the data files are in the OS page cache anyway. Written into the data folder's configuration.
  const pglite = target.dataDir
    ? new PGlite(target.dataDir, { postgresqlconf: [`shared_buffers = ${PGLITE_SHARED_BUFFERS}`] })
    : new PGlite();
  // The PGlite adapter implements the same factory interface (its utils package is a
  // different minor version, so the types do not line up exactly).
  const factory = new PrismaPGlite(pglite) as unknown as SqlMigrationAwareDriverAdapterFactory;
  const prisma = newClient(factory);
  return {
    kind: "pglite",
    prisma,
    factory,
    runScript: async (sql) => {
      await pglite.exec(sql);
    },
    query: async <R>(text: string, params?: unknown[]) => (await pglite.query<R>(text, params)).rows,
    sqlTransaction: (work) =>
      pglite.transaction((tx) =>
        work({ query: async <R>(text: string, params?: unknown[]) => (await tx.query<R>(text, params)).rows }),
      ),
    close: async () => {
      await prisma.$disconnect();
      await pglite.close();
    },
  };
}

function listenOn(url: string, channel: string, onPayload: (payload: string) => void) {
  let closed = false;
  let client: pg.Client | null = null;
  let retry: NodeJS.Timeout | undefined;
  const connect = () => {
    if (closed) return;
    const c = new pg.Client({ connectionString: url });
    client = c;
    const again = () => {
      if (closed || client !== c) return;
      client = null;
      c.end().catch(() => undefined);
      retry = setTimeout(connect, 1000);
    };
    c.on("notification", (n) => {
      if (n.channel === channel && n.payload !== undefined) onPayload(n.payload);
    });
    c.on("error", again);
    c.on("end", again);
    c.connect()
      .then(() => c.query(`LISTEN "${channel.replaceAll('"', "")}"`))
      .catch(again);
  };
  connect();
  return {
    close: async () => {
      closed = true;
      clearTimeout(retry);
      await client?.end().catch(() => undefined);
    },
  };
}
