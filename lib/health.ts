import "server-only";
import { database } from "./db";
import packageJson from "../package.json" with { type: "json" };

export async function health(): Promise<{
  status: "ok" | "degraded";
  database: "pglite" | "postgres";
  version: string;
}> {
  const db = database();
  let status: "ok" | "degraded" = "ok";
  try {
    await db.prisma.$queryRaw`SELECT 1`;
  } catch (error) {
    console.error("[arbiter] health check: database unreachable", error);
    status = "degraded";
  }
  return { status, database: db.kind, version: packageJson.version };
}
