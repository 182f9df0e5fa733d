// Bounds concurrent ingest work per server process: past the bound a request is answered
// 503 with Retry-After at once, instead of queueing until memory or the database give way.
import { env } from "../env";
import { Unavailable } from "../errors";

let inFlight = 0;

export async function withIngestSlot<T>(work: () => Promise<T>): Promise<T> {
  if (inFlight >= env().ARBITER_INGEST_CONCURRENCY) throw new Unavailable("Ingest is at capacity; retry shortly.", 1);
  inFlight++;
  try {
    return await work();
  } finally {
    inFlight--;
  }
}

/** The body limit after decompression (ARBITER_INGEST_MAX_BYTES, default 16 MiB). */
export function ingestBodyLimit(): number {
  return env().ARBITER_INGEST_MAX_BYTES;
}
