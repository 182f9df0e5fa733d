"use client";

// Creates a circuit breaker; the server checks the fields (lib/cost/breakers.ts).
import { useState } from "react";
import { Button } from "@/components/ui/button";
import { Field, FormError, Input, Select } from "@/components/ui/field";
import { useServerAction } from "@/components/settings/use-action";
import { createBreakerAction } from "@/app/[workspace]/costs/actions";

const KIND_HELP = {
  ACTION_RATE: "More than the limit of one action by one agent in the window.",
  REPEATED_ACTION: "The same action on the same resource more than the limit in the window: an agent stuck in a loop.",
  DENIALS: "More denials of one agent than the limit in the window.",
} as const;

export function BreakerForm({
  slug,
  agents,
  actions,
}: {
  slug: string;
  agents: { id: string; name: string }[];
  actions: readonly string[];
}) {
  const create = useServerAction(createBreakerAction);
  const [v, setV] = useState({
    name: "",
    agentId: "",
    kind: "ACTION_RATE" as keyof typeof KIND_HELP,
    action: "refund",
    limit: "50",
    windowMinutes: "60",
    outcome: "HOLD" as "ALERT" | "HOLD" | "STOP",
    suspendAgent: false,
  });
  const set = <K extends keyof typeof v>(key: K, value: (typeof v)[K]) => setV((o) => ({ ...o, [key]: value }));
  return (
    <form
      className="grid gap-3 sm:grid-cols-3"
      onSubmit={(e) => {
        e.preventDefault();
        create.mutate(
          {
            workspace: slug,
            breaker: {
              name: v.name,
              agentId: v.agentId || null,
              kind: v.kind,
              action: v.kind === "DENIALS" ? null : v.action,
              limit: v.limit,
              windowSeconds: Math.round(Number(v.windowMinutes) * 60),
              outcome: v.outcome,
              suspendAgent: v.suspendAgent,
            },
          },
          { onSuccess: () => setV((o) => ({ ...o, name: "" })) },
        );
      }}
    >
      <Field label="Name" htmlFor="breaker-name">
        <Input
          id="breaker-name"
          value={v.name}
          onChange={(e) => set("name", e.target.value)}
          required
          maxLength={100}
        />
      </Field>
      <Field label="Counts" htmlFor="breaker-kind" hint={KIND_HELP[v.kind]}>
        <Select
          id="breaker-kind"
          value={v.kind}
          onChange={(e) => set("kind", e.target.value as keyof typeof KIND_HELP)}
        >
          <option value="ACTION_RATE">Decisions of one action</option>
          <option value="REPEATED_ACTION">The same action on one resource</option>
          <option value="DENIALS">Denials</option>
        </Select>
      </Field>
      <Field label="Agent" htmlFor="breaker-agent" hint="Every agent is counted on its own.">
        <Select id="breaker-agent" value={v.agentId} onChange={(e) => set("agentId", e.target.value)}>
          <option value="">Every agent</option>
          {agents.map((a) => (
            <option key={a.id} value={a.id}>
              {a.name}
            </option>
          ))}
        </Select>
      </Field>
      {v.kind !== "DENIALS" ? (
        <Field label="Action" htmlFor="breaker-action">
          <Select id="breaker-action" value={v.action} onChange={(e) => set("action", e.target.value)}>
            {actions.map((a) => (
              <option key={a} value={a}>
                {a}
              </option>
            ))}
          </Select>
        </Field>
      ) : null}
      <Field label="Limit" htmlFor="breaker-limit">
        <Input
          id="breaker-limit"
          type="number"
          min={1}
          value={v.limit}
          onChange={(e) => set("limit", e.target.value)}
        />
      </Field>
      <Field label="Window (minutes)" htmlFor="breaker-window">
        <Input
          id="breaker-window"
          type="number"
          min={1}
          value={v.windowMinutes}
          onChange={(e) => set("windowMinutes", e.target.value)}
        />
      </Field>
      <Field label="Past the limit" htmlFor="breaker-outcome">
        <Select
          id="breaker-outcome"
          value={v.outcome}
          onChange={(e) => set("outcome", e.target.value as "ALERT" | "HOLD" | "STOP")}
        >
          <option value="ALERT">Alert only</option>
          <option value="HOLD">Hold for approval</option>
          <option value="STOP">Deny</option>
        </Select>
      </Field>
      {v.outcome === "STOP" ? (
        <label className="flex items-center gap-1.5 self-end text-sm">
          <input type="checkbox" checked={v.suspendAgent} onChange={(e) => set("suspendAgent", e.target.checked)} />
          Also suspend the agent
        </label>
      ) : null}
      <div className="flex items-center gap-3 sm:col-span-3">
        <Button type="submit" disabled={create.isPending}>
          {create.isPending ? "Saving…" : "Add breaker"}
        </Button>
        <FormError message={create.error?.message} />
      </div>
    </form>
  );
}
