// Reads a request body within a byte limit that holds after decompression, so neither an
// oversize body nor a gzip bomb is ever held in memory whole.
import { createGunzip, createInflate } from "node:zlib";
import { Readable } from "node:stream";
import { Invalid, PayloadTooLarge, UnsupportedMediaType } from "../errors";

/** A body as both request paths have it: Node's request stream, or a Web Request's. */
export interface BodySource {
  header(name: string): string | null;
  body: Readable | null;
}

export function webBodySource(request: Request): BodySource {
  return {
    header: (name) => request.headers.get(name),
    body: request.body ? Readable.fromWeb(request.body as import("node:stream/web").ReadableStream) : null,
  };
}

export async function readBody(request: Request, { limit }: { limit: number }): Promise<Buffer> {
  return readBodySource(webBodySource(request), { limit });
}

export async function readBodySource(source: BodySource, { limit }: { limit: number }): Promise<Buffer> {
  const declared = Number(source.header("content-length") ?? NaN);
  const encoding = (source.header("content-encoding") ?? "identity").trim().toLowerCase();
  if (encoding === "identity" && Number.isFinite(declared) && declared > limit) {
    throw new PayloadTooLarge(`The body exceeds the ${limit} byte limit.`);
  }
  if (!source.body) return Buffer.alloc(0);
  let stream: Readable = source.body;
  if (encoding === "gzip" || encoding === "x-gzip") stream = stream.pipe(createGunzip());
  else if (encoding === "deflate") stream = stream.pipe(createInflate());
  else if (encoding !== "identity") throw new UnsupportedMediaType(`Unsupported Content-Encoding "${encoding}".`);

  const chunks: Buffer[] = [];
  let size = 0;
  try {
    for await (const chunk of stream) {
      size += (chunk as Buffer).length;
      if (size > limit) {
        stream.destroy();
        throw new PayloadTooLarge(`The body exceeds the ${limit} byte limit after decompression.`);
      }
      chunks.push(chunk as Buffer);
    }
  } catch (error) {
    if (error instanceof PayloadTooLarge) throw error;
    throw new Invalid(`The body could not be read${encoding !== "identity" ? ` as ${encoding}` : ""}.`);
  }
  return chunks.length === 1 ? chunks[0]! : Buffer.concat(chunks);
}
