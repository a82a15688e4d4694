// Secrets the zero-config start needs but the user did not set (session signing, cron token, the key
// ring for API keys at rest): generated once and kept in DATA_DIR with owner-only permissions, so
// sessions and encrypted keys survive restarts. Configured values always win.
import { randomBytes } from "node:crypto";
import { existsSync, mkdirSync, readFileSync, writeFileSync, chmodSync } from "node:fs";
import path from "node:path";

export type LocalSecrets = { NEXTAUTH_SECRET: string; CRON_SECRET: string; ENCRYPTION_KEYS: string };

export function loadOrCreateLocalSecrets(dataDir: string): LocalSecrets {
  const file = path.join(dataDir, "secrets.json");
  let stored: Partial<LocalSecrets> = {};
  if (existsSync(file)) stored = JSON.parse(readFileSync(file, "utf8")) as Partial<LocalSecrets>;
  const secrets: LocalSecrets = {
    NEXTAUTH_SECRET: stored.NEXTAUTH_SECRET ?? randomBytes(32).toString("base64url"),
    CRON_SECRET: stored.CRON_SECRET ?? randomBytes(24).toString("base64url"),
    ENCRYPTION_KEYS: stored.ENCRYPTION_KEYS ?? `k1:${randomBytes(32).toString("base64")}`,
  };
  if (JSON.stringify(stored) !== JSON.stringify(secrets)) {
    mkdirSync(dataDir, { recursive: true });
    writeFileSync(file, JSON.stringify(secrets, null, 2), { mode: 0o600 });
    chmodSync(file, 0o600);
  }
  return secrets;
}
