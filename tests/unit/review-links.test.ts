// Where review items open: every item type has a page, ids are URL-encoded, and items whose page cannot
// be known (a message without its conversation) get no link rather than a broken one.
import { describe, expect, it } from "vitest";
import { itemHref } from "@/lib/review/links";

const base = { conversationId: null, messageId: null, gptId: null, projectId: null, userId: null };

describe("itemHref", () => {
  it("links each item type to its page", () => {
    expect(itemHref({ ...base, itemType: "CONVERSATION", itemId: "c1" })).toBe("/conversations/c1");
    expect(itemHref({ ...base, itemType: "MESSAGE", itemId: "m1", conversationId: "c1" })).toBe("/conversations/c1?m=m1#m-m1");
    expect(itemHref({ ...base, itemType: "GPT", itemId: "g-1" })).toBe("/gpts/g-1");
    expect(itemHref({ ...base, itemType: "GPT_CONFIG", itemId: "v1", gptId: "g-1" })).toBe("/gpts/g-1?b=v1#compare");
    expect(itemHref({ ...base, itemType: "PROJECT", itemId: "g-p-1" })).toBe("/projects/g-p-1");
    expect(itemHref({ ...base, itemType: "MEMORY", itemId: "mem1", userId: "user-1" })).toBe("/custodians/user-1?memory=mem1#memory-mem1");
    expect(itemHref({ ...base, itemType: "FILE", itemId: "f1", conversationId: "c1", messageId: "m1" })).toBe("/conversations/c1?m=m1#m-m1");
    expect(itemHref({ ...base, itemType: "FILE", itemId: "f1", userId: "user-1" })).toBe("/custodians/user-1");
  });

  it("encodes ids and gives no link when the page is unknown", () => {
    expect(itemHref({ ...base, itemType: "CONVERSATION", itemId: "a/b?c#d" })).toBe("/conversations/a%2Fb%3Fc%23d");
    expect(itemHref({ ...base, itemType: "MESSAGE", itemId: "m1" })).toBeNull();
    expect(itemHref({ ...base, itemType: "GPT_CONFIG", itemId: "v1" })).toBeNull();
    expect(itemHref({ ...base, itemType: "MEMORY", itemId: "mem1" })).toBeNull();
    expect(itemHref({ ...base, itemType: "FILE", itemId: "f1" })).toBeNull();
  });
});
