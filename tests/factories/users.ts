// Test users written through Prisma, and real next-auth session cookies for them.
import { randomBytes } from "node:crypto";
import { encode } from "next-auth/jwt";
import { getDb } from "@/lib/db";
import { hashPassword } from "@/lib/crypto/password";
import type { Role } from "@/lib/auth/permissions";

export const TEST_PASSWORD = "correct horse battery staple";

export async function createTestUser(opts: { role?: Role; disabled?: boolean; email?: string; password?: string } = {}) {
  const email = opts.email ?? `${(opts.role ?? "REVIEWER").toLowerCase()}-${randomBytes(4).toString("hex")}@example.test`;
  return getDb().user.create({
    data: {
      email,
      name: `Test ${opts.role ?? "REVIEWER"}`,
      role: opts.role ?? "REVIEWER",
      passwordHash: await hashPassword(opts.password ?? TEST_PASSWORD),
      disabledAt: opts.disabled ? new Date() : null,
    },
  });
}

/** A session cookie exactly as next-auth issues it after sign-in. */
export async function sessionCookie(user: { id: string }, authAt = Date.now()): Promise<string> {
  const token = await encode({ token: { sub: user.id, authAt }, secret: process.env.NEXTAUTH_SECRET! });
  return `next-auth.session-token=${token}`;
}
