"use client";
// The user list for admins (read/write) and auditors (read-only). Write controls render only when the
// viewer's role has user:write; the API enforces the same rule.
import { Loading, LoadError } from "@/components/shell/query-states";
import { useMemo, useState } from "react";
import { can, roleLabels, type Role } from "@/lib/auth/permissions";
import { useUsers, type UserRow } from "@/lib/hooks/use-users-query";
import { Badge } from "@/components/ui/badge";
import { Button } from "@/components/ui/button";
import { Input } from "@/components/ui/input";
import { Table, TBody, Td, Th, THead, Tr, type SortDirection } from "@/components/ui/table";
import { CreateUserDialog } from "./create-user-dialog";
import { EditUserDialog } from "./edit-user-dialog";
import { ResetPasswordDialog } from "./reset-password-dialog";
import { formatDateTime } from "./format";

type SortKey = "name" | "email" | "role" | "status" | "lastLoginAt";

const sorters: Record<SortKey, (a: UserRow, b: UserRow) => number> = {
  name: (a, b) => a.name.localeCompare(b.name),
  email: (a, b) => a.email.localeCompare(b.email),
  role: (a, b) => roleLabels[a.role].localeCompare(roleLabels[b.role]),
  status: (a, b) => Number(a.disabledAt !== null) - Number(b.disabledAt !== null),
  lastLoginAt: (a, b) => (a.lastLoginAt ?? "").localeCompare(b.lastLoginAt ?? ""),
};

export function UsersTable({ viewerId, viewerRole }: { viewerId: string; viewerRole: Role }) {
  const canWrite = can(viewerRole, "user:write");
  const users = useUsers();
  const [filter, setFilter] = useState("");
  const [sort, setSort] = useState<{ key: SortKey; direction: SortDirection }>({ key: "name", direction: "ascending" });
  const [isCreating, setIsCreating] = useState(false);
  const [editing, setEditing] = useState<UserRow | null>(null);
  const [resetting, setResetting] = useState<UserRow | null>(null);

  const rows = useMemo(() => {
    const needle = filter.trim().toLowerCase();
    const filtered = (users.data ?? []).filter(
      (u) => !needle || u.name.toLowerCase().includes(needle) || u.email.toLowerCase().includes(needle),
    );
    const sign = sort.direction === "ascending" ? 1 : -1;
    return filtered.sort((a, b) => sign * sorters[sort.key](a, b) || a.email.localeCompare(b.email));
  }, [users.data, filter, sort]);

  function headerProps(key: SortKey) {
    return {
      sort: sort.key === key ? sort.direction : null,
      onSort: () =>
        setSort((s) => ({ key, direction: s.key === key && s.direction === "ascending" ? "descending" : "ascending" })),
    };
  }

  return (
    <div className="space-y-4">
      <div className="flex flex-col gap-3 sm:flex-row sm:items-end sm:justify-between">
        <Input
          label="Filter users"
          hideLabel
          type="search"
          placeholder="Filter by name or email"
          value={filter}
          onChange={(e) => setFilter(e.target.value)}
          className="w-full sm:max-w-xs"
        />
        {canWrite && <Button onClick={() => setIsCreating(true)}>Add user</Button>}
      </div>

      {users.isPending ? (
        <Loading>Loading users…</Loading>
      ) : users.isError ? (
        <LoadError title="Could not load users" error={users.error} onRetry={() => void users.refetch()} />
      ) : (
        <>
          <Table caption="Users">
            <THead>
              <tr>
                <Th {...headerProps("name")}>Name</Th>
                <Th {...headerProps("email")}>Email</Th>
                <Th {...headerProps("role")}>Role</Th>
                <Th {...headerProps("status")}>Status</Th>
                <Th {...headerProps("lastLoginAt")}>Last sign-in</Th>
                {canWrite && (
                  <Th>
                    <span className="sr-only">Actions</span>
                  </Th>
                )}
              </tr>
            </THead>
            <TBody>
              {rows.length === 0 ? (
                <tr>
                  <Td colSpan={canWrite ? 6 : 5} className="py-8 text-center text-slate-500">
                    {filter ? "No users match this filter." : "No users yet."}
                  </Td>
                </tr>
              ) : (
                rows.map((user) => (
                  <Tr key={user.id}>
                    <Td className="font-medium">
                      {user.name}
                      {user.id === viewerId && (
                        <Badge tone="accent" className="ml-2">
                          You
                        </Badge>
                      )}
                    </Td>
                    <Td>{user.email}</Td>
                    <Td>{roleLabels[user.role] ?? user.role}</Td>
                    <Td>{user.disabledAt ? <Badge tone="danger">Disabled</Badge> : <Badge tone="success">Active</Badge>}</Td>
                    <Td className="whitespace-nowrap">{user.lastLoginAt ? formatDateTime(user.lastLoginAt) : "Never"}</Td>
                    {canWrite && (
                      <Td className="text-right whitespace-nowrap">
                        <Button variant="ghost" size="sm" onClick={() => setEditing(user)} aria-label={`Edit ${user.name}`}>
                          Edit
                        </Button>
                        <Button variant="ghost" size="sm" onClick={() => setResetting(user)} aria-label={`Reset password for ${user.name}`}>
                          Reset password
                        </Button>
                      </Td>
                    )}
                  </Tr>
                ))
              )}
            </TBody>
          </Table>
          <p className="text-xs text-slate-500" role="status">
            {rows.length === (users.data?.length ?? 0) ? `${rows.length} users` : `${rows.length} of ${users.data?.length ?? 0} users`}
          </p>
        </>
      )}

      {canWrite && (
        <>
          <CreateUserDialog open={isCreating} onClose={() => setIsCreating(false)} />
          <EditUserDialog user={editing} isSelf={editing?.id === viewerId} onClose={() => setEditing(null)} />
          <ResetPasswordDialog user={resetting} onClose={() => setResetting(null)} />
        </>
      )}
    </div>
  );
}
