// The conversation reader over a conversation of a few hundred messages with branches (real Postgres):
// branch selection, siblings, thread windows, the compact outline, per-message files; and the two routes the
// reader uses — file download (auth, 404, 410, headers, bytes, audit) and a message's raw JSON (audit).
import { mkdtempSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { randomUUID } from "node:crypto";
import { beforeAll, describe, expect, it } from "vitest";
import { NextRequest } from "next/server";
import { getDb } from "@/lib/db";
import { setProcessEnv } from "@/lib/env";
import type { WrappedHandler } from "@/lib/http/handler";
import { getConversationReader, READER_WINDOW, type OutlineSegment } from "@/lib/archive/reader";
import { getBlobStore } from "@/lib/storage/blob-store";
import * as fileContentRoute from "@/app/api/v1/files/[id]/content/route";
import * as messageRoute from "@/app/api/v1/messages/[id]/route";
import { createTestUser, sessionCookie } from "../factories/users";

// This file's blobs live in their own directory (the store is created on first use, after this).
setProcessEnv({ DATA_DIR: mkdtempSync(path.join(os.tmpdir(), "custodian-reader-")) });

const marker = randomUUID().slice(0, 8);
const conv = `conv-reader-${marker}`;
const sourceId = `src-reader-${marker}`;
const mid = (name: string) => `${conv}-${name}`;
const MAIN = 250;
const t0 = Date.UTC(2025, 2, 1);
const at = (minute: number) => new Date(t0 + minute * 60_000);
const files = { stored: `file-stored-${marker}`, expired: `file-expired-${marker}`, failed: `file-failed-${marker}` };
const content = Buffer.from(`quarterly numbers ${marker}\n`);
let blobSha = "";
const cookies = { reviewer: "", auditor: "", disabled: "" };

type Row = { id: string; parentId: string | null; role: string; minute: number; active: boolean; text: string | null };

beforeAll(async () => {
  const db = getDb();
  // Main chain m0 … m249 (active), plus:
  //  - e10: an older edit of the prompt m10 (sibling under m9) with 4 replies below it (e10 → e11 … e14);
  //  - r201, r201b: two older regenerations of the answer m201 (siblings under m200);
  //  - a hidden system root m0 without content.
  const rows: Row[] = [];
  for (let i = 0; i < MAIN; i++) {
    rows.push({ id: mid(`m${i}`), parentId: i ? mid(`m${i - 1}`) : null, role: i === 0 ? "system" : i % 2 ? "user" : "assistant", minute: 1000 + i, active: true, text: i === 0 ? null : `main ${i}` });
  }
  rows.push({ id: mid("e10"), parentId: mid("m9"), role: "user", minute: 5, active: false, text: "edited prompt e10" });
  for (let i = 11; i < 15; i++) rows.push({ id: mid(`e${i}`), parentId: mid(`e${i - 1}`), role: i % 2 ? "assistant" : "user", minute: i, active: false, text: `old branch ${i}` });
  rows.push({ id: mid("r201"), parentId: mid("m200"), role: "assistant", minute: 20, active: false, text: "regenerated r201" });
  rows.push({ id: mid("r201b"), parentId: mid("m200"), role: "assistant", minute: 21, active: false, text: "regenerated r201b" });
  await db.conversation.create({
    data: { id: conv, sourceId, userId: `user-${marker}`, userEmail: `ana-${marker}@example.com`, title: "Reader test", rawJson: {}, sha256: "x", activeLeafId: mid(`m${MAIN - 1}`), messageCount: rows.length },
  });
  await db.workspaceUser.create({ data: { id: `user-${marker}`, sourceId, email: `ana-${marker}@example.com`, name: "Ana Ruiz", rawJson: {}, sha256: "u" } });
  await db.conversationVersion.createMany({ data: [1, 2].map((version) => ({ conversationId: conv, version, messageCount: rows.length, sha256: `v${version}`, rawJson: {} })) });
  await db.message.createMany({
    data: rows.map((r) => ({
      id: r.id,
      conversationId: conv,
      sourceId,
      parentId: r.parentId,
      authorRole: r.role,
      text: r.text,
      createdAtSource: r.id === mid("m0") ? null : at(r.minute),
      isActiveBranch: r.active,
      hasFiles: r.id === mid("m3"),
      annotations: r.id === mid("m4") ? [{ type: "url_citation", urls: ["https://intranet.example.com/vendors", "javascript:alert(1)"] }] : undefined,
      version: r.id === mid("m3") ? 2 : 1,
      rawJson: { id: r.id, content: r.text === null ? null : { type: "text", value: r.text } },
      sha256: `sha-${r.id}`,
    })),
  });
  await db.messageVersion.create({ data: { messageId: mid("m3"), version: 1, text: "main 3 before the edit", rawJson: { id: mid("m3"), v: 1 }, sha256: "old" } });

  const blob = await getBlobStore().put(content);
  blobSha = blob.sha256;
  await db.storedFile.create({ data: { sha256: blob.sha256, size: blob.size, storageKey: blob.storageKey, contentType: "text/plain" } });
  await db.sourceFile.createMany({
    data: [
      { id: files.stored, sourceId, kind: "CONVERSATION", name: 'Q3 "vendors"\r\nreport ü.txt', conversationId: conv, status: "STORED", blobSha256: blob.sha256, rawJson: {}, sha256: "f1" },
      { id: files.expired, sourceId, kind: "CONVERSATION", name: "old.xlsx", conversationId: conv, status: "EXPIRED", rawJson: {}, sha256: "f2" },
      { id: files.failed, sourceId, kind: "CONVERSATION", name: "broken.pdf", conversationId: conv, status: "FAILED", lastError: "HTTP 500", rawJson: {}, sha256: "f3" },
    ],
  });
  await db.messageFile.createMany({ data: Object.values(files).map((fileId) => ({ messageId: mid("m3"), fileId })) });

  const reviewer = await createTestUser({ role: "REVIEWER" });
  const auditor = await createTestUser({ role: "AUDITOR" });
  const disabled = await createTestUser({ role: "REVIEWER", disabled: true });
  cookies.reviewer = await sessionCookie(reviewer);
  cookies.auditor = await sessionCookie(auditor);
  cookies.disabled = await sessionCookie(disabled);
});

function flatten(segments: OutlineSegment[]): OutlineSegment[] {
  return segments.flatMap((s) => [s, ...flatten(s.children)]);
}

describe("reader: branches, siblings, windows, outline", () => {
  it("opens on the first window of the active branch, with the header's counts", async () => {
    const r = (await getConversationReader(conv))!;
    expect(r.onActiveBranch).toBe(true);
    expect(r.branch).toHaveLength(MAIN);
    expect(r.window).toMatchObject({ page: 1, pageCount: Math.ceil(MAIN / READER_WINDOW), start: 0, end: READER_WINDOW });
    expect(r.messages.map((m) => m.id)).toEqual(Array.from({ length: READER_WINDOW }, (_, i) => mid(`m${i}`)));
    expect(r.totalMessages).toBe(MAIN + 7);
    expect(r.leafCount).toBe(4);
    expect(r.branchPointCount).toBe(2);
    expect(r.conversation.versionsSeen).toBe(2);
    expect(r.conversation.custodian).toMatchObject({ name: "Ana Ruiz", email: `ana-${marker}@example.com` });
    expect(r.messages[0].text).toBeNull();
  });

  it("opens the window holding a focused message, and clamps pages", async () => {
    const r = (await getConversationReader(conv, { focusId: mid("m230") }))!;
    expect(r.onActiveBranch).toBe(true);
    const page = Math.floor(230 / READER_WINDOW) + 1;
    const start = (page - 1) * READER_WINDOW;
    expect(r.window).toMatchObject({ page, start, end: Math.min(MAIN, start + READER_WINDOW) });
    expect(r.messages[0].id).toBe(mid(`m${start}`));
    expect(r.messages.some((m) => m.id === mid("m230"))).toBe(true);
    const p2 = (await getConversationReader(conv, { focusId: mid("m230"), page: 2 }))!;
    expect(p2.messages.map((m) => m.id)[0]).toBe(mid(`m${READER_WINDOW}`));
    expect((await getConversationReader(conv, { page: 99 }))!.window.page).toBe(Math.ceil(MAIN / READER_WINDOW));
  });

  it("switches to an edited prompt's branch: ancestors, the edit, the replies below it", async () => {
    const r = (await getConversationReader(conv, { focusId: mid("e10") }))!;
    expect(r.onActiveBranch).toBe(false);
    expect(r.branch.map((b) => b.id)).toEqual([...Array.from({ length: 10 }, (_, i) => mid(`m${i}`)), mid("e10"), mid("e11"), mid("e12"), mid("e13"), mid("e14")]);
    const e10 = r.messages.find((m) => m.id === mid("e10"))!;
    // The edit is older than m10, so it comes first among the two prompt versions.
    expect([e10.position, e10.siblingCount, e10.nextSiblingId]).toEqual([1, 2, mid("m10")]);
    const onActive = (await getConversationReader(conv, { focusId: mid("m10") }))!.messages.find((m) => m.id === mid("m10"))!;
    expect([onActive.position, onActive.siblingCount, onActive.prevSiblingId]).toEqual([2, 2, mid("e10")]);
  });

  it("gives a regenerated answer 3 versions and follows the focused one", async () => {
    const r = (await getConversationReader(conv, { focusId: mid("r201b") }))!;
    expect(r.branch.map((b) => b.id).slice(-2)).toEqual([mid("m200"), mid("r201b")]);
    const m = r.messages.find((x) => x.id === mid("r201b"))!;
    expect([m.position, m.siblingCount, m.prevSiblingId, m.nextSiblingId]).toEqual([2, 3, mid("r201"), mid("m201")]);
    expect(r.window.page).toBe(Math.floor(201 / READER_WINDOW) + 1);
  });

  it("outlines the tree by branch points, not by messages", async () => {
    const r = (await getConversationReader(conv, { focusId: mid("e12") }))!;
    const segs = flatten(r.outline.roots);
    // m0…m9 | e10…e14 | m10…m200 | r201 | r201b | m201…m249
    expect(segs.map((s) => [s.firstId, s.count])).toEqual(
      expect.arrayContaining([
        [mid("m0"), 10],
        [mid("e10"), 5],
        [mid("m10"), 191],
        [mid("r201"), 1],
        [mid("r201b"), 1],
        [mid("m201"), 49],
      ]),
    );
    expect(segs).toHaveLength(6);
    expect(segs.filter((s) => s.onBranch).map((s) => s.firstId)).toEqual([mid("m0"), mid("e10")]);
    expect(segs.filter((s) => s.hasFocus).map((s) => s.firstId)).toEqual([mid("e10")]);
  });

  it("reads files, citations and versions for the window's messages", async () => {
    const r = (await getConversationReader(conv))!;
    const m3 = r.messages.find((m) => m.id === mid("m3"))!;
    expect(m3.version).toBe(2);
    const byId = new Map(m3.files.map((f) => [f.id, f]));
    expect(byId.get(files.stored)).toMatchObject({ status: "STORED", sha256: blobSha, size: content.length });
    expect(byId.get(files.expired)).toMatchObject({ status: "EXPIRED", sha256: null, size: null });
    expect(byId.get(files.failed)).toMatchObject({ status: "FAILED", lastError: "HTTP 500" });
    const m4 = r.messages.find((m) => m.id === mid("m4"))!;
    expect(m4.annotations).toEqual([{ urls: ["https://intranet.example.com/vendors", "javascript:alert(1)"] }]);
  });
});

function get(url: string, cookie: string | null) {
  return new NextRequest(`http://localhost:3000${url}`, { headers: cookie ? { cookie, "x-forwarded-for": "192.0.2.7" } : {} });
}

async function call(handler: WrappedHandler, url: string, cookie: string | null, id: string) {
  return handler(get(url, cookie), { params: Promise.resolve({ id }) });
}

const auditOf = (requestId: string | null) => getDb().auditEvent.findMany({ where: { requestId: requestId ?? "none" } });

describe("GET /api/v1/files/[id]/content", () => {
  const url = (id: string) => `/api/v1/files/${encodeURIComponent(id)}/content`;

  it("streams stored bytes as an audited attachment that cannot render in the app", async () => {
    const res = await call(fileContentRoute.GET, url(files.stored), cookies.auditor, files.stored);
    expect(res.status).toBe(200);
    expect(res.headers.get("content-type")).toBe("application/octet-stream");
    expect(res.headers.get("x-content-type-options")).toBe("nosniff");
    const disposition = res.headers.get("content-disposition")!;
    expect(disposition).toMatch(/^attachment; filename="[\x20-\x7e]+"; filename\*=UTF-8''/);
    expect(disposition).not.toMatch(/[\r\n]/);
    expect(disposition.match(/filename="([^"]*)"/)![1]).toBe("Q3 _vendors___report _.txt");
    expect(disposition).toContain("filename*=UTF-8''Q3%20_vendors___report%20%C3%BC.txt");
    expect(Buffer.from(await res.arrayBuffer()).equals(content)).toBe(true);
    const [event] = await auditOf(res.headers.get("x-request-id"));
    expect(event).toMatchObject({ action: "file.download", outcome: "SUCCESS", targetType: "file", targetId: files.stored });
    expect(event.details).toMatchObject({ sha256: blobSha, size: content.length });
  });

  it("answers 410 gone, audited, for expired and failed files; 404 for unknown ones", async () => {
    for (const [id, status] of [[files.expired, "EXPIRED"], [files.failed, "FAILED"]] as const) {
      const res = await call(fileContentRoute.GET, url(id), cookies.reviewer, id);
      expect(res.status).toBe(410);
      const body = await res.json();
      expect(body.error).toMatchObject({ code: "gone", details: { status } });
      expect(body.error.message).toMatch(status === "EXPIRED" ? /expired/ : /failed/);
      const [event] = await auditOf(res.headers.get("x-request-id"));
      expect(event).toMatchObject({ action: "file.download", outcome: "FAILURE", targetId: id });
    }
    const missing = await call(fileContentRoute.GET, url("file-nope"), cookies.reviewer, "file-nope");
    expect(missing.status).toBe(404);
    expect((await missing.json()).error.code).toBe("not_found");
  });

  it("refuses callers without a valid session", async () => {
    for (const cookie of [null, cookies.disabled, "next-auth.session-token=forged"]) {
      const res = await call(fileContentRoute.GET, url(files.stored), cookie, files.stored);
      expect(res.status).toBe(401);
      expect(res.headers.get("content-type")).toContain("application/json");
      expect((await auditOf(res.headers.get("x-request-id"))).filter((e) => e.action === "file.download")).toHaveLength(0);
    }
  });
});

describe("GET /api/v1/messages/[id]", () => {
  it("returns the stored payload, hash, version and earlier versions, audited", async () => {
    const res = await call(messageRoute.GET, `/api/v1/messages/${mid("m3")}`, cookies.reviewer, mid("m3"));
    expect(res.status).toBe(200);
    const body = await res.json();
    expect(body.message).toMatchObject({ id: mid("m3"), conversationId: conv, version: 2, sha256: `sha-${mid("m3")}`, rawJson: { id: mid("m3"), content: { type: "text", value: "main 3" } } });
    expect(body.versions).toEqual([expect.objectContaining({ version: 1, sha256: "old", text: "main 3 before the edit", rawJson: { id: mid("m3"), v: 1 } })]);
    const [event] = await auditOf(res.headers.get("x-request-id"));
    expect(event).toMatchObject({ action: "message.view_raw", targetType: "message", targetId: mid("m3"), outcome: "SUCCESS" });
  });

  it("answers 404 for an unknown message and 401 without a session", async () => {
    const missing = await call(messageRoute.GET, "/api/v1/messages/nope", cookies.reviewer, "nope");
    expect(missing.status).toBe(404);
    const anon = await call(messageRoute.GET, `/api/v1/messages/${mid("m3")}`, null, mid("m3"));
    expect(anon.status).toBe(401);
  });
});
