"use client";
import Link from "next/link";
import { usePathname } from "next/navigation";
import { can, type Role } from "@/lib/auth/permissions";
import { cn } from "@/components/ui/cn";
import { isActivePath, navSections } from "./nav-items";

export function SidebarNav({ role, onNavigate }: { role: Role; onNavigate?: () => void }) {
  const pathname = usePathname() ?? "/";
  const sections = navSections
    .map((section) => ({ ...section, items: section.items.filter((item) => can(role, item.action)) }))
    .filter((section) => section.items.length > 0);

  return (
    <nav aria-label="Main" className="space-y-6 p-3">
      {sections.map((section) => {
        const headingId = section.label ? `nav-${section.label.toLowerCase()}` : undefined;
        return (
          <div key={section.label ?? "main"}>
            {section.label && (
              <h2 id={headingId} className="px-3 pb-1 text-xs font-semibold tracking-wide text-slate-500 uppercase">
                {section.label}
              </h2>
            )}
            <ul className="space-y-0.5" aria-labelledby={headingId}>
              {section.items.map((item) => {
                const active = isActivePath(pathname, item.href);
                return (
                  <li key={item.href}>
                    <Link
                      href={item.href}
                      aria-current={active ? "page" : undefined}
                      onClick={onNavigate}
                      className={cn(
                        "block rounded-md px-3 py-2 text-sm font-medium transition-colors",
                        active ? "bg-accent-50 text-accent-700" : "text-slate-700 hover:bg-slate-100 hover:text-slate-900",
                      )}
                    >
                      {item.label}
                    </Link>
                  </li>
                );
              })}
            </ul>
          </div>
        );
      })}
    </nav>
  );
}
