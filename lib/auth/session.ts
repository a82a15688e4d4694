// Session access for server components and pages. Route handlers use lib/http/handler.ts instead.
import "server-only";
import { cache } from "react";
import { getServerSession } from "next-auth";
import { redirect } from "next/navigation";
import { getAuthOptions } from "@/lib/auth/options";
import { can, type Action } from "@/lib/auth/permissions";
import type { SessionUser } from "@/lib/auth/session-user";

export type { SessionUser };

/** Once per request: layouts and pages share the result (each resolution re-reads the user row). */
export const getSessionUser = cache(async (): Promise<SessionUser | null> => {
  const session = await getServerSession(getAuthOptions());
  return session?.user ?? null;
});

export async function requireUser(): Promise<SessionUser> {
  const user = await getSessionUser();
  if (!user) redirect("/login");
  return user;
}

/** For pages: signed-out users go to /login; signed-in users without the permission get the forbidden page. */
export async function requirePermission(action: Action): Promise<SessionUser> {
  const user = await requireUser();
  if (!can(user.role, action)) redirect(`/forbidden`);
  return user;
}
