// npm run lock:complete — the registry this project is built against serves only some
// platforms' native binaries (Next's SWC, Tailwind's oxide, …), so `npm install` leaves the
// other platforms' optional packages out of package-lock.json and `npm ci` then refuses the
// lock as out of sync. This adds those entries, with the os/cpu their names state, so every
// platform skips the ones that are not its own and installs its own by name and version.
import { readFileSync, writeFileSync } from "node:fs";

const OS = ["darwin", "linux", "win32", "freebsd", "android", "openbsd", "netbsd", "sunos", "aix", "openharmony"];
const CPU = ["arm64", "x64", "arm", "ia32", "loong64", "ppc64", "riscv64", "s390x", "mips64el", "wasm32"];

const file = new URL("../package-lock.json", import.meta.url);
const lock = JSON.parse(readFileSync(file, "utf8"));
const packages = lock.packages;
let added = 0;

for (const [location, entry] of Object.entries(packages)) {
  for (const [name, range] of Object.entries(entry.optionalDependencies ?? {})) {
    // Resolve as Node would: next to the dependent first, then at the top.
    const nested = `${location ? `${location}/` : ""}node_modules/${name}`;
    const top = `node_modules/${name}`;
    if (packages[nested] || packages[top]) continue;
    const tokens = name.split("/").pop().split("-");
    const os = OS.filter((t) => tokens.includes(t));
    const cpu = CPU.filter((t) => tokens.includes(t));
    if (os.length === 0 && cpu.length === 0) {
      console.warn(`lock:complete: ${name} names no platform; left out`);
      continue;
    }
    const version = /^\d+\.\d+\.\d+(-[\w.]+)?$/.test(range) ? range : null;
    if (!version) {
      console.warn(`lock:complete: ${name}@${range} is not an exact version; left out`);
      continue;
    }
    packages[top] = { version, optional: true, ...(cpu.length ? { cpu } : {}), ...(os.length ? { os } : {}) };
    added++;
  }
}

const sorted = Object.fromEntries(
  Object.entries(packages).sort(([a], [b]) => (a === "" ? -1 : b === "" ? 1 : a.localeCompare(b))),
);
lock.packages = sorted;
writeFileSync(file, `${JSON.stringify(lock, null, 2)}\n`);
console.log(`lock:complete: added ${added} platform package entr${added === 1 ? "y" : "ies"}`);
