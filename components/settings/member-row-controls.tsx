"use client";

import { Button } from "@/components/ui/button";
import { FormError, Select } from "@/components/ui/field";
import { ROLES, type Role } from "@/lib/auth/permissions";
import { changeMemberRoleAction, removeMemberAction } from "@/app/[workspace]/settings/actions";
import { useServerAction } from "./use-action";

export function MemberRoleSelect({
  slug,
  membershipId,
  role,
  email,
}: {
  slug: string;
  membershipId: string;
  role: Role;
  email: string;
}) {
  const change = useServerAction(changeMemberRoleAction);
  return (
    <div className="space-y-1">
      <Select
        aria-label={`Role of ${email}`}
        value={change.isPending && change.variables ? change.variables.role : role}
        disabled={change.isPending}
        onChange={(e) => change.mutate({ workspace: slug, membershipId, role: e.target.value as Role })}
        className="w-36"
      >
        {ROLES.map((r) => (
          <option key={r} value={r}>
            {r}
          </option>
        ))}
      </Select>
      <FormError message={change.error?.message} />
    </div>
  );
}

export function RemoveMemberButton({
  slug,
  membershipId,
  email,
}: {
  slug: string;
  membershipId: string;
  email: string;
}) {
  const remove = useServerAction(removeMemberAction);
  return (
    <div className="space-y-1 text-right">
      <Button
        variant="danger"
        aria-label={`Remove ${email}`}
        disabled={remove.isPending}
        onClick={() => {
          if (window.confirm(`Remove ${email} from this workspace?`)) remove.mutate({ workspace: slug, membershipId });
        }}
      >
        Remove
      </Button>
      <FormError message={remove.error?.message} />
    </div>
  );
}
