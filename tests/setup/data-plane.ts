// The data plane on a real local port, as the production server runs it in front of Next.js:
// requests it does not take (a signed-in person's) go to the same route's Next.js handler, as
// Next.js would answer them. Tests send Web Requests and get the server's answers.
import http from "node:http";
import type { AddressInfo } from "node:net";
import { afterAll } from "vitest";
import { dataPlaneRoute, machineRouteFor } from "../../lib/http/data-plane";

let running: Promise<{ url: string; server: http.Server }> | null = null;

async function toWebRequest(req: http.IncomingMessage): Promise<Request> {
  const chunks: Buffer[] = [];
  for await (const chunk of req) chunks.push(chunk as Buffer);
  const headers = new Headers();
  for (const [k, v] of Object.entries(req.headers)) if (typeof v === "string") headers.set(k, v);
  return new Request(`http://127.0.0.1${req.url}`, {
    method: req.method,
    headers,
    body: req.method === "GET" || req.method === "HEAD" ? undefined : Buffer.concat(chunks),
  });
}

function start() {
  running ??= new Promise((resolve) => {
    const server = http.createServer(async (req, res) => {
      const serve = dataPlaneRoute(req);
      if (serve && (await serve(req, res))) return;
      const path = (req.url ?? "/").split("?")[0]!;
      const hit = machineRouteFor(req.method ?? "GET", path);
      if (!hit) {
        res.writeHead(404, { "content-type": "application/json" });
        return void res.end(JSON.stringify({ error: { code: "not_found", message: "No such route." } }));
      }
      const response = await hit.route.next(await toWebRequest(req), { params: Promise.resolve(hit.params as never) });
      res.writeHead(response.status, Object.fromEntries(response.headers.entries()));
      res.end(Buffer.from(await response.arrayBuffer()));
    });
    server.listen(0, "127.0.0.1", () =>
      resolve({ url: `http://127.0.0.1:${(server.address() as AddressInfo).port}`, server }),
    );
  });
  return running;
}

afterAll(async () => {
  if (!running) return;
  const { server } = await running;
  running = null;
  server.closeAllConnections();
  await new Promise((resolve) => server.close(resolve));
});

/** The data plane's URL (started on first use). */
export async function dataPlaneUrl(): Promise<string> {
  return (await start()).url;
}

/**
 * Sends a Web Request (any origin; its path and query count) to the data plane over HTTP, in the
 * shape of a route handler so tests can swap one for the other.
 */
export async function viaDataPlane(request: Request, _context?: unknown): Promise<Response> {
  const { url } = await start();
  const target = new URL(request.url);
  const body = request.method === "GET" || request.method === "HEAD" ? undefined : await request.arrayBuffer();
  return fetch(`${url}${target.pathname}${target.search}`, {
    method: request.method,
    headers: request.headers,
    body,
    signal: request.signal,
  });
}
