// App-user administration: create, update role/name/disabled, reset password, bootstrap the first admin.
// Every change is audited in the same transaction as the change.
import "server-only";
import { getDb } from "@/lib/db";
import { AppError } from "@/lib/http/errors";
import { hashPassword } from "@/lib/crypto/password";
import { recordAudit } from "@/lib/audit/audit";
import type { SessionUser } from "@/lib/auth/session-user";
import type { CreateUserInput, UpdateUserInput } from "@/lib/users/schemas";
import type { User } from "@/lib/generated/prisma/client";

export type PublicUser = {
  id: string;
  email: string;
  name: string;
  role: User["role"];
  disabledAt: string | null;
  createdAt: string;
  lastLoginAt: string | null;
  hasPassword: boolean;
};

export function toPublicUser(u: User): PublicUser {
  return {
    id: u.id,
    email: u.email,
    name: u.name,
    role: u.role,
    disabledAt: u.disabledAt?.toISOString() ?? null,
    createdAt: u.createdAt.toISOString(),
    lastLoginAt: u.lastLoginAt?.toISOString() ?? null,
    hasPassword: u.passwordHash != null,
  };
}

export async function listUsers(): Promise<PublicUser[]> {
  const users = await getDb().user.findMany({ orderBy: [{ disabledAt: { sort: "asc", nulls: "first" } }, { email: "asc" }] });
  return users.map(toPublicUser);
}

export async function createUser(input: CreateUserInput, actor: SessionUser | null, meta: { ip?: string | null; requestId?: string } = {}): Promise<PublicUser> {
  const passwordHash = await hashPassword(input.password);
  const db = getDb();
  return db.$transaction(async (tx) => {
    if (await tx.user.findUnique({ where: { email: input.email }, select: { id: true } })) {
      throw new AppError("conflict", `A user with email ${input.email} already exists`);
    }
    const user = await tx.user.create({
      data: { email: input.email, name: input.name, role: input.role, passwordHash, passwordChangedAt: new Date(), createdById: actor?.id },
    });
    await recordAudit(
      { action: "user.create", actor, target: { type: "user", id: user.id }, ip: meta.ip, requestId: meta.requestId, details: { email: user.email, role: user.role } },
      tx,
    );
    return toPublicUser(user);
  });
}

export async function updateUser(id: string, input: UpdateUserInput, actor: SessionUser, meta: { ip?: string | null; requestId?: string } = {}): Promise<PublicUser> {
  return getDb().$transaction(async (tx) => {
    const before = await tx.user.findUnique({ where: { id } });
    if (!before) throw new AppError("not_found", "User not found");
    if (id === actor.id && (input.disabled === true || (input.role && input.role !== "ADMIN"))) {
      throw new AppError("conflict", "You cannot disable or demote your own account");
    }
    const demotesAdmin = before.role === "ADMIN" && ((input.role && input.role !== "ADMIN") || input.disabled === true);
    if (demotesAdmin) {
      const admins = await tx.user.count({ where: { role: "ADMIN", disabledAt: null, id: { not: id } } });
      if (admins === 0) throw new AppError("conflict", "At least one active admin must remain");
    }
    const disabledAt = input.disabled === undefined ? undefined : input.disabled ? (before.disabledAt ?? new Date()) : null;
    const user = await tx.user.update({ where: { id }, data: { name: input.name, role: input.role, disabledAt } });
    const changes: Record<string, { from: unknown; to: unknown }> = {};
    if (input.name !== undefined && input.name !== before.name) changes.name = { from: before.name, to: user.name };
    if (input.role !== undefined && input.role !== before.role) changes.role = { from: before.role, to: user.role };
    if (input.disabled !== undefined && Boolean(before.disabledAt) !== input.disabled) changes.disabled = { from: Boolean(before.disabledAt), to: input.disabled };
    const action = changes.disabled ? (input.disabled ? "user.disable" : "user.enable") : changes.role ? "user.role_change" : "user.update";
    await recordAudit({ action, actor, target: { type: "user", id }, ip: meta.ip, requestId: meta.requestId, details: { email: user.email, changes } }, tx);
    return toPublicUser(user);
  });
}

export async function resetPassword(id: string, password: string, actor: SessionUser, meta: { ip?: string | null; requestId?: string } = {}): Promise<void> {
  const passwordHash = await hashPassword(password);
  await getDb().$transaction(async (tx) => {
    const user = await tx.user.findUnique({ where: { id }, select: { email: true } });
    if (!user) throw new AppError("not_found", "User not found");
    // passwordChangedAt ends every session issued before now.
    await tx.user.update({ where: { id }, data: { passwordHash, passwordChangedAt: new Date() } });
    await recordAudit({ action: "user.password_reset", actor, target: { type: "user", id }, ip: meta.ip, requestId: meta.requestId, details: { email: user.email } }, tx);
  });
}

/** Creates the admin named by ADMIN_EMAIL/ADMIN_PASSWORD (or the demo admin) when it does not exist. */
export async function ensureAdmin(email: string, password: string, name = "Administrator"): Promise<{ created: boolean }> {
  const existing = await getDb().user.findUnique({ where: { email: email.toLowerCase() } });
  if (existing) return { created: false };
  await createUser({ email: email.toLowerCase(), name, role: "ADMIN", password }, null, {});
  return { created: true };
}
