import Link from "next/link";
import type { AuditRow } from "@/lib/audit/audit-query";
import { describeEvent } from "@/lib/audit/describe-event";
import { eventChanges, valueText } from "@/lib/audit/event-diff";
import { Table, Td, Th } from "@/components/ui/table";
import { Badge } from "@/components/ui/badge";

const ACTOR_KINDS = { USER: "person", API_KEY: "key", AGENT: "agent", SYSTEM: "system" } as const;

/** The time as recorded and hashed: UTC to the millisecond. */
export function ExactTime({ value }: { value: Date | string }) {
  const iso = new Date(value).toISOString();
  return (
    <time dateTime={iso} className="font-mono text-xs whitespace-nowrap tabular-nums">
      {iso.slice(0, 23).replace("T", " ")}
    </time>
  );
}

export function AuditTable({
  slug,
  chain,
  events,
  filterLink,
}: {
  slug: string;
  chain: "workspace" | "global";
  events: AuditRow[];
  filterLink: (filters: Record<string, string | null>) => string;
}) {
  const eventHref = (seq: number) => `/${slug}/audit/${seq}${chain === "global" ? "?chain=global" : ""}`;
  return (
    <Table label="Audit events">
      <thead>
        <tr>
          <Th className="text-right">#</Th>
          <Th>Time (UTC)</Th>
          <Th>Actor</Th>
          <Th>Action</Th>
          <Th>Target</Th>
          <Th>Change</Th>
        </tr>
      </thead>
      <tbody className="divide-y divide-slate-100">
        {events.map((e) => {
          const described = describeEvent(slug, e);
          const changes = eventChanges(e.before, e.after);
          // A record of something new (no before) is summed up; a change lists what changed.
          const created = e.before === null || e.before === undefined;
          return (
            <tr key={e.seq}>
              <Td className="text-right font-mono text-xs">
                <Link href={eventHref(e.seq)} className="text-brand-700 hover:underline">
                  {e.seq}
                </Link>
              </Td>
              <Td>
                <Link href={eventHref(e.seq)} className="hover:underline">
                  <ExactTime value={e.occurredAt} />
                </Link>
              </Td>
              <Td className="text-xs">
                {e.actorType === "SYSTEM" ? (
                  <span className="text-slate-500">system</span>
                ) : (
                  <>
                    <span className="mr-1 text-slate-500">{ACTOR_KINDS[e.actorType]}</span>
                    {e.actorId ? (
                      <Link href={filterLink({ actor: e.actorId })} className="hover:underline" title={e.actorId}>
                        {e.actorLabel ?? e.actorId}
                      </Link>
                    ) : (
                      (e.actorLabel ?? "—")
                    )}
                  </>
                )}
              </Td>
              <Td>
                <Link
                  href={filterLink({ action: e.action, group: null })}
                  className="font-mono text-xs hover:underline"
                >
                  {e.action}
                </Link>
              </Td>
              <Td className="max-w-[16rem] text-xs">
                {described.target ? (
                  described.href ? (
                    <Link href={described.href} className="text-brand-700 hover:underline">
                      {described.target}
                    </Link>
                  ) : (
                    described.target
                  )
                ) : (
                  <span className="text-slate-400">—</span>
                )}
                {e.targetId ? (
                  <div
                    className="truncate font-mono text-[11px] text-slate-400"
                    title={`${e.targetType}:${e.targetId}`}
                  >
                    {e.targetType}:{e.targetId}
                  </div>
                ) : null}
              </Td>
              <Td className="max-w-[18rem] text-xs">
                {changes.length === 0 ? (
                  <span className="text-slate-400">—</span>
                ) : created ? (
                  <Link href={eventHref(e.seq)} className="text-slate-600 hover:underline">
                    recorded {changes.length} field{changes.length === 1 ? "" : "s"}
                  </Link>
                ) : (
                  <ul className="space-y-0.5">
                    {changes.slice(0, 2).map((c) => (
                      <li
                        key={c.path}
                        className="truncate"
                        title={`${c.path}: ${valueText(c.before, 400)} → ${valueText(c.after, 400)}`}
                      >
                        <span className="font-mono text-slate-500">{c.path}</span>{" "}
                        {c.kind === "changed" ? (
                          <>
                            <span className="text-red-700 line-through">{valueText(c.before, 40)}</span> →{" "}
                            <span className="text-emerald-700">{valueText(c.after, 40)}</span>
                          </>
                        ) : c.kind === "added" ? (
                          <span className="text-emerald-700">{valueText(c.after, 60)}</span>
                        ) : (
                          <Badge tone="red">removed</Badge>
                        )}
                      </li>
                    ))}
                    {changes.length > 2 ? (
                      <li>
                        <Link href={eventHref(e.seq)} className="text-brand-700 hover:underline">
                          {changes.length - 2} more
                        </Link>
                      </li>
                    ) : null}
                  </ul>
                )}
              </Td>
            </tr>
          );
        })}
      </tbody>
    </Table>
  );
}
