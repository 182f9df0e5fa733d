// Bounds concurrent work of one kind per server process: past the bound a request is answered
// 503 with Retry-After at once, instead of queueing until memory or the database give way.
import { Unavailable } from "../errors";

export function admission(limit: () => number, busy: string) {
  let inFlight = 0;
  return async function withSlot<T>(work: () => Promise<T>): Promise<T> {
    if (inFlight >= limit()) throw new Unavailable(busy, 1);
    inFlight++;
    try {
      return await work();
    } finally {
      inFlight--;
    }
  };
}
