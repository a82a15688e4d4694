// Typed configuration. This is the only module that reads process.env; everything else imports `env`
// (or calls getEnv() when it must see variables set after import, e.g. by the start script or tests).
import path from "node:path";
import { z } from "zod";

const emptyToUndefined = (v: unknown) => (typeof v === "string" && v.trim() === "" ? undefined : v);
const optionalString = z.preprocess(emptyToUndefined, z.string().optional());
const optionalUrl = z.preprocess(emptyToUndefined, z.url().optional());
const int = (fallback: number, min = 0) =>
  z.preprocess(emptyToUndefined, z.coerce.number().int().min(min).default(fallback));

export const envSchema = z
  .object({
    NODE_ENV: z.enum(["development", "production", "test"]).default("development"),
    /** PostgreSQL connection string. Unset: the start script runs an embedded PostgreSQL in DATA_DIR. */
    DATABASE_URL: optionalString,
    /** Where the embedded database, blobs and generated secrets live. */
    DATA_DIR: z.preprocess(emptyToUndefined, z.string().default("./.data")),
    /** Port of the web app. */
    PORT: int(3000, 1),
    /** Public URL of the app, used by next-auth for callbacks. */
    NEXTAUTH_URL: optionalUrl,
    /** Signs session JWTs. The start script generates one into DATA_DIR when unset. */
    NEXTAUTH_SECRET: optionalString,
    /** First admin, created at start when no user with this e-mail exists. */
    ADMIN_EMAIL: z.preprocess(emptyToUndefined, z.email().optional()),
    ADMIN_PASSWORD: optionalString,
    /** Optional OIDC single sign-on: all three of issuer, client id and secret enable it. */
    OIDC_ISSUER: optionalUrl,
    OIDC_CLIENT_ID: optionalString,
    OIDC_CLIENT_SECRET: optionalString,
    OIDC_NAME: z.preprocess(emptyToUndefined, z.string().default("SSO")),
    /** When set, unknown users signing in by OIDC are created with this role; unset, only existing users may sign in. */
    OIDC_AUTO_PROVISION_ROLE: z.preprocess(emptyToUndefined, z.enum(["OFFICER", "REVIEWER", "AUDITOR"]).optional()),
    /** Session lifetime. Role and disabled state are re-checked against the database on every request. */
    SESSION_MAX_AGE_HOURS: int(8, 1),
    /** Bearer token that /api/cron/* requires. Cron routes refuse every call when it is unset. */
    CRON_SECRET: optionalString,
    /** Key ring for secrets at rest: comma-separated `keyId:base64(32 bytes)`; the first key encrypts. */
    ENCRYPTION_KEYS: optionalString,
    /** Meilisearch; unset means the built-in PostgreSQL full-text engine. */
    MEILI_HOST: optionalUrl,
    MEILI_API_KEY: optionalString,
    /** Meilisearch index uid (one index holds every document type). */
    MEILI_INDEX: z.preprocess(emptyToUndefined, z.string().regex(/^[A-Za-z0-9_-]{1,400}$/).default("custodian")),
    /** Failed logins allowed per e-mail and per client address within the window. */
    LOGIN_MAX_ATTEMPTS: int(5, 1),
    LOGIN_WINDOW_SECONDS: int(900, 1),
    /** How often the worker syncs each capture-enabled source. */
    SYNC_INTERVAL_MINUTES: int(15, 1),
    /** Alarm when a source's last successful conversation sync is older than this (the API keeps deleted chats 30 days). */
    CAPTURE_STALE_DAYS: int(7, 1),
    /** When the worker runs the disposition job (cron, UTC; default daily 02:30). `off` disables the schedule. */
    DISPOSITION_CRON: z.preprocess(emptyToUndefined, z.string().default("30 2 * * *")),
    /** How long a finished export stays downloadable; after that its ZIP is deleted (its SHA-256 is kept). */
    EXPORT_TTL_HOURS: int(72, 1),
    /**
     * Demo set-up at `npm start` (simulator, demo source and authorization, first sync): `auto` does it only
     * when no DATABASE_URL is configured (the zero-configuration start); `true`/`false` force it.
     */
    DEMO: z.enum(["auto", "true", "false"]).default("auto"),
    /** Port of the demo Compliance API simulator started by `npm start` in demo mode. */
    SIMULATOR_PORT: int(4010, 1),
    LOG_LEVEL: z.enum(["debug", "info", "warn", "error"]).default("info"),
  })
  .superRefine((e, ctx) => {
    const oidc = [e.OIDC_ISSUER, e.OIDC_CLIENT_ID, e.OIDC_CLIENT_SECRET].filter(Boolean).length;
    if (oidc !== 0 && oidc !== 3) {
      ctx.addIssue({ code: "custom", message: "OIDC_ISSUER, OIDC_CLIENT_ID and OIDC_CLIENT_SECRET must be set together" });
    }
    if (e.ADMIN_EMAIL && !e.ADMIN_PASSWORD) {
      ctx.addIssue({ code: "custom", message: "ADMIN_PASSWORD is required with ADMIN_EMAIL" });
    }
    if (e.ADMIN_PASSWORD && e.ADMIN_PASSWORD.length < 12) {
      ctx.addIssue({ code: "custom", message: "ADMIN_PASSWORD must be at least 12 characters" });
    }
  });

export type Env = z.infer<typeof envSchema>;

/** Parses the current process environment; throws one readable error listing every problem. */
export function getEnv(source: Record<string, string | undefined> = process.env): Env {
  const parsed = envSchema.safeParse(source);
  if (!parsed.success) {
    const lines = parsed.error.issues.map((i) => `  - ${i.path.join(".") || "config"}: ${i.message}`);
    throw new Error(`Invalid configuration:\n${lines.join("\n")}`);
  }
  return parsed.data;
}

export const env: Env = new Proxy({} as Env, {
  get: (_t, key: string) => getEnv()[key as keyof Env],
});

export function isOidcEnabled(e: Env = getEnv()): boolean {
  return Boolean(e.OIDC_ISSUER && e.OIDC_CLIENT_ID && e.OIDC_CLIENT_SECRET);
}

export function isDemoMode(e: Env = getEnv()): boolean {
  return e.DEMO === "true" || (e.DEMO === "auto" && !e.DATABASE_URL);
}

export function resolveDataDir(e: Env = getEnv()): string {
  return path.resolve(e.DATA_DIR);
}

/** Sets variables for child processes started by our scripts; the one sanctioned writer of process.env. */
export function setProcessEnv(values: Record<string, string | undefined>): void {
  for (const [k, v] of Object.entries(values)) {
    if (v === undefined) delete process.env[k];
    else process.env[k] = v;
  }
}
