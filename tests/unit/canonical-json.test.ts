import { describe, expect, it } from "vitest";
import { canonicalJson, canonicalJsonReference } from "@/lib/crypto/hash";

// A seeded generator of JSON-like values with awkward keys, strings, numbers and nesting.
function rng(seed: number) {
  let s = seed >>> 0;
  return () => ((s = (Math.imul(s ^ (s >>> 15), 0x2c1b3c6d) + 0x6d2b79f5) >>> 0) / 2 ** 32);
}
const strings = ["", "a", "Z", "é", "日本", "\u0000", "\n\t\"\\", "10", "__proto__x", "😀", "key with space"];

function value(r: () => number, depth: number): unknown {
  const pick = r();
  if (depth > 4 || pick < 0.35) {
    const k = Math.floor(r() * 7);
    return [null, true, false, r() * 1e6 - 5e5, Math.floor(r() * 100), strings[Math.floor(r() * strings.length)], 1758511530.204871][k];
  }
  if (pick < 0.6) return Array.from({ length: Math.floor(r() * 5) }, () => value(r, depth + 1));
  const obj: Record<string, unknown> = {};
  for (let i = Math.floor(r() * 6); i > 0; i--) obj[strings[Math.floor(r() * strings.length)] + String(Math.floor(r() * 3))] = value(r, depth + 1);
  if (r() < 0.2) obj.skipped = undefined;
  return obj;
}

describe("canonical JSON", () => {
  it("sorts keys at every depth and matches the reference definition exactly", () => {
    expect(canonicalJson({ b: 1, a: { d: [3, { z: 1, y: 2 }], c: null } })).toBe('{"a":{"c":null,"d":[3,{"y":2,"z":1}]},"b":1}');
    const r = rng(7);
    for (let i = 0; i < 3000; i++) {
      const v = value(r, 0);
      expect(canonicalJson(v)).toBe(canonicalJsonReference(v));
    }
  });

  it("gives the same text for keys Object.prototype also has, nested or not", () => {
    const parsed = JSON.parse('{"b":{"constructor":1,"z":[{"__proto__":{"x":1}},{"toString":"t"}]},"a":{"valueOf":null},"c":{"y":2}}') as unknown;
    // An own "__proto__" key is content and is kept (the reference's sorted copy would assign a prototype).
    expect(canonicalJson(parsed)).toBe('{"a":{"valueOf":null},"b":{"constructor":1,"z":[{"__proto__":{"x":1}},{"toString":"t"}]},"c":{"y":2}}');
    // Objects without those keys must not pick them up from the prototype.
    const mixed = JSON.parse('[{"constructor":"c"},{"a":1},{"hasOwnProperty":2,"10":1,"9":0}]') as unknown;
    expect(canonicalJson(mixed)).toBe('[{"constructor":"c"},{"a":1},{"9":0,"10":1,"hasOwnProperty":2}]');
  });

  it("orders array-index-like keys first, numerically, across objects that share other keys", () => {
    const v = [{ b: 1, "10": 2, "2": 3 }, { a: 1, "01": 2 }, { "4294967295": 1, "7": 2, z: 0 }];
    expect(canonicalJson(v)).toBe(canonicalJsonReference(v));
  });

  it("treats undefined, dates, bigints and non-finite numbers as JSON.stringify does", () => {
    const v = { u: undefined, d: new Date(Date.UTC(2026, 0, 2)), b: BigInt(12), n: Number.NaN, arr: [undefined, Infinity] };
    expect(canonicalJson(v)).toBe(canonicalJsonReference(v));
    expect(canonicalJson(v)).toBe('{"arr":[null,null],"b":"12","d":"2026-01-02T00:00:00.000Z","n":null}');
  });
});
