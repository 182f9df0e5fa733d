"use client";

import Link from "next/link";
import { usePathname } from "next/navigation";
import clsx from "clsx";

// Every member may read the webhook status (workspace:read, which the settings layout requires).
const WEBHOOKS_TAB = { href: "/webhooks", label: "Webhooks" };

export function SettingsTabs({ slug, tabs }: { slug: string; tabs: { href: string; label: string }[] }) {
  const pathname = usePathname();
  return (
    <nav aria-label="Settings" className="mb-6 flex gap-1 border-b border-slate-200">
      {[...tabs, WEBHOOKS_TAB].map((tab) => {
        const href = `/${slug}/settings${tab.href}`;
        const active = pathname === href;
        return (
          <Link
            key={tab.href}
            href={href}
            aria-current={active ? "page" : undefined}
            className={clsx(
              "-mb-px border-b-2 px-3 py-2 text-sm font-medium",
              active ? "border-brand-600 text-brand-700" : "border-transparent text-slate-500 hover:text-slate-800",
            )}
          >
            {tab.label}
          </Link>
        );
      })}
    </nav>
  );
}
