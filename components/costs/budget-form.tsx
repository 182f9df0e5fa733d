"use client";

// Creates or edits a budget. The server checks every field (lib/cost/budgets.ts); this form only
// collects them and shows the server's message when one is refused.
import { useState } from "react";
import { useRouter } from "next/navigation";
import { Button } from "@/components/ui/button";
import { Field, FormError, Input, Select } from "@/components/ui/field";
import { useServerAction } from "@/components/settings/use-action";
import { createBudgetAction, updateBudgetAction } from "@/app/[workspace]/costs/actions";

export interface BudgetFormValues {
  name: string;
  agentId: string;
  model: string;
  period: "DAILY" | "WEEKLY" | "MONTHLY" | "ROLLING";
  rollingDays: string;
  timeZone: string;
  limitUsd: string;
  thresholds: string;
  action: "ALERT" | "HOLD" | "STOP";
  suspendAgent: boolean;
  spendActions: string[];
}

const ACTION_HELP: Record<BudgetFormValues["action"], string> = {
  ALERT: "Alert only: nothing is held or stopped.",
  HOLD: "Hold: spend-bearing decisions wait for a person (REQUIRE_APPROVAL, the budget named as the reason).",
  STOP: "Stop: spend-bearing decisions are denied.",
};

export function BudgetForm({
  slug,
  agents,
  actions,
  initial,
  budgetId,
  zones,
}: {
  slug: string;
  agents: { id: string; name: string }[];
  actions: readonly string[];
  initial: BudgetFormValues;
  budgetId?: string;
  zones: string[];
}) {
  const router = useRouter();
  const [v, setV] = useState(initial);
  const create = useServerAction(createBudgetAction);
  const update = useServerAction(updateBudgetAction);
  const pending = create.isPending || update.isPending;
  const error = create.error?.message ?? update.error?.message;
  const set = <K extends keyof BudgetFormValues>(key: K, value: BudgetFormValues[K]) =>
    setV((o) => ({ ...o, [key]: value }));

  const submit = () => {
    const budget = {
      name: v.name,
      agentId: v.agentId || null,
      model: v.model || null,
      period: v.period,
      rollingDays: v.period === "ROLLING" ? v.rollingDays : null,
      timeZone: v.timeZone,
      limitUsd: v.limitUsd,
      thresholds: v.thresholds
        .split(/[,\s%]+/)
        .filter(Boolean)
        .map(Number),
      action: v.action,
      suspendAgent: v.suspendAgent,
      spendActions: v.spendActions,
    };
    if (budgetId) update.mutate({ workspace: slug, budgetId, budget });
    else
      create.mutate(
        { workspace: slug, budget },
        { onSuccess: (data) => router.push(`/${slug}/costs/budgets/${data.id}`) },
      );
  };

  return (
    <form
      className="grid gap-4 sm:grid-cols-2"
      onSubmit={(e) => {
        e.preventDefault();
        submit();
      }}
    >
      <Field label="Name" htmlFor="budget-name">
        <Input id="budget-name" value={v.name} onChange={(e) => set("name", e.target.value)} required maxLength={100} />
      </Field>
      <Field label="Limit (USD)" htmlFor="budget-limit">
        <Input
          id="budget-limit"
          inputMode="decimal"
          value={v.limitUsd}
          onChange={(e) => set("limitUsd", e.target.value)}
          required
          placeholder="250"
        />
      </Field>
      <Field label="Agent" htmlFor="budget-agent" hint="Leave as every agent for a workspace budget.">
        <Select id="budget-agent" value={v.agentId} onChange={(e) => set("agentId", e.target.value)}>
          <option value="">Every agent</option>
          {agents.map((a) => (
            <option key={a.id} value={a.id}>
              {a.name}
            </option>
          ))}
        </Select>
      </Field>
      <Field label="Model" htmlFor="budget-model" hint="Optional: only this model's spend, as spans name it.">
        <Input id="budget-model" value={v.model} onChange={(e) => set("model", e.target.value)} placeholder="gpt-4o" />
      </Field>
      <Field label="Period" htmlFor="budget-period">
        <Select
          id="budget-period"
          value={v.period}
          onChange={(e) => set("period", e.target.value as BudgetFormValues["period"])}
        >
          <option value="DAILY">Calendar day</option>
          <option value="WEEKLY">Calendar week (Monday first)</option>
          <option value="MONTHLY">Calendar month</option>
          <option value="ROLLING">Rolling window of days</option>
        </Select>
      </Field>
      <Field label="Time zone" htmlFor="budget-zone" hint="Periods start (and days end) at midnight here.">
        <Input
          id="budget-zone"
          list="budget-zones"
          value={v.timeZone}
          onChange={(e) => set("timeZone", e.target.value)}
        />
        <datalist id="budget-zones">
          {zones.map((z) => (
            <option key={z} value={z} />
          ))}
        </datalist>
      </Field>
      {v.period === "ROLLING" ? (
        <Field
          label="Days in the window"
          htmlFor="budget-days"
          hint="Today included; the oldest day drops at midnight."
        >
          <Input
            id="budget-days"
            type="number"
            min={1}
            max={366}
            value={v.rollingDays}
            onChange={(e) => set("rollingDays", e.target.value)}
          />
        </Field>
      ) : null}
      <Field label="Alert thresholds (%)" htmlFor="budget-thresholds" hint="Each raises one alert per period.">
        <Input id="budget-thresholds" value={v.thresholds} onChange={(e) => set("thresholds", e.target.value)} />
      </Field>
      <fieldset className="space-y-1 sm:col-span-2">
        <legend className="text-sm font-medium text-slate-700">At 100 %</legend>
        <div className="flex flex-wrap gap-4 text-sm">
          {(["ALERT", "HOLD", "STOP"] as const).map((a) => (
            <label key={a} className="flex items-center gap-1.5">
              <input type="radio" name="budget-action" checked={v.action === a} onChange={() => set("action", a)} />
              {a === "ALERT" ? "Alert" : a === "HOLD" ? "Hold for approval" : "Stop"}
            </label>
          ))}
        </div>
        <p className="text-xs text-slate-500">{ACTION_HELP[v.action]}</p>
        {v.action === "STOP" && v.agentId ? (
          <label className="flex items-center gap-1.5 text-sm">
            <input type="checkbox" checked={v.suspendAgent} onChange={(e) => set("suspendAgent", e.target.checked)} />
            Also suspend the agent (audited; an admin resumes it)
          </label>
        ) : null}
      </fieldset>
      {v.action !== "ALERT" ? (
        <fieldset className="space-y-1 sm:col-span-2">
          <legend className="text-sm font-medium text-slate-700">Spend-bearing actions</legend>
          <div className="flex flex-wrap gap-3 text-sm">
            {actions.map((a) => (
              <label key={a} className="flex items-center gap-1.5 font-mono text-xs">
                <input
                  type="checkbox"
                  checked={v.spendActions.includes(a)}
                  onChange={(e) =>
                    set(
                      "spendActions",
                      e.target.checked ? [...v.spendActions, a] : v.spendActions.filter((x) => x !== a),
                    )
                  }
                />
                {a}
              </label>
            ))}
          </div>
          <p className="text-xs text-slate-500">Policies can mark more with the @spend annotation.</p>
        </fieldset>
      ) : null}
      <div className="flex items-center gap-3 sm:col-span-2">
        <Button type="submit" disabled={pending}>
          {pending ? "Saving…" : budgetId ? "Save budget" : "Create budget"}
        </Button>
        {update.isSuccess && !pending ? <span className="text-sm text-emerald-700">Saved.</span> : null}
        <FormError message={error} />
      </div>
    </form>
  );
}
