// Resolves a session token to a live user: the database, not the token, decides role and whether the
// account may still act (disabled, deleted or password changed after sign-in ⇒ no session).
import "server-only";
import { getDb } from "@/lib/db";
import { isRole, type Role } from "@/lib/auth/permissions";

export type SessionUser = { id: string; email: string; name: string; role: Role };

export async function loadActiveUser(userId: unknown, authAt: unknown): Promise<SessionUser | null> {
  if (typeof userId !== "string" || !userId) return null;
  const user = await getDb().user.findUnique({ where: { id: userId } });
  if (!user || user.disabledAt || !isRole(user.role)) return null;
  if (user.passwordChangedAt && typeof authAt === "number" && user.passwordChangedAt.getTime() > authAt) return null;
  return { id: user.id, email: user.email, name: user.name, role: user.role };
}
