import type { Metadata } from "next";
import { requirePageAccess } from "@/lib/http/page-access";
import { can } from "@/lib/auth/permissions";
import { webhookSecretStatus } from "@/lib/workspaces/webhook-secret";
import { Card } from "@/components/ui/card";
import { Badge } from "@/components/ui/badge";
import { Time } from "@/components/ui/time";
import { WebhookSecretForm } from "@/components/settings/webhook-secret-form";
import { NotificationUrlForm } from "@/components/settings/notification-url-form";
import { notificationUrl as readNotificationUrl } from "@/lib/workspaces/notification-url";

export const metadata: Metadata = { title: "Webhooks" };

const VERIFY_SNIPPET = [
  'import { createHmac, timingSafeEqual } from "node:crypto";',
  "",
  "// rawBody: the request body exactly as received (a Buffer), before any JSON parsing.",
  "export function verifyArbiterSignature(rawBody, header, secret) {",
  '  const parts = Object.fromEntries((header ?? "").split(",").map((p) => p.split("=", 2)));',
  "  const t = Number(parts.t);",
  "  if (!Number.isInteger(t) || !parts.v1) return false;",
  "  if (Math.abs(Date.now() / 1000 - t) > 300) return false; // older than 5 minutes: a replay",
  '  const expected = createHmac("sha256", secret).update(`${t}.`).update(rawBody).digest();',
  '  const given = Buffer.from(parts.v1, "hex");',
  "  return given.length === expected.length && timingSafeEqual(given, expected);",
  "}",
  "",
  "// Express: keep the raw bytes for the check.",
  'app.post("/arbiter-webhook", express.raw({ type: "*/*" }), (req, res) => {',
  '  if (!verifyArbiterSignature(req.body, req.get("x-arbiter-signature"), process.env.ARBITER_WEBHOOK_SECRET))',
  "    return res.sendStatus(401);",
  "  const event = JSON.parse(req.body); // a CloudEvent, e.g. type arbiter.approval.decided",
  "  res.sendStatus(204);",
  "});",
].join("\n");

const code = "rounded bg-slate-100 px-1 py-0.5 font-mono text-xs text-slate-800";

export default async function WebhooksSettingsPage({ params }: { params: Promise<{ workspace: string }> }) {
  const { workspace: slug } = await params;
  const access = await requirePageAccess(slug, "workspace:read");
  const manage = can(access.role, "workspace:update");
  const status = await webhookSecretStatus({ workspaceId: access.workspace.id });
  const notificationUrl = await readNotificationUrl(access.workspace.id);

  return (
    <div className="space-y-6">
      <Card
        title="Signing secret"
        description="Arbiter signs every webhook it sends to an agent (approval outcomes posted to its callbackUrl) with this workspace's secret."
      >
        <dl className="grid max-w-md grid-cols-3 gap-x-2 gap-y-2 text-sm">
          <dt className="text-slate-500">Status</dt>
          <dd className="col-span-2">
            {status.configured ? <Badge tone="green">configured</Badge> : <Badge tone="amber">not configured</Badge>}
          </dd>
          <dt className="text-slate-500">Created</dt>
          <dd className="col-span-2">
            <Time value={status.createdAt} empty="never" />
          </dd>
        </dl>
        {status.configured ? null : (
          <p className="mt-3 text-sm text-slate-600">
            Until a secret exists, decision requests that carry a <code className={code}>callbackUrl</code> are refused.
          </p>
        )}
        <div className="mt-4">
          {manage ? (
            <WebhookSecretForm slug={slug} configured={status.configured} />
          ) : (
            <p className="text-sm text-slate-500">Only admins can create or rotate the signing secret.</p>
          )}
        </div>
      </Card>
      <Card
        title="Notifications"
        description="Budget alerts and tripped circuit breakers are posted here as signed CloudEvents (arbiter.budget.threshold_crossed, arbiter.budget.forecast_over, arbiter.breaker.tripped)."
      >
        {manage ? (
          <NotificationUrlForm slug={slug} current={notificationUrl} />
        ) : (
          <p className="text-sm text-slate-600">{notificationUrl ?? "No notification URL."}</p>
        )}
        {!status.configured ? (
          <p className="mt-2 text-xs text-amber-800">Nothing is sent until the workspace has a signing secret.</p>
        ) : null}
      </Card>
      <Card title="Verifying a signature" description="What a receiver checks before it trusts a webhook.">
        <ul className="list-disc space-y-1.5 pl-5 text-sm text-slate-700">
          <li>
            Every request carries{" "}
            <code className={code}>X-Arbiter-Signature: t=&lt;unix seconds&gt;,v1=&lt;hex&gt;</code>, where{" "}
            <code className={code}>v1</code> is the HMAC-SHA256, keyed with the signing secret, of the string{" "}
            <code className={code}>&lt;t&gt;.&lt;raw body&gt;</code>: the timestamp, a dot, and the body bytes exactly
            as received (before any JSON parsing).
          </li>
          <li>Compare your HMAC with v1 in constant time, never with ===.</li>
          <li>Refuse a timestamp more than 5 minutes from your clock: that stops replays of an old request.</li>
          <li>
            Deliveries are retried until a 2xx answer, so the same event can arrive twice: deduplicate on{" "}
            <code className={code}>X-Arbiter-Event-Id</code>.
          </li>
        </ul>
        <pre
          aria-label="Node.js verification example"
          className="mt-4 overflow-auto rounded-md bg-slate-50 p-3 font-mono text-xs text-slate-800"
        >
          {VERIFY_SNIPPET}
        </pre>
      </Card>
    </div>
  );
}
