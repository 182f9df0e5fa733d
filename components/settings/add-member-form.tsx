"use client";

import { useState } from "react";
import { Button } from "@/components/ui/button";
import { Field, FormError, Input, Select } from "@/components/ui/field";
import { ROLES, type Role } from "@/lib/auth/permissions";
import { addMemberAction } from "@/app/[workspace]/settings/actions";
import { useServerAction } from "./use-action";
import { OneTimeSecret } from "./one-time-secret";

export function AddMemberForm({ slug }: { slug: string }) {
  const [email, setEmail] = useState("");
  const [name, setName] = useState("");
  const [role, setRole] = useState<Role>("VIEWER");
  const add = useServerAction(addMemberAction);

  return (
    <div className="space-y-4">
      <form
        className="grid gap-3 sm:grid-cols-[2fr_2fr_1fr_auto] sm:items-end"
        onSubmit={(event) => {
          event.preventDefault();
          add.mutate(
            { workspace: slug, email, name: name || undefined, role },
            {
              onSuccess: () => {
                setEmail("");
                setName("");
              },
            },
          );
        }}
      >
        <Field label="Email" htmlFor="member-email">
          <Input id="member-email" type="email" required value={email} onChange={(e) => setEmail(e.target.value)} />
        </Field>
        <Field label="Name (new users)" htmlFor="member-name">
          <Input id="member-name" value={name} onChange={(e) => setName(e.target.value)} maxLength={100} />
        </Field>
        <Field label="Role" htmlFor="member-role">
          <Select id="member-role" value={role} onChange={(e) => setRole(e.target.value as Role)}>
            {ROLES.map((r) => (
              <option key={r} value={r}>
                {r}
              </option>
            ))}
          </Select>
        </Field>
        <Button type="submit" disabled={add.isPending}>
          {add.isPending ? "Adding…" : "Add member"}
        </Button>
      </form>
      <FormError message={add.error?.message} />
      {add.data ? (
        add.data.initialPassword ? (
          <OneTimeSecret
            title={`${add.data.email} was created`}
            description="Give them this one-time password. It is shown only now; Arbiter stores only its hash."
            label="Initial password"
            value={add.data.initialPassword}
          />
        ) : (
          <p className="text-sm text-emerald-700">{add.data.email} was added with their existing account.</p>
        )
      ) : null}
    </div>
  );
}
