import type { Permission } from "@/lib/auth/permissions";

export interface NavItem {
  href: string;
  label: string;
  permission: Permission;
  icon: string;
}

// Every area of the product, in the order people reach for them.
export const NAV_ITEMS: NavItem[] = [
  { href: "", label: "Overview", permission: "workspace:read", icon: "◎" },
  { href: "/traces", label: "Traces", permission: "traces:read", icon: "≋" },
  { href: "/agents", label: "Agents", permission: "agents:read", icon: "◇" },
  { href: "/decisions", label: "Decisions", permission: "decisions:read", icon: "⚖" },
  { href: "/policies", label: "Policies", permission: "policies:read", icon: "§" },
  { href: "/approvals", label: "Approvals", permission: "approvals:read", icon: "✓" },
  { href: "/costs", label: "Costs", permission: "costs:read", icon: "$" },
  { href: "/audit", label: "Audit", permission: "audit:read", icon: "¶" },
  { href: "/settings", label: "Settings", permission: "workspace:read", icon: "⚙" },
];
