// The one way to write a machine route (the data plane: decisions, ingest, approval waits). The
// config declares the key scope, the body's media types, limit and schema, and the admission
// bound; the handler gets a principal and a checked body and returns a reply. One definition is
// served two ways: straight from Node's HTTP request by the data-plane server (no page framework
// in between), and as a Next.js route handler (development, tests, signed-in people).
import "server-only";
import type { IncomingMessage, ServerResponse } from "node:http";
import type { z } from "zod";
import { jsonText } from "../json";
import { Invalid, UnsupportedMediaType, toErrorResponse } from "../errors";
import { readBodySource, webBodySource, type BodySource } from "../ingest/read-body";
import { issuesMessage } from "./read-json";
import { authenticateKey, authenticateRequest, type Principal, type RouteConfig } from "./api-route";

export interface MachineRequest extends BodySource {
  method: string;
  url: URL;
  /** Aborted when the client goes away. */
  signal: AbortSignal;
}

export interface Reply {
  status: number;
  headers?: Record<string, string>;
  body: string | Uint8Array;
}

export interface MachineRouteConfig<B> extends RouteConfig {
  /** The media types a body may be sent as (lower case, no parameters); none: no body is read. */
  contentTypes?: readonly string[];
  /** The body limit in bytes, after decompression. */
  bodyLimit?: () => number;
  /** Bytes to a value, by media type (default JSON); a throw is a 400. */
  decode?: (bytes: Buffer, type: string) => unknown;
  /** The body's contract; a refusal is a 400 naming the issues (or saying `invalid`). */
  schema?: z.ZodType<B>;
  invalid?: string;
  /** Bounds concurrent work (a 503 with Retry-After past it). */
  admission?: <T>(work: () => Promise<T>) => Promise<T>;
  /** Encodes an error for this route's clients (default: { error: { code, message } }). */
  errorReply?: (error: unknown, request: MachineRequest) => Reply;
}

export interface MachineContext<B, P> {
  principal: Principal;
  body: B;
  /** The body's media type, as sent. */
  type: string;
  request: MachineRequest;
  params: P;
}

export interface MachineRoute<P> {
  /** A Next.js route handler (`export const POST = route.next`). */
  next: (request: Request, context?: { params: Promise<P> }) => Promise<Response>;
  /**
   * Answers from Node's request; false when the request is not the data plane's to answer (no key:
   * a signed-in person, whose session Next.js reads).
   */
  node: (req: IncomingMessage, res: ServerResponse, params: P) => Promise<boolean>;
}

export function jsonReply(data: unknown, status = 200, headers: Record<string, string> = {}): Reply {
  return { status, headers: { "content-type": "application/json", ...headers }, body: jsonText(data) };
}

export function errorReply(error: unknown): Reply {
  const { status, body, headers } = toErrorResponse(error);
  return jsonReply(body, status, headers);
}

export const mediaType = (request: { header(name: string): string | null }) =>
  (request.header("content-type") ?? "").split(";")[0]!.trim().toLowerCase();

export function machineRoute<B = undefined, P = Record<string, never>>(
  config: MachineRouteConfig<B>,
  handler: (context: MachineContext<B, P>) => Promise<Reply>,
): MachineRoute<P> {
  const encodeError = config.errorReply ?? errorReply;

  async function answer(request: MachineRequest, principal: () => Promise<Principal>, params: P): Promise<Reply> {
    try {
      const who = await principal();
      const type = mediaType(request);
      let body = undefined as B;
      if (config.contentTypes) {
        if (!config.contentTypes.includes(type)) {
          throw new UnsupportedMediaType(`Send ${config.contentTypes.join(" or ")}.`);
        }
        const bytes = await readBodySource(request, { limit: config.bodyLimit?.() ?? 1024 * 1024 });
        let decoded: unknown;
        try {
          decoded = config.decode ? config.decode(bytes, type) : JSON.parse(bytes.toString("utf8"));
        } catch {
          throw new Invalid(`The body is not valid ${config.decode ? type : "JSON"}.`);
        }
        if (config.schema) {
          const parsed = config.schema.safeParse(decoded);
          if (!parsed.success) throw new Invalid(config.invalid ?? issuesMessage(parsed.error.issues));
          body = parsed.data;
        } else body = decoded as B;
      }
      const work = () => handler({ principal: who, body, type, request, params });
      return await (config.admission ? config.admission(work) : work());
    } catch (error) {
      return encodeError(error, request);
    }
  }

  return {
    async next(request, context) {
      const machine: MachineRequest = {
        ...webBodySource(request),
        method: request.method,
        url: new URL(request.url),
        signal: request.signal,
      };
      const params = (context ? await context.params : {}) as P;
      const reply = await answer(machine, () => authenticateRequest(request, config), params);
      return new Response(typeof reply.body === "string" ? reply.body : new Uint8Array(reply.body), {
        status: reply.status,
        headers: reply.headers,
      });
    },

    async node(req, res, params) {
      const header = (name: string) => {
        const value = req.headers[name];
        return value === undefined ? null : Array.isArray(value) ? value.join(", ") : value;
      };
      const authorization = header("authorization");
      if (!authorization && config.permission) return false;
      const abort = new AbortController();
      res.once("close", () => {
        if (!res.writableFinished) abort.abort();
      });
      const machine: MachineRequest = {
        header,
        body: req,
        method: req.method ?? "GET",
        url: new URL(req.url ?? "/", "http://localhost"),
        signal: abort.signal,
      };
      const reply = await answer(machine, () => authenticateKey(authorization, config), params);
      const body = typeof reply.body === "string" ? Buffer.from(reply.body) : reply.body;
      res.writeHead(reply.status, { ...reply.headers, "content-length": String(body.byteLength) });
      res.end(body);
      return true;
    },
  };
}
