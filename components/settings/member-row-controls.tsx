"use client";

import { FormError, Select } from "@/components/ui/field";
import { ROLES, type Role } from "@/lib/auth/permissions";
import { changeMemberRoleAction, removeMemberAction } from "@/app/[workspace]/settings/actions";
import { useServerAction } from "./use-action";
import { ConfirmActionButton } from "./confirm-action-button";

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
  return (
    <ConfirmActionButton
      action={removeMemberAction}
      input={{ workspace: slug, membershipId }}
      label="Remove"
      accessibleName={`Remove ${email}`}
      question={`Remove ${email} from this workspace?`}
    />
  );
}
