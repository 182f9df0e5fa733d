"use client";

import { FormError, Select } from "@/components/ui/field";
import { ROLES, type Role } from "@/lib/auth/permissions";
import { changeMemberRoleAction, removeMemberAction } from "@/app/[workspace]/settings/actions";
import { useServerAction } from "./use-action";
import { ConfirmActionButton } from "./confirm-action-button";
import { useRowError } from "./row-voice";

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
  const voice = useRowError("role", change.error);
  return (
    <div className="space-y-1">
      <Select
        aria-label={`Role of ${email}`}
        value={change.isPending && change.variables ? change.variables.role : role}
        disabled={change.isPending}
        onChange={(e) => {
          voice.claim();
          change.mutate({ workspace: slug, membershipId, role: e.target.value as Role });
        }}
        className="w-36"
      >
        {ROLES.map((r) => (
          <option key={r} value={r}>
            {r}
          </option>
        ))}
      </Select>
      <FormError message={voice.message} />
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
      speaker="remove"
      action={removeMemberAction}
      input={{ workspace: slug, membershipId }}
      label="Remove"
      accessibleName={`Remove ${email}`}
      question={`Remove ${email} from this workspace?`}
    />
  );
}
