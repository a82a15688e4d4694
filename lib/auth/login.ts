// Credential checks for the login form: rate limiting (counted from the audit log, so it holds across
// every web instance), password verification, disabled accounts, and an audit event for every attempt.
import "server-only";
import { getDb } from "@/lib/db";
import { getEnv } from "@/lib/env";
import { recordAudit } from "@/lib/audit/audit";
import { verifyPassword } from "@/lib/crypto/password";
import { isRole, type Role } from "@/lib/auth/permissions";

export const LOGIN_ACTION = "auth.login";

export type LoginResult =
  | { ok: true; user: { id: string; email: string; name: string; role: Role } }
  | { ok: false; error: "CredentialsSignin" | "Disabled" | "RateLimited" };

type ClientInfo = { ip?: string | null; userAgent?: string | null };

/** Failed attempts since the last success, inside the window, for this e-mail and for this address. */
async function isRateLimited(email: string, ip: string | null | undefined): Promise<boolean> {
  const { LOGIN_MAX_ATTEMPTS, LOGIN_WINDOW_SECONDS } = getEnv();
  const db = getDb();
  const since = new Date(Date.now() - LOGIN_WINDOW_SECONDS * 1000);
  const lastSuccess = await db.auditEvent.findFirst({
    where: { action: LOGIN_ACTION, actorEmail: email, outcome: "SUCCESS", at: { gte: since } },
    orderBy: { seq: "desc" },
    select: { at: true },
  });
  const emailFailures = await db.auditEvent.count({
    where: { action: LOGIN_ACTION, actorEmail: email, outcome: { not: "SUCCESS" }, at: { gte: lastSuccess?.at ?? since } },
  });
  if (emailFailures >= LOGIN_MAX_ATTEMPTS) return true;
  if (!ip) return false;
  // A single address trying many accounts gets a wider allowance, but not an unlimited one.
  const ipFailures = await db.auditEvent.count({
    where: { action: LOGIN_ACTION, ip, outcome: { not: "SUCCESS" }, at: { gte: since } },
  });
  return ipFailures >= LOGIN_MAX_ATTEMPTS * 4;
}

export async function authenticateWithPassword(emailInput: string, password: string, client: ClientInfo): Promise<LoginResult> {
  const email = emailInput.trim().toLowerCase();
  const audit = (outcome: "SUCCESS" | "FAILURE" | "DENIED", reason: string, actor?: { id: string; email: string; role: Role }) =>
    recordAudit({ action: LOGIN_ACTION, actor, actorEmail: email, outcome, ip: client.ip, userAgent: client.userAgent, details: { method: "credentials", reason } });

  if (!email || !password) {
    await audit("FAILURE", "missing credentials");
    return { ok: false, error: "CredentialsSignin" };
  }
  if (await isRateLimited(email, client.ip)) {
    await audit("DENIED", "rate limited");
    return { ok: false, error: "RateLimited" };
  }
  const user = await getDb().user.findUnique({ where: { email } });
  const valid = await verifyPassword(password, user?.passwordHash);
  if (!user || !valid || !isRole(user.role)) {
    await audit("FAILURE", user ? "wrong password" : "unknown user");
    return { ok: false, error: "CredentialsSignin" };
  }
  const actor = { id: user.id, email: user.email, role: user.role };
  if (user.disabledAt) {
    await audit("DENIED", "account disabled", actor);
    return { ok: false, error: "Disabled" };
  }
  await getDb().user.update({ where: { id: user.id }, data: { lastLoginAt: new Date() } });
  await audit("SUCCESS", "password", actor);
  return { ok: true, user: { ...actor, name: user.name } };
}
