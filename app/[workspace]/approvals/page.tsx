import type { Metadata } from "next";
import Link from "next/link";
import clsx from "clsx";
import { requirePageAccess } from "@/lib/http/page-access";
import { firstParam, type RawSearchParams } from "@/lib/http/search-params";
import { can } from "@/lib/auth/permissions";
import { AGE_FILTERS, inboxQuery, listApprovals, type InboxQuery } from "@/lib/approvals/list-approvals";
import { policyNames } from "@/lib/decisions/queries";
import { listAgents } from "@/lib/agents/list-agents";
import { agentChoices } from "@/lib/agents/agent-label";
import { RISK_TIERS } from "@/lib/policy/schema";
import { Card } from "@/components/ui/card";
import { PageHeader } from "@/components/ui/page-header";
import { Button } from "@/components/ui/button";
import { FormError, Select } from "@/components/ui/field";
import { ApprovalInbox } from "@/components/approvals/approval-inbox";

export const metadata: Metadata = { title: "Approvals" };

const TABS: [InboxQuery["view"], string][] = [
  ["mine", "Waiting for me"],
  ["pending", "All pending"],
  ["decided", "Decided"],
  ["expired", "Expired"],
];

export default async function ApprovalsPage({
  params,
  searchParams,
}: {
  params: Promise<{ workspace: string }>;
  searchParams: Promise<RawSearchParams>;
}) {
  const { workspace: slug } = await params;
  const access = await requirePageAccess(slug, "approvals:read");
  const raw = await searchParams;
  const one = firstParam(raw);
  const canDecide = can(access.role, "approvals:decide");
  const filters = {
    view: one("view") ?? (canDecide ? "mine" : "pending"),
    agent: one("agent"),
    policy: one("policy"),
    risk: one("risk"),
    age: one("age"),
  };
  const query = inboxQuery.safeParse(filters);
  const member = { userId: access.user.id, role: access.role };
  const [rows, agents, names] = await Promise.all([
    query.success ? listApprovals({ workspaceId: access.workspace.id, member, query: query.data }) : null,
    listAgents({ workspaceId: access.workspace.id }),
    policyNames({ workspaceId: access.workspace.id }),
  ]);
  const view = query.success ? query.data.view : "mine";
  const search = new URLSearchParams(
    Object.entries(filters).filter((e): e is [string, string] => typeof e[1] === "string"),
  ).toString();
  const tabHref = (v: string) => {
    const next = new URLSearchParams(search);
    next.set("view", v);
    return `?${next.toString()}`;
  };
  const select = (name: string, label: string, options: [string, string][]) => (
    <label className="min-w-0 text-sm">
      <span className="mb-1 block font-medium text-slate-700">{label}</span>
      <Select name={name} defaultValue={one(name) ?? ""} className="w-full sm:w-44">
        <option value="">Any</option>
        {options.map(([value, text]) => (
          <option key={value} value={value}>
            {text}
          </option>
        ))}
      </Select>
    </label>
  );

  return (
    <div className="max-w-6xl">
      <PageHeader
        title="Approvals"
        description="Agent actions held by an approval policy wait here for a person. The agent waits for your answer, then acts with a one-use token bound to exactly what you approved."
      />
      <nav aria-label="Inbox views" className="mb-3 flex gap-1 overflow-x-auto border-b border-slate-200">
        {TABS.map(([v, label]) => (
          <Link
            key={v}
            href={tabHref(v)}
            aria-current={view === v ? "page" : undefined}
            className={clsx(
              "-mb-px border-b-2 px-2 py-2 text-sm font-medium whitespace-nowrap sm:px-3",
              view === v ? "border-brand-600 text-brand-700" : "border-transparent text-slate-500 hover:text-slate-800",
            )}
          >
            {label}
          </Link>
        ))}
      </nav>
      <Card className="mb-4">
        <form method="get" className="grid grid-cols-2 items-end gap-3 sm:flex sm:flex-wrap">
          <input type="hidden" name="view" value={view} />
          {select(
            "agent",
            "Agent",
            agentChoices(agents).map((a) => [a.value, a.label]),
          )}
          {select("policy", "Policy", Object.entries(names))}
          {select(
            "risk",
            "Risk",
            RISK_TIERS.map((r) => [r, r.toLowerCase()]),
          )}
          {select(
            "age",
            "Waiting over",
            Object.keys(AGE_FILTERS).map((a) => [a, a]),
          )}
          <Button type="submit" variant="secondary">
            Filter
          </Button>
        </form>
      </Card>
      {rows ? (
        <ApprovalInbox
          key={search}
          slug={slug}
          view={view}
          search={search}
          initial={rows}
          canDecide={canDecide}
          policyNames={names}
        />
      ) : (
        <FormError message="These filters are not valid." />
      )}
    </div>
  );
}
