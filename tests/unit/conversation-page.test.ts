// A conversation page from its bytes (lib/ingest/conversation-page.ts), on the parser thread and on the
// calling thread (lib/ingest/page-parser.ts): envelope, quarantined records, repeated messages, tree
// places, file references and hashes, and the fallback when the parser thread dies.
import { afterEach, describe, expect, it } from "vitest";
import { InvalidPageError } from "@/lib/compliance-api/pagination";
import { parseConversationPage } from "@/lib/ingest/conversation-page";
import { hashConversation, hashMessage } from "@/lib/ingest/hashing";
import { PageParser } from "@/lib/ingest/page-parser";

const msg = (id: string, parent: string | null, t: number | null, extra: Record<string, unknown> = {}) => ({
  object: "compliance.workspace.conversation.message",
  id,
  parent_id: parent,
  created_at: t,
  author: { role: parent ? "user" : "system", tool_name: null },
  content: parent ? { type: "text", value: `text of ${id}`, annotations: [] } : null,
  files: { object: "list", data: [], has_more: false, last_id: null },
  ...extra,
});

const file = { object: "compliance.workspace.conversation.message.file", id: "file-1", name: "a.pdf", created_at: 1700000001.5, download_url: "https://blob.example/a?sig=x" };
const conversation = {
  object: "compliance.workspace.conversation",
  id: "c-1",
  user_id: "user-1",
  user_email: "u@example.com",
  title: "Budget",
  created_at: 1700000000.25,
  last_active_at: 1700000100.5,
  messages: {
    object: "list",
    data: [
      msg("m-b2", "m-a", 1700000050),
      msg("m-root", null, null),
      msg("m-a", "m-root", 1700000000.5, { files: { object: "list", data: [file], has_more: false, last_id: null } }),
      msg("m-b1", "m-a", 1700000020),
      msg("m-b2", "m-a", 1700000060, { content: { type: "text", value: "edited later copy", annotations: [] } }),
    ],
    has_more: false,
    last_id: null,
  },
};
const broken = { object: "compliance.workspace.conversation", id: "c-2", user_id: "user-1", messages: { data: [{ id: "m-x", author: {} }] } };
const body = Buffer.from(JSON.stringify({ object: "list", data: [broken, conversation], has_more: true, last_id: "c-1" }));

function checkPage(page: ReturnType<typeof parseConversationPage>) {
  expect(page).toMatchObject({ hasMore: true, lastId: "c-1", count: 2 });
  expect(page.records[0]).toMatchObject({ ok: false, id: "c-2" });
  const rec = page.records[1];
  if (!rec.ok) throw new Error(rec.error);
  const c = rec.conversation;
  expect(c).toMatchObject({ index: 1, id: "c-1", userId: "user-1", userEmail: "u@example.com", title: "Budget", createdAt: 1700000000.25, lastActiveAt: 1700000100.5 });
  expect(c.meta).not.toHaveProperty("messages");
  // The repeated m-b2: the later copy wins, at its own position.
  expect(c.msgs.map((m) => [m.id, m.index])).toEqual([["m-b2", 4], ["m-root", 1], ["m-a", 2], ["m-b1", 3]]);
  const byId = new Map(c.msgs.map((m) => [m.id, m]));
  expect(byId.get("m-b2")!.sha).toBe(hashMessage(conversation.messages.data[4]));
  expect(c.sha).toBe(hashConversation(conversation, c.msgs.map((m) => m.sha)));
  expect([byId.get("m-root")!.depth, byId.get("m-a")!.depth, byId.get("m-b2")!.depth]).toEqual([0, 1, 2]);
  expect(c.activeLeafId).toBe("m-b2");
  expect(c.msgs.filter((m) => m.active).map((m) => m.id).sort()).toEqual(["m-a", "m-b2", "m-root"]);
  expect(byId.get("m-root")).toMatchObject({ role: "system", contentType: null, textLength: 0 });
  expect(byId.get("m-a")!.files).toEqual([{ id: "file-1", name: "a.pdf", userId: null, downloadUrl: file.download_url, createdAt: 1700000001.5, raw: file }]);
}

let parser: PageParser | null = null;
afterEach(async () => {
  await parser?.close();
  parser = null;
});

describe("conversation pages", () => {
  it("are prepared from their bytes on the calling thread", () => {
    checkPage(parseConversationPage(body));
  });

  it("are prepared the same on the parser thread, page after page", async () => {
    parser = new PageParser();
    const pages = await Promise.all([parser.parse(Buffer.from(body)), parser.parse(Buffer.from(body)), parser.parse(Buffer.from(body))]);
    for (const page of pages) checkPage(page);
    expect((parser as unknown as { worker: unknown }).worker).not.toBeNull();
  });

  it("reject bytes that are not a list page with InvalidPageError, on either thread", async () => {
    const truncated = body.subarray(0, 100);
    expect(() => parseConversationPage(truncated)).toThrow(InvalidPageError);
    parser = new PageParser();
    await expect(parser.parse(truncated)).rejects.toThrow(InvalidPageError);
    await expect(parser.parse(Buffer.from('{"data":[],"has_more":true}'))).rejects.toThrow(/has_more is true but the page is empty/);
    checkPage(await parser.parse(Buffer.from(body)));
  });

  it("hand the bytes back, copying only bytes they cannot take over", async () => {
    parser = new PageParser();
    const own = Buffer.alloc(body.length); // its own ArrayBuffer, unlike small Buffer.from() copies
    body.copy(own);
    const page = await parser.parse(own);
    expect(own.byteLength).toBe(0); // transferred to the parser thread…
    expect(page.body.equals(body)).toBe(true); // …and back
    const pooled = Buffer.from('{"data":[],"has_more":false}');
    expect(pooled.byteLength).toBeLessThan(pooled.buffer.byteLength);
    const small = await parser.parse(pooled);
    expect(pooled.toString()).toBe('{"data":[],"has_more":false}');
    expect(small).toMatchObject({ hasMore: false, count: 0, records: [] });
  });

  it("fall back to the calling thread when the parser thread dies; unanswered pages fail as invalid, to be fetched again", async () => {
    parser = new PageParser();
    checkPage(await parser.parse(Buffer.from(body)));
    const pending = parser.parse(Buffer.from(body));
    await (parser as unknown as { worker: { terminate(): Promise<number> } }).worker.terminate();
    await pending.then(checkPage, (err: unknown) => expect(err).toBeInstanceOf(InvalidPageError));
    checkPage(await parser.parse(Buffer.from(body)));
    expect((parser as unknown as { worker: unknown }).worker).toBeNull();
  });
});
