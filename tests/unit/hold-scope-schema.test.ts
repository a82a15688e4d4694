// The hold scope schema shared by the scope editor and the API: canonical custodians, real UTC days,
// a window that is not backwards, and query text that must parse in the search language.
import { describe, expect, it } from "vitest";
import { hasCriteria, holdItemsChangeSchema, holdScopeSchema, sameScope, updateHoldSchema } from "@/lib/governance/hold-schemas";

describe("holdScopeSchema", () => {
  it("fills defaults and canonicalizes custodians (deduplicated, sorted)", () => {
    expect(holdScopeSchema.parse({})).toEqual({ custodianIds: [], from: null, to: null, query: null });
    expect(holdScopeSchema.parse({ custodianIds: ["b", "a", "b"] }).custodianIds).toEqual(["a", "b"]);
  });

  it("treats blank query text as no query and keeps a parsable one trimmed", () => {
    expect(holdScopeSchema.parse({ query: "   " }).query).toBeNull();
    expect(holdScopeSchema.parse({ query: '  budget "side letter" -role:tool ' }).query).toBe('budget "side letter" -role:tool');
  });

  it("rejects a query the search parser rejects, with the parser's message", () => {
    const r = holdScopeSchema.safeParse({ query: "foo:bar" });
    expect(r.success).toBe(false);
    expect(r.error?.issues[0].message).toMatch(/^Query: /);
    expect(holdScopeSchema.safeParse({ query: "(unclosed" }).success).toBe(false);
  });

  it("accepts only real calendar days and a forward window", () => {
    expect(holdScopeSchema.safeParse({ from: "2024-02-29" }).success).toBe(true);
    expect(holdScopeSchema.safeParse({ from: "2023-02-29" }).success).toBe(false);
    expect(holdScopeSchema.safeParse({ from: "2024-1-5" }).success).toBe(false);
    expect(holdScopeSchema.safeParse({ from: "2024-03-01", to: "2024-03-01" }).success).toBe(true);
    const backwards = holdScopeSchema.safeParse({ from: "2024-03-02", to: "2024-03-01" });
    expect(backwards.success).toBe(false);
    expect(backwards.error?.issues[0].path).toEqual(["to"]);
  });

  it("knows when a scope selects anything by criteria, and when two scopes are the same", () => {
    expect(hasCriteria(holdScopeSchema.parse({}))).toBe(false);
    expect(hasCriteria(holdScopeSchema.parse({ to: "2024-01-01" }))).toBe(true);
    expect(hasCriteria(holdScopeSchema.parse({ query: "x" }))).toBe(true);
    expect(sameScope(holdScopeSchema.parse({ custodianIds: ["b", "a"] }), holdScopeSchema.parse({ custodianIds: ["a", "b"] }))).toBe(true);
    expect(sameScope(holdScopeSchema.parse({ custodianIds: ["a"] }), holdScopeSchema.parse({ custodianIds: ["a"], query: "x" }))).toBe(false);
  });
});

describe("hold edits and item changes", () => {
  it("requires something to update", () => {
    expect(updateHoldSchema.safeParse({}).success).toBe(false);
    expect(updateHoldSchema.parse({ matter: "  " }).matter).toBeNull();
  });

  it("deduplicates items and caps a call at 500", () => {
    const items = [{ itemType: "MESSAGE", itemId: "m1" }, { itemType: "MESSAGE", itemId: "m1" }, { itemType: "GPT", itemId: "m1" }];
    expect(holdItemsChangeSchema.parse({ action: "add", items }).items).toHaveLength(2);
    const many = Array.from({ length: 501 }, (_, i) => ({ itemType: "CONVERSATION", itemId: `c${i}` }));
    expect(holdItemsChangeSchema.safeParse({ action: "add", items: many }).success).toBe(false);
    expect(holdItemsChangeSchema.safeParse({ action: "add", items: [{ itemType: "PROJECT_CONFIG", itemId: "x" }] }).success).toBe(false);
  });
});
