// The pieces of a search document both engines rely on: filter keys, document ids, highlight segments.
import { describe, expect, it } from "vitest";
import { nameKeys, userKeys } from "@/lib/search/documents";
import { documentKey, HIGHLIGHT_END, HIGHLIGHT_START, splitHighlight } from "@/lib/search/types";

describe("filter keys", () => {
  it("user: matches id, email, its local part, the full name and each word of it, lowercased", () => {
    expect(userKeys("user-Ab12", "Ana María López", "Ana.Lopez@Example.COM")).toEqual([
      "user-ab12",
      "ana maría lópez",
      "ana",
      "maría",
      "lópez",
      "ana.lopez@example.com",
      "ana.lopez",
    ]);
  });

  it("drops what is missing and repeats nothing", () => {
    expect(userKeys("u1", null, null)).toEqual(["u1"]);
    expect(userKeys("alice", "Alice", "alice@x.io")).toEqual(["alice", "alice@x.io"]);
    expect(nameKeys("g-1", "  Contract   Reviewer ")).toEqual(["g-1", "contract reviewer", "contract", "reviewer"]);
    expect(nameKeys(null, "")).toEqual([]);
  });
});

describe("document ids", () => {
  it("are type-prefixed item ids when the id is in Meilisearch's key alphabet", () => {
    expect(documentKey("message", "aaa-111_b")).toBe("message_aaa-111_b");
  });

  it("hex-encode other ids, so two items can never share a document id", () => {
    expect(documentKey("file", "file:1")).toBe(`file__${Buffer.from("file:1").toString("hex")}`);
    expect(documentKey("file", "_x")).toBe(`file__${Buffer.from("_x").toString("hex")}`);
    expect(documentKey("file", "x")).not.toBe(documentKey("memory", "x"));
    expect(documentKey("gpt", "é")).toMatch(/^[A-Za-z0-9_-]+$/);
  });
});

describe("highlight segments", () => {
  it("split marked text into plain and matched runs", () => {
    expect(splitHighlight(`a ${HIGHLIGHT_START}b${HIGHLIGHT_END} c ${HIGHLIGHT_START}d${HIGHLIGHT_END}`)).toEqual([
      { text: "a ", match: false },
      { text: "b", match: true },
      { text: " c ", match: false },
      { text: "d", match: true },
    ]);
  });

  it("merge adjacent runs and keep markup as text", () => {
    expect(splitHighlight(`${HIGHLIGHT_START}<b>${HIGHLIGHT_END}${HIGHLIGHT_START}x${HIGHLIGHT_END}`)).toEqual([{ text: "<b>x", match: true }]);
    expect(splitHighlight("")).toEqual([]);
  });
});
