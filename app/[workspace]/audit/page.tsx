import type { Metadata } from "next";
import Link from "next/link";
import { forbidden } from "next/navigation";
import { requirePageAccess } from "@/lib/http/page-access";
import { firstParam, type RawSearchParams } from "@/lib/http/search-params";
import { auditQuery, chainActions, listAuditEvents } from "@/lib/audit/audit-query";
import { chainFor, chainStatus } from "@/lib/audit/audit-page";
import { ACTION_GROUP_KEYS, ACTION_GROUPS } from "@/lib/audit/action-groups";
import { Card } from "@/components/ui/card";
import { PageHeader } from "@/components/ui/page-header";
import { Button } from "@/components/ui/button";
import { FormError, Input, Select } from "@/components/ui/field";
import { VerificationPanel } from "@/components/audit/verification-panel";
import { AuditTable } from "@/components/audit/audit-table";

export const metadata: Metadata = { title: "Audit" };

const FILTERS = ["from", "to", "actor", "actorType", "group", "action", "target", "q"] as const;

export default async function AuditPage({
  params,
  searchParams,
}: {
  params: Promise<{ workspace: string }>;
  searchParams: Promise<RawSearchParams>;
}) {
  const { workspace: slug } = await params;
  const access = await requirePageAccess(slug, "audit:read");
  const raw = await searchParams;
  const one = firstParam(raw);
  const which = one("chain") === "global" ? "global" : "workspace";
  const chain = chainFor(access, which) ?? forbidden();
  const query = auditQuery.safeParse(
    Object.fromEntries([...FILTERS, "before", "after"].map((k) => [k, one(k) || undefined])),
  );
  const [page, status, actions] = await Promise.all([
    // Invalid filters are the visitor's to fix; a failure to read is ours, and is logged.
    query.success
      ? listAuditEvents({ chain, query: query.data }).catch((error: unknown) => {
          console.error("[arbiter] the audit trail could not be read", error);
          return "failed" as const;
        })
      : null,
    chainStatus(chain),
    chainActions(chain),
  ]);
  const link = (changes: Record<string, string | null>) => {
    const next = new URLSearchParams(
      Object.entries(raw).filter((e): e is [string, string] => typeof e[1] === "string" && e[1] !== ""),
    );
    for (const [k, v] of Object.entries(changes)) {
      if (v === null) next.delete(k);
      else next.set(k, v);
    }
    const text = next.toString();
    return text ? `?${text}` : "?";
  };
  const filtered = FILTERS.some((f) => one(f));
  const listed = page && page !== "failed" ? page : null;

  return (
    <div className="max-w-7xl">
      <PageHeader
        title="Audit"
        description={
          which === "global"
            ? "The installation's sign-in chain: sign-ins, failed sign-ins, locked accounts and new users, hash-chained and signed."
            : "Every governance change and decision in this workspace, newest first: hash-chained, each event linked to the one before, and signed in checkpoints an auditor can verify offline."
        }
      />
      {access.role === "ADMIN" ? (
        <nav aria-label="Chains" className="mb-3 flex gap-4 text-sm">
          <Link
            href={`/${slug}/audit`}
            className={which === "workspace" ? "font-semibold text-slate-900" : "text-brand-700 hover:underline"}
          >
            This workspace
          </Link>
          <Link
            href={`/${slug}/audit?chain=global`}
            className={which === "global" ? "font-semibold text-slate-900" : "text-brand-700 hover:underline"}
          >
            Sign-ins (all workspaces)
          </Link>
        </nav>
      ) : null}
      <VerificationPanel slug={slug} chain={which} status={status.status} running={status.running} />
      <Card className="mb-4">
        <form method="get" className="flex flex-wrap items-end gap-3">
          {which === "global" ? <input type="hidden" name="chain" value="global" /> : null}
          <label className="text-sm">
            <span className="mb-1 block font-medium text-slate-700">From (UTC)</span>
            <Input type="date" name="from" defaultValue={one("from") ?? ""} className="w-40" />
          </label>
          <label className="text-sm">
            <span className="mb-1 block font-medium text-slate-700">To (UTC)</span>
            <Input type="date" name="to" defaultValue={one("to") ?? ""} className="w-40" />
          </label>
          <label className="text-sm">
            <span className="mb-1 block font-medium text-slate-700">Kind of action</span>
            <Select name="group" defaultValue={one("group") ?? ""} className="w-48">
              <option value="">Any</option>
              {ACTION_GROUP_KEYS.map((g) => (
                <option key={g} value={g}>
                  {ACTION_GROUPS[g].label}
                </option>
              ))}
            </Select>
          </label>
          <label className="text-sm">
            <span className="mb-1 block font-medium text-slate-700">Action</span>
            <Select name="action" defaultValue={one("action") ?? ""} className="w-52">
              <option value="">Any</option>
              {actions.map((a) => (
                <option key={a} value={a}>
                  {a}
                </option>
              ))}
            </Select>
          </label>
          <label className="text-sm">
            <span className="mb-1 block font-medium text-slate-700">Actor</span>
            <Input name="actor" defaultValue={one("actor") ?? ""} placeholder="email, key or id" className="w-48" />
          </label>
          <label className="text-sm">
            <span className="mb-1 block font-medium text-slate-700">Actor kind</span>
            <Select name="actorType" defaultValue={one("actorType") ?? ""} className="w-36">
              <option value="">Any</option>
              <option value="USER">Person</option>
              <option value="API_KEY">API key</option>
              <option value="AGENT">Agent</option>
              <option value="SYSTEM">System</option>
            </Select>
          </label>
          <label className="text-sm">
            <span className="mb-1 block font-medium text-slate-700">Target id starts with</span>
            <Input name="q" defaultValue={one("q") ?? ""} className="w-48" />
          </label>
          {one("target") ? <input type="hidden" name="target" value={one("target")} /> : null}
          <Button type="submit" variant="secondary">
            Filter
          </Button>
          {filtered ? (
            <Link href={which === "global" ? "?chain=global" : "?"} className="text-sm text-brand-700 hover:underline">
              Clear
            </Link>
          ) : null}
        </form>
      </Card>
      <Card>
        {page === null ? (
          <FormError message={query.error?.issues[0]?.message ?? "These filters are not valid."} />
        ) : page === "failed" ? (
          <FormError message="The audit trail could not be read just now. Try again in a moment." />
        ) : page.events.length === 0 ? (
          <p className="text-sm text-slate-500">{filtered ? "No events match these filters." : "No events yet."}</p>
        ) : (
          <AuditTable
            slug={slug}
            chain={which}
            events={page.events}
            filterLink={(f) => link({ ...f, before: null, after: null })}
          />
        )}
        {listed && (listed.newer || listed.older) ? (
          <nav aria-label="Pages" className="mt-4 flex justify-end gap-4 text-sm">
            {listed.newer ? (
              <Link
                className="text-brand-700 hover:underline"
                href={link({ after: String(listed.newer), before: null })}
              >
                ← Newer
              </Link>
            ) : null}
            {listed.older ? (
              <Link
                className="text-brand-700 hover:underline"
                href={link({ before: String(listed.older), after: null })}
              >
                Older →
              </Link>
            ) : null}
          </nav>
        ) : null}
      </Card>
    </div>
  );
}
