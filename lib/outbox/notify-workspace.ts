// A CloudEvent for the workspace's notification URL (Settings → Webhooks), queued in the caller's
// transaction so it exists only if what it announces committed; delivered signed by the outbox.
import "server-only";
import type { Sql } from "../db/connect";
import { enqueueSql } from "./enqueue";

/** Queues the CloudEvent for the workspace's notification URL; whether there is one to send to. */
export async function notifyWorkspace(
  sql: Sql,
  {
    workspaceId,
    eventId,
    type,
    path,
    data,
  }: { workspaceId: string; eventId: string; type: string; path: string; data: unknown },
): Promise<boolean> {
  const [ws] = await sql.query<{ slug: string; notificationUrl: string | null; signing: boolean }>(
    `SELECT "slug", "notificationUrl", "webhookSecret" IS NOT NULL AS signing FROM "Workspace" WHERE "id" = $1`,
    [workspaceId],
  );
  if (!ws?.notificationUrl || !ws.signing) return false;
  await enqueueSql(sql, [
    {
      workspaceId,
      eventId,
      type,
      source: `/workspaces/${ws.slug}${path}`,
      url: ws.notificationUrl,
      data,
      deadline: new Date(Date.now() + 24 * 3_600_000),
    },
  ]);
  return true;
}
