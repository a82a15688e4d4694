// The sidebar's entries and the permission each needs. Navigation only hides links; every page still
// checks its own permission on the server.
import type { Action } from "@/lib/auth/permissions";

export type NavItem = { href: string; label: string; action: Action };
export type NavSection = { label: string | null; items: readonly NavItem[] };

export const navSections: readonly NavSection[] = [
  {
    label: null,
    items: [
      { href: "/search", label: "Search", action: "search:run" },
      { href: "/queue", label: "My queue", action: "review:write" },
      { href: "/conversations", label: "Conversations", action: "archive:read" },
      { href: "/gpts", label: "GPTs", action: "archive:read" },
      { href: "/projects", label: "Projects", action: "archive:read" },
      { href: "/custodians", label: "Custodians", action: "archive:read" },
      { href: "/holds", label: "Holds", action: "hold:read" },
      { href: "/retention", label: "Retention", action: "retention:read" },
      { href: "/exports", label: "Exports", action: "export:read" },
    ],
  },
  {
    label: "Admin",
    items: [
      { href: "/admin/sources", label: "Sources", action: "source:read" },
      { href: "/admin/users", label: "Users", action: "user:read" },
      { href: "/admin/tags", label: "Tags", action: "tag:write" },
      { href: "/admin/search-index", label: "Search index", action: "system:read" },
      { href: "/admin/audit", label: "Audit", action: "audit:read" },
    ],
  },
];

export function isActivePath(pathname: string, href: string): boolean {
  return pathname === href || pathname.startsWith(`${href}/`);
}
