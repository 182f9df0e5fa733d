// The production server: one Node HTTP server on one port. Agents' hot routes (decisions, ingest,
// approval waits) are answered by the data plane straight from this server; every other request
// (pages, server actions, the read API, sign-in) goes to Next.js's request handler.
// Started by scripts/start.mjs (`npm start`); `--dev` runs Next.js in development mode (no data
// plane: Next.js's own route handlers answer, from the same route definitions).
import http from "node:http";
import next from "next";

const dev = process.argv.includes("--dev");
const port = Number(process.env.PORT ?? 3000);
const started = performance.now();

const app = next({ dev, dir: process.cwd(), hostname: "localhost", port });
const handle = app.getRequestHandler();
await app.prepare();

function fail(res, error) {
  console.error("[arbiter] unexpected error", error);
  if (res.headersSent) return res.destroy();
  res.writeHead(500, { "content-type": "application/json" });
  res.end(JSON.stringify({ error: { code: "internal_error", message: "Something went wrong on our side." } }));
}

// Installed by instrumentation.ts, which Next.js runs when it handles its first request.
let plane;

/** Whether a request's path is not valid percent-encoding (a stray "%"), which Next.js answers 500. */
function undecodable(url) {
  if (!url.includes("%")) return false;
  const q = url.indexOf("?");
  try {
    decodeURIComponent(q === -1 ? url : url.slice(0, q));
    return false;
  } catch {
    return true;
  }
}

const server = http.createServer((req, res) => {
  // No page or API route has such a path: it is not found, not a failure.
  if (undecodable(req.url ?? "/")) {
    if (!req.url.startsWith("/api/")) req.url = "/_not-found";
    else {
      res.writeHead(404, { "content-type": "application/json" });
      res.end(
        JSON.stringify({
          error: { code: "not_found", message: "No such path: the URL is not valid percent-encoding." },
        }),
      );
      return;
    }
  }
  const serve = plane?.route(req);
  if (!serve) return void handle(req, res).catch((error) => fail(res, error));
  serve(req, res).then(
    (answered) => answered || handle(req, res),
    (error) => fail(res, error),
  );
});
server.keepAliveTimeout = 65_000;

await new Promise((resolve) => server.listen(port, resolve));
// Next.js runs instrumentation (background jobs, the data plane) on its first request: make it
// now, then warm the data plane before saying the server is ready.
await fetch(`http://127.0.0.1:${port}/api/health`).catch(() => undefined);
if (!dev) {
  plane = globalThis.__arbiterDataPlane;
  if (!plane) console.warn("[arbiter] the data plane is not installed: Next.js answers every route");
  else {
    const warm = await plane.warm();
    console.log(
      `[arbiter] data plane warm in ${warm.ms} ms: policies of ${warm.workspaces} workspace(s) compiled, ${warm.agents} agent(s) in memory, ${warm.rehearsed.decisions} decision(s) rehearsed (${warm.rehearsed.writes} with their write; nothing kept)`,
    );
  }
}
console.log(`[arbiter] listening on http://localhost:${port}`);
console.log(` ✓ Ready in ${Math.round(performance.now() - started)}ms`);

for (const signal of ["SIGINT", "SIGTERM"]) {
  process.once(signal, () => {
    server.close(() => process.exit(0));
    server.closeIdleConnections();
    setTimeout(() => process.exit(0), 5_000).unref();
  });
}
