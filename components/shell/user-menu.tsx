"use client";
import { signOut } from "next-auth/react";
import { roleLabels, type Role } from "@/lib/auth/permissions";
import { Dropdown } from "@/components/ui/dropdown";

export type ShellUser = { name: string; email: string; role: Role };

function getInitials(name: string): string {
  const parts = name.trim().split(/\s+/).filter(Boolean);
  return ((parts[0]?.[0] ?? "") + (parts.length > 1 ? parts[parts.length - 1][0] : "")).toUpperCase() || "?";
}

export function UserMenu({ user }: { user: ShellUser }) {
  return (
    <Dropdown
      className="shrink-0"
      trigger={
        <>
          <span aria-hidden="true" className="flex size-7 items-center justify-center rounded-full bg-accent-100 text-xs font-semibold text-accent-700">
            {getInitials(user.name)}
          </span>
          <span className="flex flex-col items-start leading-tight">
            <span className="max-w-40 truncate text-sm font-medium text-slate-900">{user.name}</span>
            <span className="text-xs font-normal text-slate-500">{roleLabels[user.role]}</span>
          </span>
        </>
      }
      size="lg"
      header={
        <>
          <p className="text-slate-500">Signed in as</p>
          <p className="truncate font-medium text-slate-900">{user.email}</p>
        </>
      }
      items={[{ key: "sign-out", label: "Sign out", onSelect: () => void signOut({ callbackUrl: "/login" }) }]}
    />
  );
}
