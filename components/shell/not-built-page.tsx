import { requirePageAccess } from "@/lib/http/page-access";
import type { Permission } from "@/lib/auth/permissions";
import { PageHeader } from "@/components/ui/page-header";
import { NotBuilt } from "@/components/ui/not-built";

// Areas of the product whose pages are not built yet: each says so, and what it will do.
export const UNBUILT_AREAS = {
  audit: {
    title: "Audit",
    permission: "audit:read",
    area: "The audit trail browser",
    plan: "Browse and filter the hash-chained audit trail, verify the chain and export evidence. The trail itself is already recorded: every governance change in this workspace writes an event (see the overview).",
  },
} satisfies Record<string, { title: string; permission: Permission; area: string; plan: string }>;

export function notBuiltPage(key: keyof typeof UNBUILT_AREAS) {
  const spec = UNBUILT_AREAS[key];
  return async function NotBuiltAreaPage({ params }: { params: Promise<{ workspace: string }> }) {
    const { workspace: slug } = await params;
    await requirePageAccess(slug, spec.permission);
    return (
      <div className="max-w-5xl">
        <PageHeader title={spec.title} />
        <NotBuilt area={spec.area}>
          <p>{spec.plan}</p>
        </NotBuilt>
      </div>
    );
  };
}
