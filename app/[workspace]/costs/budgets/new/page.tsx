import type { Metadata } from "next";
import Link from "next/link";
import { cookies } from "next/headers";
import { requirePageAccess } from "@/lib/http/page-access";
import { budgetAgents, DEFAULT_SPEND_ACTIONS, DEFAULT_THRESHOLDS } from "@/lib/cost/budgets";
import { isTimeZone } from "@/lib/cost/ranges";
import { ZONE_COOKIE } from "@/lib/cost/view-params";
import { ACTIONS } from "@/lib/policy/schema";
import { Card } from "@/components/ui/card";
import { PageHeader } from "@/components/ui/page-header";
import { BudgetForm } from "@/components/costs/budget-form";

export const metadata: Metadata = { title: "New budget" };

export default async function NewBudgetPage({ params }: { params: Promise<{ workspace: string }> }) {
  const { workspace: slug } = await params;
  const access = await requirePageAccess(slug, "budgets:manage");
  const agents = await budgetAgents(access.workspace.id);
  const cookieZone = (await cookies()).get(ZONE_COOKIE)?.value;
  return (
    <div className="max-w-3xl space-y-4">
      <Link href={`/${slug}/costs`} className="text-sm text-slate-500 hover:text-slate-800">
        ← Costs
      </Link>
      <PageHeader
        title="New budget"
        description="A spend limit for the workspace, one agent or one model, with alerts on the way and what happens at 100 %."
      />
      <Card>
        <BudgetForm
          slug={slug}
          agents={agents}
          actions={ACTIONS}
          zones={Intl.supportedValuesOf("timeZone")}
          initial={{
            name: "",
            agentId: "",
            model: "",
            period: "MONTHLY",
            rollingDays: "30",
            timeZone: cookieZone && isTimeZone(cookieZone) ? cookieZone : "UTC",
            limitUsd: "",
            thresholds: DEFAULT_THRESHOLDS.join(", "),
            action: "ALERT",
            suspendAgent: false,
            spendActions: [...DEFAULT_SPEND_ACTIONS],
          }}
        />
      </Card>
    </div>
  );
}
