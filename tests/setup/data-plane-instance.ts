// Another server instance on the same PostgreSQL database: the data plane alone, in its own
// process (its own caches), on a free port it prints as "port <n>". Tests start it with
// `node --import tsx --conditions=react-server tests/setup/data-plane-instance.ts` and DATABASE_URL.
import http from "node:http";
import type { AddressInfo } from "node:net";
import { openDatabase } from "../../lib/db/connect";
import { installDatabase } from "../../lib/db";
import { dataPlaneRoute, warmDataPlane } from "../../lib/http/data-plane";

installDatabase(openDatabase({ kind: "postgres", url: process.env.DATABASE_URL! }));
await warmDataPlane();
const server = http.createServer(async (req, res) => {
  const serve = dataPlaneRoute(req);
  if (!serve || !(await serve(req, res))) res.writeHead(404).end();
});
server.listen(0, "127.0.0.1", () => console.log(`port ${(server.address() as AddressInfo).port}`));
process.on("SIGTERM", () => process.exit(0));
