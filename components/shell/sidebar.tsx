"use client";

import type { ReactNode } from "react";
import Link from "next/link";
import { usePathname } from "next/navigation";
import clsx from "clsx";
import type { NavItem } from "./nav-items";

export function SidebarNav({
  slug,
  items,
  badges = {},
}: {
  slug: string;
  items: NavItem[];
  /** Shown at the end of an item's link, keyed by the item's `href` ("/approvals"). */
  badges?: Partial<Record<string, ReactNode>>;
}) {
  const pathname = usePathname();
  return (
    <nav aria-label="Main" className="space-y-0.5">
      {items.map((item) => {
        const href = `/${slug}${item.href}`;
        const active = item.href === "" ? pathname === href : pathname === href || pathname.startsWith(`${href}/`);
        const badge = badges[item.href];
        return (
          <Link
            key={item.label}
            href={href}
            aria-current={active ? "page" : undefined}
            className={clsx(
              "flex items-center gap-2.5 rounded-md px-2.5 py-1.5 text-sm font-medium",
              active ? "bg-slate-800 text-white" : "text-slate-300 hover:bg-slate-800/60 hover:text-white",
            )}
          >
            <span aria-hidden className="w-4 text-center text-slate-400">
              {item.icon}
            </span>
            {item.label}
            {badge != null ? <span className="ml-auto">{badge}</span> : null}
          </Link>
        );
      })}
    </nav>
  );
}
