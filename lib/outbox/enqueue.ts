// Puts notifications in the outbox inside the caller's transaction: they exist only if the change
// they announce committed, and once per event (the CloudEvent id is unique).
import "server-only";
import type { Sql } from "../db/connect";

export interface OutboxInput {
  workspaceId: string;
  /** The CloudEvent id: the same event raised twice is stored (and delivered) once. */
  eventId: string;
  /** e.g. arbiter.approval.decided */
  type: string;
  /** e.g. /workspaces/<slug>/approvals/<id> */
  source: string;
  url: string;
  data: unknown;
  /** Retries stop here. */
  deadline: Date;
}

/** The CloudEvents 1.0 structured-mode envelope. */
export function cloudEvent(input: OutboxInput, time: Date) {
  return {
    specversion: "1.0",
    type: input.type,
    source: input.source,
    id: input.eventId,
    time: time.toISOString(),
    datacontenttype: "application/json",
    data: input.data,
  };
}

export async function enqueueSql(sql: Sql, messages: OutboxInput[]): Promise<void> {
  if (messages.length === 0) return;
  const now = new Date();
  const params: unknown[] = [];
  const rows = messages.map((m) => {
    params.push(
      `obx_${m.eventId}`,
      m.workspaceId,
      m.eventId,
      m.type,
      m.url,
      JSON.stringify(cloudEvent(m, now)),
      now.toISOString(),
      m.deadline.toISOString(),
    );
    const n = params.length;
    return `($${n - 7}, $${n - 6}, $${n - 5}, $${n - 4}, $${n - 3}, $${n - 2}::jsonb, $${n - 1}::timestamptz, $${n}::timestamptz)`;
  });
  await sql.query(
    `INSERT INTO "OutboxMessage" ("id", "workspaceId", "eventId", "type", "url", "payload", "nextAttemptAt", "deadline")
     VALUES ${rows.join(", ")} ON CONFLICT ("eventId") DO NOTHING`,
    params,
  );
}
