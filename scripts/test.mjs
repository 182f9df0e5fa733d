// npm test: the whole suite, in order — typecheck, lint, format, Vitest (PGlite and, when
// reachable, PostgreSQL), then Playwright against a production build. Ends with one line
// "Tests: N passed, N failed" summing both runners.
import { spawnSync } from "node:child_process";
import { mkdtempSync, readFileSync, rmSync } from "node:fs";
import os from "node:os";
import path from "node:path";

const reports = mkdtempSync(path.join(os.tmpdir(), "arbiter-test-"));
const vitestJson = path.join(reports, "vitest.json");
const playwrightJson = path.join(reports, "playwright.json");

function run(label, command, args, env = {}) {
  console.log(`\n▶ ${label}`);
  const started = Date.now();
  const result = spawnSync(command, args, { stdio: "inherit", env: { ...process.env, ...env } });
  console.log(
    `◀ ${label}: ${result.status === 0 ? "ok" : "FAILED"} in ${((Date.now() - started) / 1000).toFixed(1)} s`,
  );
  return result.status === 0;
}

const npx = (args) => ["npx", ["--no-install", ...args]];
const steps = [
  ["typecheck", ...npx(["tsc", "--noEmit"])],
  ["lint", ...npx(["eslint", ".", "--max-warnings", "0"])],
  ["format", ...npx(["prettier", "--check", "."])],
];
let ok = true;
for (const [label, command, args] of steps) ok = run(label, command, args) && ok;

ok =
  run(
    "unit + integration (Vitest)",
    ...npx(["vitest", "run", "--reporter=default", "--reporter=json", `--outputFile.json=${vitestJson}`]),
  ) && ok;
ok =
  run("end-to-end (Playwright, Chromium)", ...npx(["playwright", "test"]), {
    PLAYWRIGHT_JSON_OUTPUT_NAME: playwrightJson,
    PLAYWRIGHT_REPORTERS: "list,json",
  }) && ok;

let passed = 0;
let failed = 0;
try {
  const v = JSON.parse(readFileSync(vitestJson, "utf8"));
  passed += v.numPassedTests;
  failed += v.numFailedTests;
} catch {
  failed += 1;
  console.error("no Vitest report was written");
}
try {
  const p = JSON.parse(readFileSync(playwrightJson, "utf8"));
  passed += p.stats.expected;
  failed += p.stats.unexpected + p.stats.flaky;
} catch {
  failed += 1;
  console.error("no Playwright report was written");
}
rmSync(reports, { recursive: true, force: true });
if (!ok && failed === 0) failed = 1; // a static check failed
console.log(`\nTests: ${passed} passed, ${failed} failed`);
process.exit(ok && failed === 0 ? 0 : 1);
