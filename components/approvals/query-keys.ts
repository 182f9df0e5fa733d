// TanStack Query keys of the approvals views, from one factory.
export const approvalKeys = {
  all: (slug: string) => ["approvals", slug] as const,
  list: (slug: string, search: string) => ["approvals", slug, "list", search] as const,
  waiting: (slug: string) => ["approvals", slug, "waiting"] as const,
};

export const approvalsUrl = (slug: string, search: string) =>
  `/api/v1/approvals?workspace=${encodeURIComponent(slug)}${search ? `&${search}` : ""}`;
