import { describe, expect, it } from "vitest";
import { addFacetFilter, hasFacetFilter, readPanelValues, removeFacetFilter, setPanelFilter, type QueryEditResult } from "@/lib/search/query-edit";
import { parseQuery } from "@/lib/search/query-parser";

function text(r: QueryEditResult): string {
  if (!r.ok) throw new Error(`expected an edit, got: ${r.error.message}`);
  return r.text;
}

describe("setPanelFilter", () => {
  it("adds a filter to an empty query and to text", () => {
    expect(text(setPanelFilter("", "role", "assistant"))).toBe("role:assistant");
    expect(text(setPanelFilter("  budget  report ", "type", "message"))).toBe("budget report type:message");
  });

  it("replaces the top-level filter of the same field and keeps everything else", () => {
    expect(text(setPanelFilter('"quarterly budget" role:user -draft', "role", "tool"))).toBe('"quarterly budget" -draft role:tool');
    expect(text(setPanelFilter("a after:2025-01-01", "after", "2025-03-01"))).toBe("a after:2025-03-01");
  });

  it("leaves negated and nested filters alone", () => {
    expect(text(setPanelFilter("-role:tool (a OR role:user)", "role", "assistant"))).toBe("-role:tool (a OR role:user) role:assistant");
  });

  it("clears a filter with null or blank", () => {
    expect(text(setPanelFilter("budget role:user", "role", null))).toBe("budget");
    expect(text(setPanelFilter("role:user", "role", "  "))).toBe("");
  });

  it("writes custodians as email: or user:, replacing either, and quotes names with spaces", () => {
    expect(text(setPanelFilter("x user:bob", "custodian", "Alice@Example.com"))).toBe("x email:alice@example.com");
    expect(text(setPanelFilter("x email:a@b.c", "custodian", "Alice Smith"))).toBe('x user:"Alice Smith"');
    expect(text(setPanelFilter('x', "project", 'Q3 "audit"'))).toBe('x project:"Q3 audit"');
  });

  it("reports a query that does not parse, and an invalid value", () => {
    const bad = setPanelFilter('"unclosed', "role", "user");
    expect(bad.ok).toBe(false);
    const value = setPanelFilter("x ", "after", "2025-02-30");
    expect(value.ok).toBe(false);
    if (!value.ok) {
      // The error points into the query with the rejected filter appended, as the search box shows it.
      expect(value.text).toBe("x after:2025-02-30");
      expect(value.error.message).toMatch(/does not exist/);
      expect(value.text.slice(value.error.position, value.error.position + value.error.length)).toBe("2025-02-30");
    }
  });

  it("may produce a contradiction, which the parser then reports", () => {
    const edited = text(setPanelFilter("x before:2025-01-01", "after", "2025-02-01"));
    expect(parseQuery(edited).ok).toBe(false);
  });

  it("round-trips through the parser", () => {
    for (const q of ["a b", "(a OR b) -c", 'tag:"needs review" held:yes']) {
      const edited = text(setPanelFilter(q, "status", "reviewed"));
      expect(parseQuery(edited).ok).toBe(true);
    }
  });
});

describe("readPanelValues", () => {
  it("reads top-level positive filters", () => {
    expect(readPanelValues('budget email:a@b.c role:assistant after:2025-01-01 -type:gpt gpt:g-1 flagged:yes tag:"x y"')).toEqual({
      custodian: "a@b.c",
      role: "assistant",
      after: "2025-01-01",
      gpt: "g-1",
      flagged: "yes",
      tag: "x y",
    });
    expect(readPanelValues("")).toEqual({});
    expect(readPanelValues("(unclosed")).toEqual({});
  });
});

describe("facet filters", () => {
  it("adds, detects and removes buckets", () => {
    expect(text(addFacetFilter("budget", "user", "alice@example.com"))).toBe("budget email:alice@example.com");
    expect(text(addFacetFilter("budget", "user", "user-without-email"))).toBe("budget user:user-without-email");
    expect(text(addFacetFilter("budget role:user", "role", "assistant"))).toBe("budget role:assistant");
    expect(text(addFacetFilter("budget tag:a", "tag", "b"))).toBe("budget tag:a tag:b");
    expect(text(addFacetFilter("budget tag:a", "tag", "A"))).toBe("budget tag:a");
    expect(hasFacetFilter("budget email:Alice@example.com", "user", "alice@example.com")).toBe(true);
    expect(hasFacetFilter("budget -role:tool", "role", "tool")).toBe(false);
    expect(text(removeFacetFilter("budget tag:a tag:b", "tag", "a"))).toBe("budget tag:b");
    expect(text(removeFacetFilter("type:gpt", "type", "gpt"))).toBe("");
  });
});
