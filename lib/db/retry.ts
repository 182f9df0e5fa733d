// Transactions that lost a deadlock or a serialization check are safe to run again from the
// start: PostgreSQL rolled them back whole. One place decides what counts and how long to wait.

/** SQLSTATEs PostgreSQL uses for a transaction it aborted so that another could proceed. */
const RETRYABLE_SQLSTATES = new Set([
  "40P01", // deadlock_detected
  "40001", // serialization_failure
]);

/**
 * True for a deadlock or serialization failure, however the driver wrapped it: node-postgres and
 * PGlite errors carry the SQLSTATE as `code`, Prisma's driver adapters as `originalCode` or the
 * kind `TransactionWriteConflict`, and the Prisma client reports it as P2034.
 */
export function isTransactionConflict(error: unknown): boolean {
  let current: unknown = error;
  for (let depth = 0; depth < 5 && typeof current === "object" && current !== null; depth++) {
    const e = current as { code?: unknown; originalCode?: unknown; kind?: unknown; cause?: unknown };
    if (typeof e.code === "string" && (RETRYABLE_SQLSTATES.has(e.code) || e.code === "P2034")) return true;
    if (typeof e.originalCode === "string" && RETRYABLE_SQLSTATES.has(e.originalCode)) return true;
    if (e.kind === "TransactionWriteConflict") return true;
    current = e.cause;
  }
  return false;
}

export interface RetryOptions {
  /** Runs in all, the first included. */
  attempts?: number;
  /** The first wait's upper bound; each later one doubles, up to `maxDelayMs`. */
  baseDelayMs?: number;
  maxDelayMs?: number;
}

/**
 * Runs `transaction` (a whole transaction: begin, work, commit) and runs it again when the
 * database aborted it for a deadlock or serialization failure, after a randomly jittered
 * exponential wait so the writers that collided do not collide again in step. Any other error,
 * or a conflict on the last attempt, is thrown as it came.
 */
export async function retryOnConflict<T>(
  transaction: () => Promise<T>,
  { attempts = 5, baseDelayMs = 5, maxDelayMs = 250 }: RetryOptions = {},
): Promise<T> {
  for (let attempt = 1; ; attempt++) {
    try {
      return await transaction();
    } catch (error) {
      if (attempt >= attempts || !isTransactionConflict(error)) throw error;
      const ceiling = Math.min(maxDelayMs, baseDelayMs * 2 ** (attempt - 1));
      await new Promise((resolve) => setTimeout(resolve, Math.random() * ceiling));
    }
  }
}
