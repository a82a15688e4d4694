// react-query wrappers for /api/v1/users. Every mutation invalidates ["users"] so the table re-reads.
import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import type { Role } from "@/lib/auth/permissions";
import type { CreateUserInput, UpdateUserInput } from "@/lib/users/schemas";
import { fetchJson } from "./fetch-json";

export type UserRow = {
  id: string;
  email: string;
  name: string;
  role: Role;
  disabledAt: string | null;
  createdAt: string;
  lastLoginAt: string | null;
  hasPassword: boolean;
};

export const usersQueryKey = ["users"] as const;

export function useUsers() {
  return useQuery({
    queryKey: usersQueryKey,
    queryFn: ({ signal }) => fetchJson<{ users: UserRow[] }>("/api/v1/users", { signal }),
    select: (data) => data.users,
  });
}

export function useCreateUser() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (input: CreateUserInput) => fetchJson<{ user: UserRow }>("/api/v1/users", { method: "POST", body: input }),
    onSuccess: () => queryClient.invalidateQueries({ queryKey: usersQueryKey }),
  });
}

export function useUpdateUser() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: ({ id, ...input }: UpdateUserInput & { id: string }) =>
      fetchJson<{ user: UserRow }>(`/api/v1/users/${encodeURIComponent(id)}`, { method: "PATCH", body: input }),
    onSuccess: () => queryClient.invalidateQueries({ queryKey: usersQueryKey }),
  });
}

export function useResetPassword() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: ({ id, password }: { id: string; password: string }) =>
      fetchJson<{ ok: true }>(`/api/v1/users/${encodeURIComponent(id)}/password`, { method: "POST", body: { password } }),
    onSuccess: () => queryClient.invalidateQueries({ queryKey: usersQueryKey }),
  });
}
