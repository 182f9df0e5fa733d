// Bounds concurrent ingest work per server process: past the bound a request is answered
// 503 with Retry-After at once, instead of queueing until memory or the database give way.
import { Unavailable } from "../errors";

const MAX_IN_FLIGHT = Number(process.env.ARBITER_INGEST_CONCURRENCY ?? 8);
let inFlight = 0;

export async function withIngestSlot<T>(work: () => Promise<T>): Promise<T> {
  if (inFlight >= MAX_IN_FLIGHT) throw new Unavailable("Ingest is at capacity; retry shortly.", 1);
  inFlight++;
  try {
    return await work();
  } finally {
    inFlight--;
  }
}
