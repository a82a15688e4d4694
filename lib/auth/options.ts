// next-auth v4 configuration: credentials (scrypt, rate limited, audited) and optional OIDC; JWT sessions
// whose role and disabled state are re-read from the database on every use.
import "server-only";
import type { NextAuthOptions } from "next-auth";
import CredentialsProvider from "next-auth/providers/credentials";
import type { Provider } from "next-auth/providers/index";
import { getEnv, isOidcEnabled } from "@/lib/env";
import { getDb } from "@/lib/db";
import { recordAudit } from "@/lib/audit/audit";
import { authenticateWithPassword, LOGIN_ACTION } from "@/lib/auth/login";
import { loadActiveUser } from "@/lib/auth/session-user";
import { isRole } from "@/lib/auth/permissions";

type HeaderBag = Record<string, string | string[] | undefined> | Headers | undefined;

function header(headers: HeaderBag, name: string): string | null {
  if (!headers) return null;
  const v = headers instanceof Headers ? headers.get(name) : headers[name];
  return (Array.isArray(v) ? v[0] : v) ?? null;
}

export function clientIp(headers: HeaderBag): string | null {
  const forwarded = header(headers, "x-forwarded-for");
  return forwarded?.split(",")[0]?.trim() || header(headers, "x-real-ip") || null;
}

function buildProviders(): Provider[] {
  const env = getEnv();
  const providers: Provider[] = [
    CredentialsProvider({
      id: "credentials",
      name: "Email and password",
      credentials: { email: { label: "Email", type: "email" }, password: { label: "Password", type: "password" } },
      async authorize(credentials, req) {
        const result = await authenticateWithPassword(credentials?.email ?? "", credentials?.password ?? "", {
          ip: clientIp(req?.headers),
          userAgent: header(req?.headers, "user-agent"),
        });
        if (!result.ok) throw new Error(result.error);
        return result.user;
      },
    }),
  ];
  if (isOidcEnabled(env)) {
    providers.push({
      id: "oidc",
      name: env.OIDC_NAME,
      type: "oauth",
      wellKnown: `${env.OIDC_ISSUER!.replace(/\/$/, "")}/.well-known/openid-configuration`,
      clientId: env.OIDC_CLIENT_ID,
      clientSecret: env.OIDC_CLIENT_SECRET,
      authorization: { params: { scope: "openid email profile" } },
      idToken: true,
      checks: ["pkce", "state"],
      profile(profile: { sub: string; email?: string; name?: string }) {
        return { id: profile.sub, email: profile.email ?? null, name: profile.name ?? profile.email ?? profile.sub };
      },
    });
  }
  return providers;
}

/** Links an OIDC identity to an app user (or provisions one when configured); returns the user id. */
async function resolveOidcUser(subject: string, emailInput: string | null | undefined, name: string | null | undefined): Promise<string | null> {
  const db = getDb();
  const email = emailInput?.trim().toLowerCase();
  const existing = (await db.user.findUnique({ where: { oidcSubject: subject } })) ?? (email ? await db.user.findUnique({ where: { email } }) : null);
  if (existing) {
    if (existing.disabledAt) return null;
    if (!existing.oidcSubject) await db.user.update({ where: { id: existing.id }, data: { oidcSubject: subject } });
    return existing.id;
  }
  const role = getEnv().OIDC_AUTO_PROVISION_ROLE;
  if (!role || !email) return null;
  const created = await db.user.create({ data: { email, name: name || email, role, oidcSubject: subject } });
  await recordAudit({ action: "user.create", target: { type: "user", id: created.id }, details: { via: "oidc", role } });
  return created.id;
}

export function getAuthOptions(): NextAuthOptions {
  const env = getEnv();
  return {
    secret: env.NEXTAUTH_SECRET,
    session: { strategy: "jwt", maxAge: env.SESSION_MAX_AGE_HOURS * 3600 },
    pages: { signIn: "/login", error: "/login" },
    providers: buildProviders(),
    callbacks: {
      async signIn({ user, account, profile }) {
        if (account?.provider !== "oidc") return true;
        const email = (profile as { email?: string } | undefined)?.email ?? user.email;
        const userId = await resolveOidcUser(account.providerAccountId, email, user.name);
        await recordAudit({
          action: LOGIN_ACTION,
          actorEmail: email,
          outcome: userId ? "SUCCESS" : "DENIED",
          details: { method: "oidc", reason: userId ? "oidc" : "no active user for this identity" },
        });
        if (userId) await getDb().user.update({ where: { id: userId }, data: { lastLoginAt: new Date() } });
        return Boolean(userId);
      },
      async jwt({ token, user, account }) {
        if (user) {
          const uid = account?.provider === "oidc"
            ? (await getDb().user.findUnique({ where: { oidcSubject: account.providerAccountId } }))?.id
            : user.id;
          return { sub: uid, authAt: Date.now() };
        }
        const live = await loadActiveUser(token.sub, token.authAt);
        if (!live) return { revoked: true };
        return { sub: live.id, authAt: token.authAt, name: live.name, email: live.email, role: live.role };
      },
      async session({ session, token }) {
        if (token.revoked || !token.sub || !isRole(token.role)) return { expires: session.expires } as typeof session;
        session.user = { id: token.sub, email: String(token.email), name: String(token.name), role: token.role };
        return session;
      },
    },
  };
}

export function getAuthProviders(): { id: string; name: string }[] {
  const env = getEnv();
  return isOidcEnabled(env) ? [{ id: "oidc", name: env.OIDC_NAME }] : [];
}
