// API keys at rest: AES-256-GCM under a key ring from ENCRYPTION_KEYS (`kid:base64key,...`). The first key
// encrypts; every key decrypts, so keys can be rotated by prepending a new one and re-encrypting.
// The key id is bound into the ciphertext as associated data, so a blob cannot be replayed under another key.
import { createCipheriv, createDecipheriv, randomBytes } from "node:crypto";
import { getEnv } from "@/lib/env";

export type KeyRing = { primary: string; keys: Map<string, Buffer> };

export function parseKeyRing(spec: string | undefined): KeyRing {
  if (!spec?.trim()) throw new Error("ENCRYPTION_KEYS is not set: API keys cannot be stored without an encryption key");
  const keys = new Map<string, Buffer>();
  let primary = "";
  for (const part of spec.split(",").map((p) => p.trim()).filter(Boolean)) {
    const idx = part.indexOf(":");
    const kid = part.slice(0, idx);
    const key = Buffer.from(part.slice(idx + 1), "base64");
    if (idx <= 0 || !/^[A-Za-z0-9_-]{1,32}$/.test(kid)) throw new Error("ENCRYPTION_KEYS entries must look like keyId:base64key");
    if (key.length !== 32) throw new Error(`ENCRYPTION_KEYS key "${kid}" must be 32 bytes (base64 of 32 random bytes)`);
    if (keys.has(kid)) throw new Error(`ENCRYPTION_KEYS has key id "${kid}" twice`);
    keys.set(kid, key);
    primary ||= kid;
  }
  return { primary, keys };
}

export function getKeyRing(): KeyRing {
  return parseKeyRing(getEnv().ENCRYPTION_KEYS);
}

/** Returns `kid:iv:tag:ciphertext` (base64 parts). */
export function encryptSecret(plaintext: string, ring: KeyRing = getKeyRing()): { sealed: string; keyId: string } {
  const key = ring.keys.get(ring.primary)!;
  const iv = randomBytes(12);
  const cipher = createCipheriv("aes-256-gcm", key, iv);
  cipher.setAAD(Buffer.from(ring.primary));
  const ct = Buffer.concat([cipher.update(plaintext, "utf8"), cipher.final()]);
  const tag = cipher.getAuthTag();
  return { sealed: [ring.primary, iv.toString("base64"), tag.toString("base64"), ct.toString("base64")].join(":"), keyId: ring.primary };
}

export function decryptSecret(sealed: string, ring: KeyRing = getKeyRing()): string {
  const [kid, iv, tag, ct] = sealed.split(":");
  const key = ring.keys.get(kid);
  if (!key || !iv || !tag || ct === undefined) throw new Error(`Secret was encrypted with key "${kid}", which is not in ENCRYPTION_KEYS`);
  const decipher = createDecipheriv("aes-256-gcm", key, Buffer.from(iv, "base64"));
  decipher.setAAD(Buffer.from(kid));
  decipher.setAuthTag(Buffer.from(tag, "base64"));
  return Buffer.concat([decipher.update(Buffer.from(ct, "base64")), decipher.final()]).toString("utf8");
}

/** True when the secret is sealed under a key other than the primary one (needs re-encryption). */
export function needsRotation(sealed: string, ring: KeyRing = getKeyRing()): boolean {
  return sealed.split(":")[0] !== ring.primary;
}

export function lastFour(secret: string): string {
  return secret.slice(-4);
}
