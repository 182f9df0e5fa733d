import { defineConfig } from "prisma/config";

// The CLI is only used for `prisma generate` (and `prisma migrate deploy` on machines that
// have the native engine); migrations here run through scripts/db-migrate.ts (WASM engine).
export default defineConfig({
  schema: "prisma/schema.prisma",
  migrations: { path: "prisma/migrations" },
  ...(process.env.DATABASE_URL ? { datasource: { url: process.env.DATABASE_URL } } : {}),
});
