// PGlite is owned by one process. The process that opens an embedded data folder leaves its
// pid there; another process (a CLI script, a second server) refuses politely while it lives.
import path from "node:path";
import { readFileSync, rmSync, writeFileSync, mkdirSync } from "node:fs";

export class DataDirBusy extends Error {}

function alive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === "EPERM";
  }
}

/** Takes the data folder for `owner` (this process unless said: `npm start`'s supervisor). */
export function lockDataDir(dataDir: string, owner: number = process.pid): () => void {
  mkdirSync(dataDir, { recursive: true });
  const file = path.join(dataDir, "owner.pid");
  let holder: number | null = null;
  try {
    holder = Number.parseInt(readFileSync(file, "utf8"), 10);
  } catch {
    holder = null;
  }
  if (holder && holder !== owner && alive(holder)) {
    throw new DataDirBusy(
      `The embedded database in ${dataDir} is in use by another Arbiter process (pid ${holder}). ` +
        `Stop it first, or go through the HTTP API.`,
    );
  }
  writeFileSync(file, String(owner));
  return () => {
    try {
      if (readFileSync(file, "utf8") === String(owner)) rmSync(file);
    } catch {
      // already gone
    }
  };
}
