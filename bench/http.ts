// One HTTP exchange for the load drivers: node:http over a bounded pool of keep-alive connections
// (as a fleet of agents behind connection pools talks to the server), with a deadline that
// always settles. Requests beyond the pool wait in it, and open-loop latency still counts that
// wait. fetch was used before: it opens a new connection for every request in flight, so an
// overloaded server also drowned in connection attempts (connect timeouts, resets), and under
// overload a fetch was seen never to settle.
import http from "node:http";

export interface Exchange {
  status: number;
  headers: http.IncomingHttpHeaders;
  body: Buffer;
}

export class RequestTimeout extends Error {
  override name = "TimeoutError";
}

const agent = new http.Agent({ keepAlive: true, maxSockets: Number(process.env.BENCH_MAX_SOCKETS ?? 256) });

/** The failure's kind for the report: timeout, or the socket's error code (ECONNRESET…). */
export function failureKind(error: unknown): string {
  if (error instanceof Error && error.name === "TimeoutError") return "timeout";
  const code = error instanceof Error ? (error as NodeJS.ErrnoException).code : undefined;
  return `network ${code ?? (error instanceof Error ? error.message : "error")}`;
}

export function exchange(
  url: string,
  init: { method?: string; headers?: Record<string, string>; body?: string | Uint8Array },
  timeoutMs: number,
): Promise<Exchange> {
  return new Promise((resolve, reject) => {
    const body = init.body === undefined ? undefined : Buffer.from(init.body);
    const request = http.request(url, {
      agent,
      method: init.method ?? "GET",
      headers: { ...init.headers, ...(body ? { "content-length": String(body.length) } : {}) },
    });
    let settled = false;
    const settle = (outcome: () => void) => {
      if (settled) return;
      settled = true;
      clearTimeout(timer);
      outcome();
    };
    const fail = (error: Error) => settle(() => reject(error));
    const timer = setTimeout(() => {
      const timeout = new RequestTimeout(`no answer within ${timeoutMs} ms`);
      request.destroy(timeout);
      fail(timeout);
    }, timeoutMs);
    request.on("error", fail);
    request.on("response", (response) => {
      const chunks: Buffer[] = [];
      response.on("data", (chunk: Buffer) => chunks.push(chunk));
      response.on("error", fail);
      response.on("end", () =>
        settle(() =>
          resolve({ status: response.statusCode ?? 0, headers: response.headers, body: Buffer.concat(chunks) }),
        ),
      );
      response.on("close", () => fail(new Error("the connection closed before the answer ended")));
    });
    request.end(body);
  });
}
