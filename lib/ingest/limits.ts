/** ARBITER_INGEST_MAX_BYTES: the body limit after decompression (default 16 MiB). */
export function ingestBodyLimit(): number | null {
  const raw = process.env.ARBITER_INGEST_MAX_BYTES;
  if (!raw) return null;
  const n = Number(raw);
  return Number.isInteger(n) && n > 0 ? n : null;
}
