import { defineConfig } from "vitest/config";
import net from "node:net";
import path from "node:path";

// Integration tests run twice: on in-memory PGlite and on the PostgreSQL server when one is
// reachable (TEST_DATABASE_URL, default postgresql://postgres@127.0.0.1:5432/test).
const serverUrl = new URL(process.env.TEST_DATABASE_URL ?? "postgresql://postgres@127.0.0.1:5432/test");

function reachable(host: string, port: number): Promise<boolean> {
  return new Promise((resolve) => {
    const socket = net.connect({ host, port, timeout: 1500 });
    socket.once("connect", () => (socket.destroy(), resolve(true)));
    socket.once("error", () => resolve(false));
    socket.once("timeout", () => (socket.destroy(), resolve(false)));
  });
}

export default defineConfig(async () => {
  const postgres = await reachable(serverUrl.hostname, Number(serverUrl.port || 5432));
  if (!postgres) {
    if (process.env.CI)
      throw new Error(`PostgreSQL is not reachable at ${serverUrl.host}; CI must test both databases.`);
    console.warn(`[vitest] PostgreSQL not reachable at ${serverUrl.host}: running the PGlite project only`);
  }
  const shared = {
    resolve: { alias: { "server-only": path.resolve("tests/setup/empty.ts"), "@": path.resolve(".") } },
  };
  return {
    test: {
      projects: [
        // A 2-core machine under load runs the Cedar fuzz tests for several seconds.
        { ...shared, test: { name: "unit", include: ["tests/unit/**/*.test.ts"], testTimeout: 20_000 } },
        {
          ...shared,
          test: {
            name: "pglite",
            include: ["tests/integration/**/*.test.ts"],
            setupFiles: ["tests/setup/database.ts"],
            env: { TEST_DB: "pglite" },
            testTimeout: 30_000,
            hookTimeout: 60_000,
          },
        },
        ...(postgres
          ? [
              {
                ...shared,
                test: {
                  name: "postgres",
                  include: ["tests/integration/**/*.test.ts"],
                  setupFiles: ["tests/setup/database.ts"],
                  globalSetup: ["tests/setup/global-postgres.ts"],
                  env: { TEST_DB: "postgres" },
                  testTimeout: 30_000,
                  hookTimeout: 60_000,
                },
              },
            ]
          : []),
      ],
    },
  };
});
