import { env } from "../env";
import { admission } from "../http/admission";

export const withIngestSlot = admission(
  () => env().ARBITER_INGEST_CONCURRENCY,
  "Ingest is at capacity; retry shortly.",
);

/** The body limit after decompression (ARBITER_INGEST_MAX_BYTES, default 16 MiB). */
export function ingestBodyLimit(): number {
  return env().ARBITER_INGEST_MAX_BYTES;
}
