// The bare-Node floor, run as its own process: what a plain `http.createServer` costs on this
// machine, driven by the same drivers at the same load as the real server.
//   GET  /floor         a trivial JSON answer
//   GET  /floor/db      the same after one database round trip (SELECT 1): a pg pool on
//                       PostgreSQL, or an in-process in-memory PGlite, as the real server has
//   POST /floor/ingest  reads the whole body, answers an empty OTLP export response
// Prints "listening" once it accepts requests.
import http from "node:http";
import { parseArgs } from "node:util";
import pg from "pg";
import { PGlite } from "@electric-sql/pglite";

const { values } = parseArgs({
  options: {
    port: { type: "string" },
    pglite: { type: "boolean", default: false },
    postgres: { type: "string" },
  },
});

let roundTrip: (() => Promise<unknown>) | null = null;
if (values.postgres) {
  const pool = new pg.Pool({ connectionString: values.postgres, max: 10 });
  roundTrip = () => pool.query("SELECT 1 AS one");
} else if (values.pglite) {
  const lite = await PGlite.create();
  roundTrip = () => lite.query("SELECT 1 AS one");
}
if (roundTrip) await roundTrip();

const json = (res: http.ServerResponse, status: number, body: string) => {
  res.writeHead(status, { "content-type": "application/json", "content-length": Buffer.byteLength(body) });
  res.end(body);
};

const server = http.createServer((req, res) => {
  const url = req.url ?? "/";
  if (req.method === "GET" && url === "/floor") return json(res, 200, '{"status":"ok"}');
  if (req.method === "GET" && url === "/floor/db") {
    if (!roundTrip) return json(res, 404, '{"error":"no database"}');
    roundTrip().then(
      () => json(res, 200, '{"status":"ok"}'),
      () => json(res, 503, '{"status":"degraded"}'),
    );
    return;
  }
  if (req.method === "POST" && url === "/floor/ingest") {
    let bytes = 0;
    req.on("data", (chunk: Buffer) => (bytes += chunk.length));
    req.on("end", () => {
      // An empty ExportTraceServiceResponse is zero bytes of protobuf.
      res.writeHead(200, { "content-type": "application/x-protobuf", "content-length": 0 });
      res.end();
    });
    return;
  }
  json(res, 404, '{"error":"not found"}');
});
server.keepAliveTimeout = 65_000;
server.listen(Number(values.port), () => console.log("listening"));
for (const signal of ["SIGINT", "SIGTERM"] as const) process.on(signal, () => process.exit(0));
