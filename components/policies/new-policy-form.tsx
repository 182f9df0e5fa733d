"use client";

import { useState } from "react";
import { useRouter } from "next/navigation";
import { Button } from "@/components/ui/button";
import { FormError, Input, Select } from "@/components/ui/field";
import { useServerAction } from "@/components/settings/use-action";
import { createPolicyAction } from "@/app/[workspace]/policies/actions";

/** A new policy starts as a draft; it takes part in decisions once published. */
export function NewPolicyForm({ slug }: { slug: string }) {
  const router = useRouter();
  const [name, setName] = useState("");
  const [set, setSet] = useState<"GUARDRAILS" | "APPROVALS">("GUARDRAILS");
  const [description, setDescription] = useState("");
  const create = useServerAction(createPolicyAction, { refresh: false });
  return (
    <form
      aria-label="New policy"
      className="flex flex-wrap items-end gap-2"
      onSubmit={(event) => {
        event.preventDefault();
        create.mutate(
          { workspace: slug, name, set, description },
          { onSuccess: ({ id }) => router.push(`/${slug}/policies/${id}`) },
        );
      }}
    >
      <div className="w-56">
        <label htmlFor="policy-name" className="block text-xs font-medium text-slate-600">
          Name
        </label>
        <Input id="policy-name" value={name} onChange={(e) => setName(e.target.value)} placeholder="deploy-freeze" />
      </div>
      <div>
        <label htmlFor="policy-set" className="block text-xs font-medium text-slate-600">
          Set
        </label>
        <Select id="policy-set" value={set} onChange={(e) => setSet(e.target.value as typeof set)}>
          <option value="GUARDRAILS">Guardrails</option>
          <option value="APPROVALS">Approvals</option>
        </Select>
      </div>
      <div className="min-w-64 flex-1">
        <label htmlFor="policy-description" className="block text-xs font-medium text-slate-600">
          What it is for
        </label>
        <Input id="policy-description" value={description} onChange={(e) => setDescription(e.target.value)} />
      </div>
      <Button type="submit" disabled={create.isPending}>
        Create draft
      </Button>
      <div className="w-full">
        <FormError message={create.error?.message} />
      </div>
    </form>
  );
}
