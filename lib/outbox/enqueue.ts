// Puts notifications in the outbox inside the caller's transaction: they exist only if the change
// they announce committed, and once per event (the CloudEvent id is unique).
import "server-only";
import type { Sql } from "../db/connect";
import { insertRows, type Columns } from "../db/insert-rows";

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
  const columns: Columns<OutboxInput> = {
    id: { value: (m) => `obx_${m.eventId}` },
    workspaceId: { value: (m) => m.workspaceId },
    eventId: { value: (m) => m.eventId },
    type: { value: (m) => m.type },
    url: { value: (m) => m.url },
    payload: { cast: "::jsonb", value: (m) => JSON.stringify(cloudEvent(m, now)) },
    nextAttemptAt: { cast: "::timestamptz", value: () => now.toISOString() },
    deadline: { cast: "::timestamptz", value: (m) => m.deadline.toISOString() },
  };
  const insert = insertRows("OutboxMessage", columns, messages);
  await sql.query(`${insert.text} ON CONFLICT ("eventId") DO NOTHING`, insert.params);
}
