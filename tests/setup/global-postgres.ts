// Creates one throwaway PostgreSQL database for this test run, migrates it, drops it after.
import pg from "pg";
import type { TestProject } from "vitest/node";
import { openDatabase } from "../../lib/db/connect";
import { migrateDatabase } from "../../lib/db/migrate";

export const serverUrl = process.env.TEST_DATABASE_URL ?? "postgresql://postgres@127.0.0.1:5432/test";

function withDatabase(url: string, name: string): string {
  const u = new URL(url);
  u.pathname = `/${name}`;
  return u.toString();
}

export default async function setup(project: TestProject) {
  const name = `arbiter_test_${process.pid}_${Date.now().toString(36)}`;
  const admin = new pg.Client({ connectionString: serverUrl });
  await admin.connect();
  await admin.query(`CREATE DATABASE "${name}"`);
  await admin.end();
  const url = withDatabase(serverUrl, name);
  const database = openDatabase({ kind: "postgres", url });
  await migrateDatabase({ database });
  await database.close();
  project.provide("databaseUrl", url);
  return async () => {
    const cleanup = new pg.Client({ connectionString: serverUrl });
    await cleanup.connect();
    await cleanup.query(`DROP DATABASE IF EXISTS "${name}" WITH (FORCE)`);
    await cleanup.end();
  };
}

declare module "vitest" {
  export interface ProvidedContext {
    databaseUrl: string;
  }
}
