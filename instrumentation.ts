// Runs once when a Next.js server process starts: the background jobs live in the server process
// (on embedded PGlite it owns the database), and the data plane is installed for the custom server
// in front of Next.js to answer agents' hot routes (scripts/server.mjs).
export async function register() {
  if (process.env.NEXT_RUNTIME !== "nodejs" || process.env.NEXT_PHASE === "phase-production-build") return;
  const { startBackgroundJobs } = await import("./lib/jobs/background-jobs");
  const { installDataPlane } = await import("./lib/http/data-plane");
  startBackgroundJobs();
  installDataPlane();
}
