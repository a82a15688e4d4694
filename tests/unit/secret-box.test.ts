import { randomBytes } from "node:crypto";
import { describe, expect, it } from "vitest";
import { decryptSecret, encryptSecret, needsRotation, parseKeyRing } from "@/lib/crypto/secret-box";

const k = () => randomBytes(32).toString("base64");

describe("secret box (AES-256-GCM key ring)", () => {
  const secret = "sk-proj-abcdefghijklmnopqrstuvwxyz0123";

  it("round-trips and never contains the plaintext", () => {
    const ring = parseKeyRing(`k1:${k()}`);
    const { sealed, keyId } = encryptSecret(secret, ring);
    expect(keyId).toBe("k1");
    expect(sealed).not.toContain(secret);
    expect(sealed).not.toContain("abcdef");
    expect(decryptSecret(sealed, ring)).toBe(secret);
    expect(encryptSecret(secret, ring).sealed).not.toBe(sealed); // fresh IV every time
  });

  it("rotates: old ciphertexts decrypt with the ring, new ones use the first key", () => {
    const old = `k1:${k()}`;
    const sealedOld = encryptSecret(secret, parseKeyRing(old)).sealed;
    const rotated = parseKeyRing(`k2:${k()},${old}`);
    expect(decryptSecret(sealedOld, rotated)).toBe(secret);
    expect(needsRotation(sealedOld, rotated)).toBe(true);
    const sealedNew = encryptSecret(secret, rotated).sealed;
    expect(sealedNew.startsWith("k2:")).toBe(true);
    expect(needsRotation(sealedNew, rotated)).toBe(false);
  });

  it("detects tampering and unknown keys", () => {
    const ring = parseKeyRing(`k1:${k()}`);
    const [kid, iv, tag, ct] = encryptSecret(secret, ring).sealed.split(":");
    const flipped = Buffer.from(ct, "base64");
    flipped[0] ^= 1;
    expect(() => decryptSecret([kid, iv, tag, flipped.toString("base64")].join(":"), ring)).toThrow();
    expect(() => decryptSecret(["k9", iv, tag, ct].join(":"), ring)).toThrow(/not in ENCRYPTION_KEYS/);
  });

  it("rejects malformed key rings with clear messages", () => {
    expect(() => parseKeyRing("")).toThrow(/not set/);
    expect(() => parseKeyRing("k1:short")).toThrow(/32 bytes/);
    expect(() => parseKeyRing(`k1:${k()},k1:${k()}`)).toThrow(/twice/);
    expect(() => parseKeyRing("nocolon")).toThrow(/keyId:base64key/);
  });
});
