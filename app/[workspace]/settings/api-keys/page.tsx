import type { Metadata } from "next";
import { requirePageAccess } from "@/lib/http/page-access";
import { can } from "@/lib/auth/permissions";
import { listApiKeys } from "@/lib/api-keys";
import { Card } from "@/components/ui/card";
import { Badge } from "@/components/ui/badge";
import { Table, Td, Th } from "@/components/ui/table";
import { Ago, Time } from "@/components/ui/time";
import { CreateApiKeyForm } from "@/components/settings/create-api-key-form";
import { RevokeApiKeyButton } from "@/components/settings/revoke-api-key-button";

export const metadata: Metadata = { title: "API keys" };

export default async function ApiKeysPage({ params }: { params: Promise<{ workspace: string }> }) {
  const { workspace: slug } = await params;
  const access = await requirePageAccess(slug, "apiKeys:read");
  const manage = can(access.role, "apiKeys:manage");
  const keys = await listApiKeys({ workspaceId: access.workspace.id });

  return (
    <div className="space-y-6">
      {manage ? (
        <Card
          title="Create an API key"
          description="Agents and services authenticate with a key; the key decides the workspace."
        >
          <CreateApiKeyForm slug={slug} />
        </Card>
      ) : null}
      <Card title="API keys" description="Secrets are stored hashed; only their last four characters are shown.">
        {keys.length === 0 ? (
          <p className="text-sm text-slate-500">No API keys yet.</p>
        ) : (
          <Table label="API keys">
            <thead>
              <tr>
                <Th>Name</Th>
                <Th>Key</Th>
                <Th>Scopes</Th>
                <Th>Created</Th>
                <Th>Last used</Th>
                <Th>Status</Th>
              </tr>
            </thead>
            <tbody className="divide-y divide-slate-100">
              {keys.map((key) => (
                <tr key={key.id}>
                  <Td className="font-medium text-slate-900">{key.name}</Td>
                  <Td className="font-mono text-xs whitespace-nowrap">
                    <div>{key.publicKey}</div>
                    <div className="text-slate-400" aria-label="Secret ends with">
                      …{key.secretHint}
                    </div>
                  </Td>
                  <Td>
                    <div className="flex gap-1">
                      {key.scopes.map((s) => (
                        <Badge key={s}>{s}</Badge>
                      ))}
                    </div>
                  </Td>
                  <Td>
                    <Time value={key.createdAt} />
                    {key.createdBy ? <div className="text-xs text-slate-400">by {key.createdBy.email}</div> : null}
                  </Td>
                  <Td>
                    <Ago value={key.lastUsedAt} empty="never" />
                  </Td>
                  <Td>
                    <div className="flex items-center gap-2">
                      {key.revokedAt ? <Badge tone="red">revoked</Badge> : <Badge tone="green">active</Badge>}
                      {manage && !key.revokedAt ? (
                        <RevokeApiKeyButton slug={slug} keyId={key.id} name={key.name} />
                      ) : null}
                    </div>
                  </Td>
                </tr>
              ))}
            </tbody>
          </Table>
        )}
      </Card>
    </div>
  );
}
