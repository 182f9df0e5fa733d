import type { Metadata } from "next";
import { requirePageAccess } from "@/lib/http/page-access";
import { can } from "@/lib/auth/permissions";
import { listMembers } from "@/lib/members";
import { Card } from "@/components/ui/card";
import { Badge } from "@/components/ui/badge";
import { Table, Td, Th } from "@/components/ui/table";
import { Time } from "@/components/ui/time";
import { AddMemberForm } from "@/components/settings/add-member-form";
import { MemberRoleSelect, RemoveMemberButton } from "@/components/settings/member-row-controls";
import { VoicedRow } from "@/components/settings/row-voice";

export const metadata: Metadata = { title: "Members" };

export default async function MembersPage({ params }: { params: Promise<{ workspace: string }> }) {
  const { workspace: slug } = await params;
  const access = await requirePageAccess(slug, "members:read");
  const manage = can(access.role, "members:manage");
  const members = await listMembers({ workspaceId: access.workspace.id });

  return (
    <div className="space-y-6">
      {manage ? (
        <Card
          title="Add a member"
          description="People get a role in this workspace; a new user gets a one-time password."
        >
          <AddMemberForm slug={slug} />
        </Card>
      ) : null}
      <Card
        title="Members"
        description={`${members.length} ${members.length === 1 ? "person has" : "people have"} access to this workspace.`}
      >
        <Table label="Members">
          <thead>
            <tr>
              <Th>Name</Th>
              <Th>Email</Th>
              <Th>Role</Th>
              <Th>Last sign-in</Th>
              {manage ? <Th className="text-right">Actions</Th> : null}
            </tr>
          </thead>
          <tbody className="divide-y divide-slate-100">
            {members.map((m) => (
              <VoicedRow key={m.id}>
                <Td className="font-medium text-slate-900">
                  {m.user.name}
                  {m.user.id === access.user.id ? <span className="ml-2 text-xs text-slate-400">(you)</span> : null}
                </Td>
                <Td>{m.user.email}</Td>
                <Td>
                  {manage ? (
                    <MemberRoleSelect slug={slug} membershipId={m.id} role={m.role} email={m.user.email} />
                  ) : (
                    <Badge>{m.role}</Badge>
                  )}
                </Td>
                <Td>
                  <Time value={m.user.lastSignInAt} empty="never" />
                </Td>
                {manage ? (
                  <Td>
                    <RemoveMemberButton slug={slug} membershipId={m.id} email={m.user.email} />
                  </Td>
                ) : null}
              </VoicedRow>
            ))}
          </tbody>
        </Table>
      </Card>
    </div>
  );
}
