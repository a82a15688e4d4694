// Exports end to end through the real route handlers and the real build job: archive rows written with
// Prisma (a branched conversation with a stored and an expired file, a conversation whose title and text
// look like spreadsheet formulas, a memory with versions, a GPT configuration), indexed into the
// PostgreSQL engine straight from the archive (documents built by lib/search/documents.ts, this file's
// items only), exported from a search, verified against the manifest, unpacked and compared with the
// database. Then permissions, audit, a hold and a selection export, bad input, expiry and discard.
// Isolation: every id and searched word carries this run's marker; DATA_DIR is a temporary directory;
// afterAll removes this file's archive rows and documents.
import { createHash, randomBytes } from "node:crypto";
import { existsSync, mkdtempSync, readdirSync } from "node:fs";
import { copyFile, open, readFile, rm, writeFile } from "node:fs/promises";
import os from "node:os";
import path from "node:path";
import pg from "pg";
import yauzl from "yauzl";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { setProcessEnv } from "@/lib/env";
import { getDb } from "@/lib/db";
import * as exportsRoute from "@/app/api/v1/exports/route";
import * as exportRoute from "@/app/api/v1/exports/[id]/route";
import * as downloadRoute from "@/app/api/v1/exports/[id]/download/route";
import { getJob } from "@/lib/jobs/definitions";
import { stopBoss } from "@/lib/jobs/boss";
import { closeSearchEngine, getSearchEngine } from "@/lib/search/engine";
import { loadDocuments } from "@/lib/search/documents";
import { documentKey } from "@/lib/search/types";
import { getBlobStore } from "@/lib/storage/blob-store";
import { exportZipPath, exportsDir } from "@/lib/exports/build";
import { resolveSearch } from "@/lib/exports/resolve";
import { verifyExportZip } from "@/lib/exports/verify";
import { createTestUser, sessionCookie } from "../factories/users";
import { apiRequest, callRoute } from "../factories/http";

const dataDir = mkdtempSync(path.join(os.tmpdir(), "custodian-exports-"));
setProcessEnv({ DATA_DIR: dataDir, EXPORT_TTL_HOURS: "72" });

const marker = `ex${randomBytes(5).toString("hex")}`;
const sourceId = `src-${marker}`;
const custodian = { id: `wu-${marker}`, email: `carol.${marker}@corp.test` };
const T = (minutes: number) => new Date(Date.UTC(2025, 2, 1, 9, minutes));

const ids = {
  c1: `conv-${marker}-1`,
  c2: `conv-${marker}-2`,
  u1: `m-${marker}-u1`,
  a1: `m-${marker}-a1`,
  a2: `m-${marker}-a2`,
  u2: `m-${marker}-u2`,
  u2b: `m-${marker}-u2b`,
  c2m: `m-${marker}-c2m`,
  stored: `file-${marker}-stored`,
  expired: `file-${marker}-expired`,
  gpt: `g-${marker}`,
  config: "",
  memory: "",
};
const TEXT = {
  u1: `How do I plan the ${marker} budget?`,
  a1: "An earlier answer that was regenerated.",
  a2: `Here is the plan <script>alert(1)</script> & "quotes" for ${marker}`,
  u2: `Thanks, see the attached sheet ${marker}`,
  u2b: "A follow-up on the old branch.",
  c2m: `=HYPERLINK("http://evil.test","click") ${marker}`,
};
const FILE_BYTES = Buffer.from(`quarterly,numbers\n1,2\n${marker}\n`);
let fileSha = "";

const users = { reviewer: "", reviewer2: "", admin: "", auditor: "" };
const cookies = { reviewer: "", reviewer2: "", admin: "", auditor: "" };
const holdIds: string[] = [];
let searchExportId = "";
let zipFile = "";

async function download(id: string, cookie: string) {
  return downloadRoute.GET(apiRequest("GET", `/api/v1/exports/${id}/download`, cookie), { params: Promise.resolve({ id }) });
}

const create = (cookie: string, body: unknown) => callRoute(exportsRoute.POST, "POST", "/api/v1/exports", cookie, body);
const runBuild = (exportId: string) => getJob("export.build").run({ exportId }, { jobId: `test-${exportId}` });

/** Every entry of a ZIP, by name. */
async function readZip(file: string): Promise<Map<string, Buffer>> {
  const zip = await yauzl.openPromise(file, { lazyEntries: true });
  const out = new Map<string, Buffer>();
  try {
    for await (const entry of zip.eachEntry()) {
      const chunks: Buffer[] = [];
      for await (const chunk of await zip.openReadStreamPromise(entry)) chunks.push(chunk as Buffer);
      out.set(entry.fileName, Buffer.concat(chunks));
    }
  } finally {
    zip.close();
  }
  return out;
}

/** Offset and length of an entry's (compressed) data inside the ZIP. */
async function entryData(file: string, name: string): Promise<{ start: number; length: number }> {
  const zip = await yauzl.openPromise(file, { lazyEntries: true, autoClose: false });
  try {
    for await (const entry of zip.eachEntry()) {
      if (entry.fileName !== name) continue;
      const { fileDataStart } = await zip.readLocalFileHeaderPromise(entry, { minimal: true });
      return { start: fileDataStart, length: entry.compressedSize };
    }
  } finally {
    zip.close();
  }
  throw new Error(`${name} not in ${file}`);
}

/** RFC 4180 parser (quoted fields, doubled quotes, CRLF). */
function parseCsv(text: string): string[][] {
  const rows: string[][] = [];
  let row: string[] = [];
  let field = "";
  let quoted = false;
  for (let i = 0; i < text.length; i++) {
    const ch = text[i];
    if (quoted) {
      if (ch === '"' && text[i + 1] === '"') {
        field += '"';
        i++;
      } else if (ch === '"') quoted = false;
      else field += ch;
    } else if (ch === '"') quoted = true;
    else if (ch === ",") {
      row.push(field);
      field = "";
    }
    else if (ch === "\r" && text[i + 1] === "\n") {
      row.push(field);
      rows.push(row);
      row = [];
      field = "";
      i++;
    } else field += ch;
  }
  if (field || row.length) throw new Error("CSV does not end with CRLF");
  return rows;
}

beforeAll(async () => {
  for (const [key, role] of [["reviewer", "REVIEWER"], ["reviewer2", "REVIEWER"], ["admin", "ADMIN"], ["auditor", "AUDITOR"]] as const) {
    const u = await createTestUser({ role });
    users[key] = u.id;
    cookies[key] = await sessionCookie(u);
  }
  const db = getDb();
  const raw = { title: "raw" };
  await db.workspaceUser.create({ data: { id: custodian.id, sourceId, email: custodian.email, name: "Carol Custodian", rawJson: {}, sha256: "0".repeat(64) } });
  // c1: u1 → a1 (older answer) → u2b, and u1 → a2 (regenerated, active) → u2 (active leaf, with files).
  await db.conversation.create({
    data: { id: ids.c1, sourceId, userId: custodian.id, userEmail: custodian.email, title: "Budget <b>planning</b>", createdAtSource: T(0), lastActiveAt: T(9), messageCount: 5, activeLeafId: ids.u2, rawJson: raw, sha256: "c1".padEnd(64, "0") },
  });
  const msgs: [string, string | null, string, number, number, boolean][] = [
    [ids.u1, null, "user", 1, 0, true],
    [ids.a1, ids.u1, "assistant", 2, 1, false],
    [ids.a2, ids.u1, "assistant", 4, 1, true],
    [ids.u2b, ids.a1, "user", 3, 2, false],
    [ids.u2, ids.a2, "user", 5, 2, true],
  ];
  for (const [id, parentId, role, minute, depth, active] of msgs) {
    const key = (Object.keys(ids) as (keyof typeof ids)[]).find((k) => ids[k] === id)! as keyof typeof TEXT;
    await db.message.create({
      data: {
        id,
        conversationId: ids.c1,
        sourceId,
        parentId,
        authorRole: role,
        text: TEXT[key],
        annotations: id === ids.a2 ? [{ type: "url_citation", url: "https://example.test/a?b=1&c=2", title: "Source <1>" }] : undefined,
        createdAtSource: T(minute),
        depth,
        isActiveBranch: active,
        hasFiles: id === ids.u2,
        rawJson: { id, raw: true },
        sha256: createHash("sha256").update(id).digest("hex"),
      },
    });
  }
  const blob = await getBlobStore().put(FILE_BYTES);
  fileSha = blob.sha256;
  await db.storedFile.upsert({ where: { sha256: blob.sha256 }, create: { sha256: blob.sha256, size: BigInt(blob.size), contentType: "text/csv", storageKey: blob.storageKey }, update: {} });
  await db.sourceFile.create({
    data: { id: ids.stored, sourceId, kind: "CONVERSATION", name: `../../Q1 "numbers" ${marker}.csv`, userId: custodian.id, conversationId: ids.c1, status: "STORED", blobSha256: blob.sha256, rawJson: {}, sha256: "f1".padEnd(64, "0") },
  });
  await db.sourceFile.create({
    data: { id: ids.expired, sourceId, kind: "CONVERSATION", name: "old-deck.pdf", userId: custodian.id, conversationId: ids.c1, status: "EXPIRED", rawJson: {}, sha256: "f2".padEnd(64, "0") },
  });
  await db.messageFile.createMany({ data: [{ messageId: ids.u2, fileId: ids.stored }, { messageId: ids.u2, fileId: ids.expired }] });

  await db.conversation.create({
    data: { id: ids.c2, sourceId, userId: custodian.id, userEmail: custodian.email, title: `=cmd|' /C calc'!A0 ${marker}`, createdAtSource: T(20), lastActiveAt: T(20), messageCount: 1, activeLeafId: ids.c2m, rawJson: raw, sha256: "c2".padEnd(64, "0") },
  });
  await db.message.create({
    data: { id: ids.c2m, conversationId: ids.c2, sourceId, authorRole: "user", text: TEXT.c2m, createdAtSource: T(20), isActiveBranch: true, rawJson: {}, sha256: "d".repeat(64) },
  });
  await db.gpt.create({ data: { id: ids.gpt, sourceId, ownerId: custodian.id, ownerEmail: custodian.email, name: `Budget Bot ${marker}`, rawJson: {}, sha256: "e".repeat(64) } });
  ids.config = (
    await db.gptConfigVersion.create({ data: { gptId: ids.gpt, configId: `cfg-${marker}`, name: `Budget Bot ${marker}`, instructions: `Answer ${marker} budget questions`, createdAtSource: T(30), rawJson: {}, sha256: "a".repeat(64) } })
  ).id;
  const memory = await db.memory.create({
    data: { sourceId, userId: custodian.id, contextId: "ctx", entryId: `e-${marker}`, content: `Prefers ${marker} summaries`, currentVersion: 2, updatedAtSource: T(40), rawJson: {}, sha256: "b".repeat(64) },
  });
  ids.memory = memory.id;
  await db.memoryVersion.createMany({
    data: [
      { memoryId: memory.id, version: 1, change: "ADDED", content: "Prefers summaries", rawJson: {}, sha256: "1".repeat(64) },
      { memoryId: memory.id, version: 2, change: "CHANGED", content: `Prefers ${marker} summaries`, rawJson: {}, sha256: "2".repeat(64) },
    ],
  });

  // Index this file's items (only) with the process's engine (PostgreSQL in tests).
  const pool = new pg.Pool({ connectionString: process.env.DATABASE_URL, max: 1 });
  try {
    const docs = [
      ...(await loadDocuments(pool, "MESSAGE", [ids.u1, ids.a1, ids.a2, ids.u2, ids.u2b, ids.c2m])),
      ...(await loadDocuments(pool, "GPT_CONFIG", [ids.config])),
      ...(await loadDocuments(pool, "MEMORY", [ids.memory])),
      ...(await loadDocuments(pool, "FILE", [ids.stored])),
    ];
    expect(docs.length).toBe(9);
    await (await getSearchEngine()).upsert(docs);
  } finally {
    await pool.end();
  }
});

afterAll(async () => {
  const db = getDb();
  const engine = await getSearchEngine();
  await engine.delete([
    ...[ids.u1, ids.a1, ids.a2, ids.u2, ids.u2b, ids.c2m].map((id) => documentKey("message", id)),
    documentKey("gpt", ids.config),
    documentKey("memory", ids.memory),
    documentKey("file", ids.stored),
  ]);
  await closeSearchEngine();
  await stopBoss();
  await db.exportJob.deleteMany({ where: { createdById: { in: Object.values(users) } } });
  await db.legalHold.deleteMany({ where: { id: { in: holdIds } } });
  await db.conversation.deleteMany({ where: { id: { in: [ids.c1, ids.c2] } } });
  await db.sourceFile.deleteMany({ where: { sourceId } });
  await db.storedFile.deleteMany({ where: { sha256: fileSha } });
  await db.gpt.deleteMany({ where: { id: ids.gpt } });
  await db.memory.deleteMany({ where: { sourceId } });
  await db.workspaceUser.deleteMany({ where: { sourceId } });
  await rm(dataDir, { recursive: true, force: true });
});

describe("export of a search result", () => {
  let entries: Map<string, Buffer>;

  it("creates a queued export (audited), builds it with the job, and serves it to its creator", async () => {
    const created = await create(cookies.reviewer, { name: `Budget matter ${marker}`, kind: "SEARCH", params: { query: marker, sort: "oldest" } });
    expect(created.status).toBe(200);
    expect(created.body.export).toMatchObject({ kind: "SEARCH", status: "QUEUED", params: { query: marker, sort: "oldest" }, createdBy: { id: users.reviewer } });
    searchExportId = created.body.export.id;
    const [event] = await getDb().auditEvent.findMany({ where: { requestId: created.requestId } });
    expect(event).toMatchObject({ action: "export.create", actorId: users.reviewer, targetType: "export", targetId: searchExportId });
    expect(event.details).toMatchObject({ kind: "SEARCH", query: marker });

    const early = await download(searchExportId, cookies.reviewer);
    expect(early.status).toBe(409);
    expect((await early.json()).error.code).toBe("export_not_ready");

    await runBuild(searchExportId);
    const row = await getDb().exportJob.findUniqueOrThrow({ where: { id: searchExportId } });
    expect(row.error).toBeNull();
    expect(row.status).toBe("SUCCEEDED");
    expect(row.sha256).toMatch(/^[0-9a-f]{64}$/);
    expect(row.expiresAt!.getTime() - row.finishedAt!.getTime()).toBe(72 * 3600_000);
    expect(row.progress).toMatchObject({ phase: "done", counts: { conversations: 2, messages: 6, gptConfigs: 1, memories: 1, files: 2, filesMissing: 1, matchedItems: 7 } });
    // conversation + 5 messages + 2 files; conversation + message; gpt + config; memory
    expect(row.itemCount).toBe(13);
    expect(readdirSync(path.join(exportsDir(), "tmp"))).toEqual([]);

    const status = await callRoute(exportRoute.GET, "GET", `/api/v1/exports/${searchExportId}`, cookies.reviewer, undefined, { id: searchExportId });
    expect(status.body.export).toMatchObject({ status: "SUCCEEDED", isDownloadable: true, isExpired: false, sha256: row.sha256, sizeBytes: Number(row.sizeBytes) });

    const res = await download(searchExportId, cookies.reviewer);
    expect(res.status).toBe(200);
    expect(res.headers.get("content-type")).toBe("application/zip");
    expect(res.headers.get("x-content-type-options")).toBe("nosniff");
    expect(res.headers.get("content-disposition")).toMatch(/^attachment; filename=".*\.zip"/);
    const bytes = Buffer.from(await res.arrayBuffer());
    expect(bytes.length).toBe(Number(row.sizeBytes));
    expect(createHash("sha256").update(bytes).digest("hex")).toBe(row.sha256);
    const [dl] = await getDb().auditEvent.findMany({ where: { requestId: res.headers.get("x-request-id")! } });
    expect(dl).toMatchObject({ action: "export.download", outcome: "SUCCESS", actorId: users.reviewer, targetId: searchExportId });
    expect(dl.details).toMatchObject({ sha256: row.sha256 });

    zipFile = path.join(dataDir, "downloaded.zip");
    await writeFile(zipFile, bytes);
    entries = await readZip(zipFile);
  });

  it("verifies against its manifest, and a corrupted copy fails naming the entry", async () => {
    const row = await getDb().exportJob.findUniqueOrThrow({ where: { id: searchExportId } });
    const good = await verifyExportZip(zipFile, { expectedSha256: row.sha256 });
    expect(good.issues).toEqual([]);
    expect(good.ok).toBe(true);
    expect(good.verified).toBe(entries.size - 1);
    expect(good.export).toMatchObject({ id: searchExportId, kind: "SEARCH" });

    const target = `conversations/${ids.c1}.html`;
    const { start, length } = await entryData(zipFile, target);
    const bad = path.join(dataDir, "corrupted.zip");
    await copyFile(zipFile, bad);
    const fh = await open(bad, "r+");
    try {
      const at = start + Math.floor(length / 2);
      const one = Buffer.alloc(1);
      await fh.read(one, 0, 1, at);
      one[0] ^= 0xff;
      await fh.write(one, 0, 1, at);
    } finally {
      await fh.close();
    }
    const report = await verifyExportZip(bad, { expectedSha256: row.sha256 });
    expect(report.ok).toBe(false);
    expect(report.issues.some((i) => i.path === target && ["hash_mismatch", "unreadable", "size_mismatch"].includes(i.kind))).toBe(true);
    expect(report.issues.some((i) => i.kind === "zip_hash_mismatch")).toBe(true);
    expect(report.issues.filter((i) => i.path && i.path !== target)).toEqual([]);

    // An intact ZIP checked against the wrong recorded hash fails on that alone.
    const mismatched = await verifyExportZip(zipFile, { expectedSha256: "0".repeat(64) });
    expect(mismatched.ok).toBe(false);
    expect(mismatched.issues.map((i) => i.kind)).toEqual(["zip_hash_mismatch"]);
  });

  it("has the expected entries, with the manifest last and listing every other entry", async () => {
    const names = [...entries.keys()];
    expect(names[names.length - 1]).toBe("manifest.json");
    expect(names).toEqual(
      expect.arrayContaining([`conversations/${ids.c1}.html`, `conversations/${ids.c2}.html`, `files/${fileSha}/Q1 _numbers_ ${marker}.csv`, "records.jsonl", "metadata.csv"]),
    );
    expect(entries.get(`files/${fileSha}/Q1 _numbers_ ${marker}.csv`)).toEqual(FILE_BYTES);
    const manifest = JSON.parse(entries.get("manifest.json")!.toString("utf8"));
    expect(manifest.export).toMatchObject({ id: searchExportId, kind: "SEARCH", parameters: { query: marker, sort: "oldest" }, created_by: { id: users.reviewer } });
    expect(manifest.entries.map((e: { path: string }) => e.path).sort()).toEqual(names.filter((n) => n !== "manifest.json").sort());
    for (const e of manifest.entries as { path: string; size: number; sha256: string }[]) {
      expect(e.size).toBe(entries.get(e.path)!.length);
      expect(e.sha256).toBe(createHash("sha256").update(entries.get(e.path)!).digest("hex"));
    }
    expect(manifest.missing_files).toEqual([{ fileId: ids.expired, name: "old-deck.pdf", status: "EXPIRED", reason: "expired" }]);
  });

  it("round-trips records.jsonl to the archive rows, tree fields included", async () => {
    const lines = entries.get("records.jsonl")!.toString("utf8").split("\n");
    expect(lines.pop()).toBe("");
    const records = lines.map((l) => JSON.parse(l));
    const db = getDb();
    const dbMessages = await db.message.findMany({ where: { conversationId: { in: [ids.c1, ids.c2] } }, include: { files: true } });
    const exported = records.filter((r) => r.record_type === "message");
    expect(exported).toHaveLength(dbMessages.length);
    for (const m of dbMessages) {
      const r = exported.find((x) => x.id === m.id);
      expect(r, m.id).toBeDefined();
      expect(r).toMatchObject({
        conversation_id: m.conversationId,
        parent_id: m.parentId,
        depth: m.depth,
        is_active_branch: m.isActiveBranch,
        role: m.authorRole,
        text: m.text,
        sha256: m.sha256,
        created_at: m.createdAtSource!.toISOString(),
        raw: m.rawJson,
      });
      expect([...r.file_ids].sort()).toEqual(m.files.map((f) => f.fileId).sort());
    }
    // Messages that did not match are exported with their conversation (tree intact), and say so.
    expect(exported.find((r) => r.id === ids.a1)!.matched).toBe(false);
    expect(exported.find((r) => r.id === ids.a2)!.matched).toBe(true);
    expect(exported.find((r) => r.id === ids.a2)!.annotations).toEqual([{ type: "url_citation", url: "https://example.test/a?b=1&c=2", title: "Source <1>" }]);

    const conv = records.find((r) => r.record_type === "conversation" && r.id === ids.c1);
    expect(conv).toMatchObject({ title: "Budget <b>planning</b>", sha256: "c1".padEnd(64, "0"), active_leaf_id: ids.u2, html_path: `conversations/${ids.c1}.html` });
    expect(conv.matched).toEqual(expect.arrayContaining([`MESSAGE:${ids.u1}`, `MESSAGE:${ids.a2}`, `MESSAGE:${ids.u2}`, `FILE:${ids.stored}`]));
    const stored = records.find((r) => r.record_type === "file" && r.id === ids.stored);
    expect(stored).toMatchObject({ content_sha256: fileSha, size: FILE_BYTES.length, zip_path: `files/${fileSha}/Q1 _numbers_ ${marker}.csv`, missing_reason: null, conversation_id: ids.c1 });
    expect(records.find((r) => r.record_type === "file" && r.id === ids.expired)).toMatchObject({ status: "EXPIRED", zip_path: null, missing_reason: "expired" });
    expect(records.find((r) => r.record_type === "gpt_config")).toMatchObject({ id: ids.config, gpt_id: ids.gpt, instructions: `Answer ${marker} budget questions`, sha256: "a".repeat(64) });
    expect(records.find((r) => r.record_type === "gpt")).toMatchObject({ id: ids.gpt });
    const mem = records.find((r) => r.record_type === "memory");
    expect(mem).toMatchObject({ id: ids.memory, content: `Prefers ${marker} summaries`, user_email: custodian.email });
    expect(mem.versions.map((v: { version: number; change: string }) => [v.version, v.change])).toEqual([
      [1, "ADDED"],
      [2, "CHANGED"],
    ]);
  });

  it("renders each conversation as escaped, script-free HTML with branches marked", () => {
    const html = entries.get(`conversations/${ids.c1}.html`)!.toString("utf8");
    expect(html).toContain(`<meta http-equiv="Content-Security-Policy" content="default-src 'none'; style-src 'unsafe-inline'">`);
    expect(html).not.toMatch(/<script/i);
    expect(html).toContain("Here is the plan &lt;script&gt;alert(1)&lt;/script&gt; &amp; &quot;quotes&quot;");
    expect(html).toContain("<title>Budget &lt;b&gt;planning&lt;/b&gt;</title>");
    expect(html).not.toContain("<b>planning</b>");
    expect(html).toContain("Source &lt;1&gt;");
    // The active thread in order, then the alternate branch (a1 → u2b) under its branch point u1.
    const at = (id: string) => html.indexOf(`id="m-${id}"`);
    for (const id of [ids.u1, ids.a1, ids.a2, ids.u2, ids.u2b]) expect(at(id), id).toBeGreaterThan(0);
    expect(at(ids.u1)).toBeLessThan(at(ids.a1));
    expect(at(ids.a1)).toBeLessThan(at(ids.u2b));
    expect(at(ids.u2b)).toBeLessThan(at(ids.a2));
    expect(at(ids.a2)).toBeLessThan(at(ids.u2));
    expect(html).toContain("1 alternate branch from message");
    const altBlock = html.slice(at(ids.a1), at(ids.a2));
    expect(altBlock).toContain("alternate branch");
    expect(html.slice(at(ids.a2), at(ids.u2))).not.toContain('class="tag alt"');
    expect(html).toContain(`href="../files/${fileSha}/Q1%20_numbers_%20${marker}.csv"`);
    expect(html).toContain("old-deck.pdf — not included (expired)");
  });

  it("writes metadata.csv as RFC 4180, one row per item, formula-safe", () => {
    const rows = parseCsv(entries.get("metadata.csv")!.toString("utf8"));
    const [header, ...data] = rows;
    expect(header.slice(0, 4)).toEqual(["item_type", "item_id", "parent_type", "parent_id"]);
    expect(data).toHaveLength(13);
    for (const r of data) expect(r).toHaveLength(header.length);
    const col = (name: string) => header.indexOf(name);
    const c2 = data.find((r) => r[col("item_id")] === ids.c2)!;
    expect(c2[col("title")]).toBe(`'=cmd|' /C calc'!A0 ${marker}`);
    const a2 = data.find((r) => r[col("item_id")] === ids.a2)!;
    expect(a2[col("matched")]).toBe("true");
    expect(data.find((r) => r[col("item_id")] === ids.a1)![col("note")]).toBe("alternate branch");
    for (const r of data) for (const cell of r) expect(cell).not.toMatch(/^[=+\-@]/);
  });

  it("resolves every page of a search, not just the first", async () => {
    const r = await resolveSearch(marker, "oldest", { id: users.reviewer, role: "REVIEWER" }, async () => undefined, 2);
    expect(r.matchedItems).toBe(7);
    expect([...r.conversations.keys()].sort()).toEqual([ids.c1, ids.c2].sort());
    expect([...r.memories]).toEqual([ids.memory]);
    expect([...r.gptConfigs]).toEqual([ids.config]);
  });
});

describe("permissions", () => {
  it("lets reviewers create, not auditors; hides others' exports; admins see and download all", async () => {
    const denied = await create(cookies.auditor, { name: "Nope", kind: "SEARCH", params: { query: marker } });
    expect(denied.status).toBe(403);
    const [deniedEvent] = await getDb().auditEvent.findMany({ where: { requestId: denied.requestId } });
    expect(deniedEvent).toMatchObject({ action: "access.denied", outcome: "DENIED" });

    const other = await callRoute(exportRoute.GET, "GET", `/api/v1/exports/${searchExportId}`, cookies.reviewer2, undefined, { id: searchExportId });
    expect(other.status).toBe(404);
    const otherDownload = await download(searchExportId, cookies.reviewer2);
    expect(otherDownload.status).toBe(404);
    expect((await callRoute(exportRoute.DELETE, "DELETE", `/api/v1/exports/${searchExportId}`, cookies.reviewer2, undefined, { id: searchExportId })).status).toBe(404);

    const list2 = await callRoute(exportsRoute.GET, "GET", "/api/v1/exports", cookies.reviewer2);
    expect(list2.body.exports.map((e: { id: string }) => e.id)).not.toContain(searchExportId);
    const listMine = await callRoute(exportsRoute.GET, "GET", "/api/v1/exports", cookies.reviewer);
    expect(listMine.body.exports.map((e: { id: string }) => e.id)).toContain(searchExportId);
    const listAdmin = await callRoute(exportsRoute.GET, "GET", "/api/v1/exports", cookies.admin);
    expect(listAdmin.body.exports.map((e: { id: string }) => e.id)).toContain(searchExportId);

    const res = await download(searchExportId, cookies.admin);
    expect(res.status).toBe(200);
    await res.arrayBuffer();
    const [event] = await getDb().auditEvent.findMany({ where: { requestId: res.headers.get("x-request-id")! } });
    expect(event).toMatchObject({ action: "export.download", actorId: users.admin, outcome: "SUCCESS" });
  });
});

describe("bad input", () => {
  it("answers 400 for malformed requests and 404 for unknown holds and items", async () => {
    const cases: unknown[] = [
      { name: "x", kind: "SEARCH", params: { query: '"unclosed phrase' } },
      { name: "x", kind: "SEARCH", params: { query: "   " } },
      { name: "x", kind: "SEARCH", params: { query: `${marker} before:2020-01-01 after:2021-01-01` } },
      { name: "", kind: "SEARCH", params: { query: marker } },
      { name: "x", kind: "EVERYTHING", params: {} },
      { name: "x", kind: "SELECTION", params: { items: [] } },
      { name: "x", kind: "SELECTION", params: { items: [{ itemType: "USER", itemId: "u" }] } },
      { name: "x", kind: "HOLD", params: {} },
    ];
    for (const body of cases) {
      const res = await create(cookies.reviewer, body);
      expect(res.status, JSON.stringify(body)).toBe(400);
      expect(res.body.error.code).toBe("invalid");
    }
    expect((await create(cookies.reviewer, { name: "x", kind: "HOLD", params: { holdId: "no-such-hold" } })).status).toBe(404);
    expect((await create(cookies.reviewer, { name: "x", kind: "SELECTION", params: { items: [{ itemType: "MESSAGE", itemId: "no-such-message" }] } })).status).toBe(404);
    expect((await callRoute(exportRoute.GET, "GET", "/api/v1/exports/nope", cookies.reviewer, undefined, { id: "nope" })).status).toBe(404);
  });
});

describe("hold and selection exports", () => {
  it("exports a hold's items (draft holds refused) and a selection, rebuilding cleanly when rerun", async () => {
    const db = getDb();
    const draft = await db.legalHold.create({ data: { name: `Draft ${marker}`, scope: {}, createdById: users.admin } });
    holdIds.push(draft.id);
    const refused = await create(cookies.reviewer, { name: "Draft", kind: "HOLD", params: { holdId: draft.id } });
    expect(refused.status).toBe(400);

    const hold = await db.legalHold.create({ data: { name: `Matter ${marker}`, status: "RELEASED", scope: {}, createdById: users.admin } });
    holdIds.push(hold.id);
    await db.heldItem.createMany({
      data: [
        { holdId: hold.id, itemType: "MESSAGE", itemId: ids.c2m },
        { holdId: hold.id, itemType: "MEMORY", itemId: ids.memory },
      ],
    });
    const holdExport = await create(cookies.reviewer, { name: "Hold", kind: "HOLD", params: { holdId: hold.id } });
    expect(holdExport.status).toBe(200);
    await runBuild(holdExport.body.export.id);
    const holdRow = await db.exportJob.findUniqueOrThrow({ where: { id: holdExport.body.export.id } });
    expect(holdRow.status).toBe("SUCCEEDED");
    expect(holdRow.progress).toMatchObject({ counts: { matchedItems: 2, conversations: 1, messages: 1, memories: 1, gptConfigs: 0 } });

    // A hold deleted before its export is built: the build fails, says why, and nothing is downloadable.
    const doomed = await db.legalHold.create({ data: { name: `Doomed ${marker}`, status: "ACTIVE", scope: {}, createdById: users.admin } });
    const doomedExport = await create(cookies.reviewer, { name: "Doomed", kind: "HOLD", params: { holdId: doomed.id } });
    expect(doomedExport.status).toBe(200);
    await db.legalHold.delete({ where: { id: doomed.id } });
    await runBuild(doomedExport.body.export.id);
    const failed = await db.exportJob.findUniqueOrThrow({ where: { id: doomedExport.body.export.id } });
    expect(failed).toMatchObject({ status: "FAILED", error: "The hold no longer exists", storageKey: null, sha256: null });
    const refusedDownload = await download(failed.id, cookies.reviewer);
    expect(refusedDownload.status).toBe(409);
    expect((await refusedDownload.json()).error.code).toBe("export_failed");

    const sel = await create(cookies.reviewer, { name: "Selection", kind: "SELECTION", params: { items: [{ itemType: "GPT", itemId: ids.gpt }, { itemType: "FILE", itemId: ids.stored }] } });
    expect(sel.status).toBe(200);
    const selId = sel.body.export.id as string;
    await runBuild(selId);
    const first = await db.exportJob.findUniqueOrThrow({ where: { id: selId } });
    expect(first.status).toBe("SUCCEEDED");
    expect(first.progress).toMatchObject({ counts: { gpts: 1, gptConfigs: 1, conversations: 1, messages: 5, files: 2 } });
    // A rerun starts over: a fresh, valid ZIP replaces the old one, no temporary files are left.
    await runBuild(selId);
    const second = await db.exportJob.findUniqueOrThrow({ where: { id: selId } });
    expect(second.status).toBe("SUCCEEDED");
    expect(second.itemCount).toBe(first.itemCount);
    const report = await verifyExportZip(exportZipPath(second.storageKey!), { expectedSha256: second.sha256 });
    expect(report.ok).toBe(true);
    expect(readdirSync(path.join(exportsDir(), "tmp"))).toEqual([]);

    // Discard: the ZIP goes, the record (with its hash) stays, downloads answer 410.
    const discarded = await callRoute(exportRoute.DELETE, "DELETE", `/api/v1/exports/${selId}`, cookies.reviewer, undefined, { id: selId });
    expect(discarded.status).toBe(200);
    expect(discarded.body.export).toMatchObject({ isDownloadable: false, sha256: second.sha256 });
    expect(existsSync(exportZipPath(second.storageKey!))).toBe(false);
    const gone = await download(selId, cookies.reviewer);
    expect(gone.status).toBe(410);
    expect((await getDb().auditEvent.findMany({ where: { requestId: discarded.requestId } }))[0]).toMatchObject({ action: "export.discard", actorId: users.reviewer });
  });
});

describe("expiry", () => {
  it("answers 410 after expiry and the expire job deletes the ZIP but keeps the record", async () => {
    const db = getDb();
    const row = await db.exportJob.findUniqueOrThrow({ where: { id: searchExportId } });
    const file = exportZipPath(row.storageKey!);
    expect(existsSync(file)).toBe(true);
    await db.exportJob.update({ where: { id: searchExportId }, data: { expiresAt: new Date(Date.now() - 1000) } });

    const res = await download(searchExportId, cookies.reviewer);
    expect(res.status).toBe(410);
    expect((await res.json()).error.code).toBe("export_expired");
    const [event] = await db.auditEvent.findMany({ where: { requestId: res.headers.get("x-request-id")! } });
    expect(event).toMatchObject({ action: "export.download", outcome: "FAILURE" });

    await getJob("export.expire").run({}, { jobId: "test-expire" });
    expect(existsSync(file)).toBe(false);
    const after = await db.exportJob.findUniqueOrThrow({ where: { id: searchExportId } });
    expect(after).toMatchObject({ storageKey: null, sha256: row.sha256, status: "SUCCEEDED" });
    const view = await callRoute(exportRoute.GET, "GET", `/api/v1/exports/${searchExportId}`, cookies.reviewer, undefined, { id: searchExportId });
    expect(view.body.export).toMatchObject({ isExpired: true, isDownloadable: false, sha256: row.sha256 });
    expect(await readFile(zipFile)).toBeTruthy(); // the recipient's copy is unaffected
  });
});
