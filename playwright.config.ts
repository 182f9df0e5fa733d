import { defineConfig, devices } from "@playwright/test";
import { existsSync, mkdtempSync } from "node:fs";
import os from "node:os";
import path from "node:path";

// End-to-end tests drive real Chromium against the production build (`npm start`: next build
// + next start) on a throwaway embedded database. Workers inherit this env from the runner.
process.env.ARBITER_E2E_DATA_DIR ??= mkdtempSync(path.join(os.tmpdir(), "arbiter-e2e-"));

export const E2E = {
  port: 3210,
  baseURL: "http://localhost:3210",
  admin: { email: "admin@e2e.test", password: "e2e admin password" },
  init: { workspace: "platform", publicKey: "pk-arb-e2e-init", secret: "sk-arb-e2e-init-secret-0123456789" },
};

// Debian's Chromium when present (no browser downloads here); Playwright's own elsewhere.
const systemChromium = "/usr/bin/chromium";
const launchOptions = existsSync(systemChromium)
  ? {
      executablePath: systemChromium,
      args: [
        "--no-sandbox",
        "--disable-gpu",
        "--disable-background-networking",
        "--disable-component-update",
        "--disable-sync",
      ],
    }
  : {};

export default defineConfig({
  testDir: "e2e",
  fullyParallel: false,
  workers: 1,
  retries: 0,
  forbidOnly: !!process.env.CI,
  reporter: process.env.PLAYWRIGHT_REPORTERS === "list,json" ? [["list"], ["json"]] : [["list"]],
  globalTeardown: "./e2e/global-teardown.ts",
  timeout: 60_000,
  expect: { timeout: 10_000 },
  use: {
    baseURL: E2E.baseURL,
    trace: "retain-on-failure",
    screenshot: "only-on-failure",
    launchOptions,
  },
  projects: [{ name: "chromium", use: { ...devices["Desktop Chrome"], launchOptions } }],
  webServer: {
    command: "npm start",
    url: `${E2E.baseURL}/api/health`,
    timeout: 240_000,
    reuseExistingServer: false,
    stdout: "pipe",
    stderr: "pipe",
    env: {
      PORT: String(E2E.port),
      ARBITER_DATA_DIR: process.env.ARBITER_E2E_DATA_DIR,
      ARBITER_DEMO: "0",
      ARBITER_ADMIN_EMAIL: E2E.admin.email,
      ARBITER_ADMIN_PASSWORD: E2E.admin.password,
      ARBITER_INIT_WORKSPACE: E2E.init.workspace,
      ARBITER_INIT_PUBLIC_KEY: E2E.init.publicKey,
      ARBITER_INIT_SECRET_KEY: E2E.init.secret,
      NEXTAUTH_URL: E2E.baseURL,
      DATABASE_URL: "",
      // Checkpoints within seconds, so the audit pages show the one that signs an event.
      ARBITER_CHECKPOINT_EVERY_MINUTES: "0.05",
    },
  },
});
