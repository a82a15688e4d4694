// Canonical JSON and SHA-256: the one way content hashes are computed (audit chain, captured objects).
import { createHash } from "node:crypto";

/**
 * JSON with object keys sorted recursively, so equal content always hashes equally. Capture hashes every
 * message, so this is on its hot path: a copy with keys inserted in sorted order, serialized by the
 * engine, is faster than writing the text out in JavaScript. JSON.stringify lists array-index-like keys
 * ("0", "10") first, in numeric order, then the others in insertion order. Same output as
 * JSON.stringify(sortKeys(value)), which the unit tests check, except that an own "__proto__" key is kept
 * as content.
 */
export function canonicalJson(value: unknown): string {
  return JSON.stringify(sortedCopy(value)) ?? "null";
}

function sortedCopy(value: unknown): unknown {
  if (typeof value === "bigint") return value.toString();
  if (value === null || typeof value !== "object") return value;
  if (Array.isArray(value)) {
    const out = new Array<unknown>(value.length);
    for (let i = 0; i < value.length; i++) out[i] = sortedCopy(value[i]);
    return out;
  }
  // Dates and the like are written by their own toJSON.
  if (typeof (value as { toJSON?: unknown }).toJSON === "function") return value;
  const obj = value as Record<string, unknown>;
  const out: Record<string, unknown> = {};
  for (const key of Object.keys(obj).sort()) {
    const v = obj[key];
    if (v === undefined) continue;
    if (key === "__proto__") Object.defineProperty(out, key, { value: sortedCopy(v), enumerable: true, writable: true, configurable: true });
    else out[key] = sortedCopy(v);
  }
  return out;
}

/** The reference definition of canonicalJson (a sorted deep copy, then JSON.stringify); kept for tests. */
export function canonicalJsonReference(value: unknown): string {
  return JSON.stringify(sortKeys(value));
}

function sortKeys(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(sortKeys);
  if (value && typeof value === "object" && !(value instanceof Date)) {
    const out: Record<string, unknown> = {};
    for (const key of Object.keys(value as Record<string, unknown>).sort()) {
      const v = (value as Record<string, unknown>)[key];
      if (v !== undefined) out[key] = sortKeys(v);
    }
    return out;
  }
  if (typeof value === "bigint") return value.toString();
  return value;
}

export function sha256Hex(data: string | Buffer): string {
  return createHash("sha256").update(data).digest("hex");
}

export function hashJson(value: unknown): string {
  return sha256Hex(canonicalJson(value));
}
