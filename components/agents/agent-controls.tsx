"use client";

import { useState } from "react";
import { Button } from "@/components/ui/button";
import { Field, FormError, Input, Select } from "@/components/ui/field";
import { AUTONOMY_LEVELS } from "@/lib/policy/schema";
import { updateAgentControlsAction } from "@/app/[workspace]/agents/[agentId]/actions";
import { useServerAction } from "@/components/settings/use-action";

type Autonomy = (typeof AUTONOMY_LEVELS)[number];

/** The kill switch and the autonomy dial, for admins; every change carries a reason. */
export function AgentControls({
  slug,
  agentId,
  status,
  autonomyLevel,
}: {
  slug: string;
  agentId: string;
  status: "ACTIVE" | "SUSPENDED";
  autonomyLevel: Autonomy;
}) {
  const [reason, setReason] = useState("");
  const [autonomy, setAutonomy] = useState<Autonomy>(autonomyLevel);
  const update = useServerAction(updateAgentControlsAction);
  const run = (change: { status?: "ACTIVE" | "SUSPENDED"; autonomyLevel?: Autonomy }) =>
    update.mutate({ workspace: slug, agentId, reason, ...change }, { onSuccess: () => setReason("") });
  return (
    <div className="space-y-3">
      <Field label="Reason (recorded in the audit trail)" htmlFor="control-reason">
        <Input
          id="control-reason"
          value={reason}
          onChange={(e) => setReason(e.target.value)}
          maxLength={500}
          placeholder="e.g. refunds spiking since 14:00"
        />
      </Field>
      <div className="flex flex-wrap items-end gap-3">
        {status === "ACTIVE" ? (
          <Button variant="danger" disabled={update.isPending} onClick={() => run({ status: "SUSPENDED" })}>
            Suspend agent
          </Button>
        ) : (
          <Button variant="secondary" disabled={update.isPending} onClick={() => run({ status: "ACTIVE" })}>
            Resume agent
          </Button>
        )}
        <Field label="Autonomy" htmlFor="control-autonomy">
          <Select id="control-autonomy" value={autonomy} onChange={(e) => setAutonomy(e.target.value as Autonomy)}>
            {AUTONOMY_LEVELS.map((a) => (
              <option key={a} value={a}>
                {a.toLowerCase().replaceAll("_", " ")}
              </option>
            ))}
          </Select>
        </Field>
        <Button
          variant="secondary"
          disabled={update.isPending || autonomy === autonomyLevel}
          onClick={() => run({ autonomyLevel: autonomy })}
        >
          Set autonomy
        </Button>
      </div>
      <FormError message={update.error?.message} />
    </div>
  );
}
