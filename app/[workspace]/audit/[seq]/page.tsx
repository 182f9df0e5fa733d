import type { Metadata } from "next";
import Link from "next/link";
import { forbidden, notFound } from "next/navigation";
import { requirePageAccess } from "@/lib/http/page-access";
import { firstParam, type RawSearchParams } from "@/lib/http/search-params";
import { auditEvent } from "@/lib/audit/audit-query";
import { chainFor, coveringCheckpoint } from "@/lib/audit/audit-page";
import { canonicalEvent, hashEvent } from "@/lib/audit/hash";
import { checkpointProblem, coveredHash } from "@/lib/audit/checkpoint-statement";
import { signingKey } from "@/lib/audit/signing-key";
import { describeEvent } from "@/lib/audit/describe-event";
import { eventChanges } from "@/lib/audit/event-diff";
import { Card } from "@/components/ui/card";
import { PageHeader } from "@/components/ui/page-header";
import { Badge } from "@/components/ui/badge";
import { ExactTime } from "@/components/audit/audit-table";
import { EventChanges } from "@/components/audit/event-changes";

export const metadata: Metadata = { title: "Audit event" };

export default async function AuditEventPage({
  params,
  searchParams,
}: {
  params: Promise<{ workspace: string; seq: string }>;
  searchParams: Promise<RawSearchParams>;
}) {
  const { workspace: slug, seq: seqText } = await params;
  const access = await requirePageAccess(slug, "audit:read");
  const one = firstParam(await searchParams);
  const which = one("chain") === "global" ? "global" : "workspace";
  const chain = chainFor(access, which) ?? forbidden();
  const seq = /^\d{1,10}$/.test(seqText) ? Number(seqText) : NaN;
  if (!Number.isSafeInteger(seq) || seq < 1 || seq > 2_147_483_647) notFound();
  const [event, checkpoint] = await Promise.all([auditEvent(chain, seq), coveringCheckpoint(chain, seq)]);
  if (!event) notFound();
  const fields = { ...event, occurredAt: new Date(event.occurredAt) };
  const canonical = canonicalEvent(fields);
  const recomputed = hashEvent(fields);
  const signed = checkpoint
    ? {
        problem: checkpointProblem(checkpoint, signingKey().publicKey),
        hash: coveredHash(checkpoint, seq),
      }
    : null;
  const described = describeEvent(slug, event);
  const query = which === "global" ? "?chain=global" : "";
  const back = `/${slug}/audit${query}`;

  return (
    <div className="max-w-5xl space-y-4">
      <PageHeader
        title={`Event #${seq}: ${event.action}`}
        description={described.target ?? undefined}
        actions={
          <div className="flex gap-4 text-sm">
            {seq > 1 ? (
              <Link href={`/${slug}/audit/${seq - 1}${query}`} className="text-brand-700 hover:underline">
                ← #{seq - 1}
              </Link>
            ) : null}
            <Link href={`/${slug}/audit/${seq + 1}${query}`} className="text-brand-700 hover:underline">
              #{seq + 1} →
            </Link>
            <Link href={back} className="text-brand-700 hover:underline">
              All events
            </Link>
          </div>
        }
      />
      <Card title="What happened">
        <dl className="grid grid-cols-[10rem_1fr] gap-x-4 gap-y-2 text-sm">
          <dt className="text-slate-500">When (UTC)</dt>
          <dd>
            <ExactTime value={event.occurredAt} />
          </dd>
          <dt className="text-slate-500">Who</dt>
          <dd>
            {event.actorLabel ?? "—"}{" "}
            <span className="text-xs text-slate-500">
              ({event.actorType.toLowerCase()}
              {event.actorId ? ` ${event.actorId}` : ""})
            </span>
          </dd>
          <dt className="text-slate-500">Action</dt>
          <dd className="font-mono text-xs">{event.action}</dd>
          <dt className="text-slate-500">Target</dt>
          <dd>
            {described.href ? (
              <Link href={described.href} className="text-brand-700 hover:underline">
                {described.target ?? `${event.targetType}:${event.targetId}`}
              </Link>
            ) : (
              (described.target ?? "—")
            )}
            {event.targetId ? (
              <span className="ml-2 font-mono text-xs text-slate-400">
                {event.targetType}:{event.targetId}
              </span>
            ) : null}
          </dd>
          {described.reason ? (
            <>
              <dt className="text-slate-500">Reason given</dt>
              <dd>{described.reason}</dd>
            </>
          ) : null}
        </dl>
      </Card>
      <Card title="Before and after" description="Each field that differs, by its path.">
        <EventChanges changes={eventChanges(event.before, event.after)} />
      </Card>
      <Card title="Integrity" description="What the hash is taken over, and what vouches for it.">
        <dl className="grid grid-cols-[10rem_1fr] gap-x-4 gap-y-2 text-sm">
          <dt className="text-slate-500">Hash</dt>
          <dd className="font-mono text-xs break-all">
            {event.hash}{" "}
            {recomputed === event.hash ? (
              <Badge tone="green">recomputes</Badge>
            ) : (
              <Badge tone="red">does not recompute ({recomputed.slice(0, 12)}…)</Badge>
            )}
          </dd>
          <dt className="text-slate-500">Previous hash</dt>
          <dd className="font-mono text-xs break-all">
            {seq > 1 ? (
              <Link href={`/${slug}/audit/${seq - 1}${query}`} className="hover:underline">
                {event.prevHash}
              </Link>
            ) : (
              `${event.prevHash} (the chain's start)`
            )}
          </dd>
          <dt className="text-slate-500">Checkpoint</dt>
          <dd data-testid="covering-checkpoint">
            {checkpoint && signed ? (
              <>
                #{checkpoint.fromSeq}–#{checkpoint.seq}, signed <ExactTime value={checkpoint.createdAt} /> with key{" "}
                <span className="font-mono text-xs">{checkpoint.keyId}</span>{" "}
                {signed.problem ? (
                  <Badge tone="red">{signed.problem}</Badge>
                ) : signed.hash === event.hash ? (
                  <Badge tone="green">signature valid, records this hash</Badge>
                ) : (
                  <Badge tone="red">records another hash: {signed.hash?.slice(0, 12)}…</Badge>
                )}
              </>
            ) : (
              <span className="text-slate-500">Not covered yet: the next checkpoint signs it within minutes.</span>
            )}
          </dd>
        </dl>
        <details className="mt-4">
          <summary className="cursor-pointer text-sm font-medium text-slate-700">
            Canonical JSON (RFC 8785) — SHA-256 of this is the hash
          </summary>
          <pre className="mt-2 max-h-96 overflow-auto rounded bg-slate-950 p-3 font-mono text-xs break-all whitespace-pre-wrap text-slate-100">
            {canonical}
          </pre>
        </details>
      </Card>
    </div>
  );
}
