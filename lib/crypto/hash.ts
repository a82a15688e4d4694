// Canonical JSON and SHA-256: the one way content hashes are computed (audit chain, captured objects).
import { createHash } from "node:crypto";

/**
 * JSON with object keys sorted recursively, so equal content always hashes equally. Written out directly
 * (no sorted copy of the value is built): capture hashes every message, and this is on its hot path. Same
 * output as JSON.stringify(sortKeys(value)), which the unit tests check.
 */
export function canonicalJson(value: unknown): string {
  return write(value) ?? "null";
}

function write(value: unknown): string | undefined {
  if (value === null) return "null";
  switch (typeof value) {
    case "string":
      return JSON.stringify(value);
    case "number":
      return Number.isFinite(value) ? String(value) : "null";
    case "boolean":
      return value ? "true" : "false";
    case "bigint":
      return JSON.stringify(value.toString());
    case "object": {
      if (Array.isArray(value)) {
        let out = "[";
        for (let i = 0; i < value.length; i++) out += (i ? "," : "") + (write(value[i]) ?? "null");
        return out + "]";
      }
      if (typeof (value as { toJSON?: unknown }).toJSON === "function") return JSON.stringify(value);
      const obj = value as Record<string, unknown>;
      let out = "{";
      let first = true;
      for (const key of canonicalKeyOrder(obj)) {
        const v = write(obj[key]);
        if (v === undefined) continue;
        out += (first ? "" : ",") + JSON.stringify(key) + ":" + v;
        first = false;
      }
      return out + "}";
    }
    default:
      return undefined; // undefined, functions, symbols: omitted from objects, null in arrays
  }
}

/**
 * The key order JSON.stringify produces for an object whose keys were inserted sorted: JavaScript lists
 * array-index-like keys ("0", "10") first, in numeric order, then the others in insertion (sorted) order.
 */
function canonicalKeyOrder(obj: Record<string, unknown>): string[] {
  const keys = Object.keys(obj).sort();
  let indexKeys = 0;
  for (const k of keys) if (isArrayIndex(k)) indexKeys++;
  if (indexKeys === 0) return keys;
  const numeric = keys.filter(isArrayIndex).sort((a, b) => Number(a) - Number(b));
  return numeric.concat(keys.filter((k) => !isArrayIndex(k)));
}

function isArrayIndex(k: string): boolean {
  if (k.length === 0 || k.length > 10 || (k.length > 1 && k[0] === "0")) return false;
  for (let i = 0; i < k.length; i++) {
    const c = k.charCodeAt(i);
    if (c < 48 || c > 57) return false;
  }
  return Number(k) < 4294967295;
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
