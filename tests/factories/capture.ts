// Capture test helpers: a source pointed at an in-process simulator, and a comparison of the archive with
// the simulator's truth that lists every difference (so a failure says what is missing or wrong).
import { mkdtempSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { getDb } from "@/lib/db";
import { createAuthorization, createSource } from "@/lib/sources/sources";
import { runSync, type RunSyncOptions } from "@/lib/ingest/run-sync";
import { LocalBlobStore } from "@/lib/storage/blob-store";
import { buildDataset, payloadHash, type Dataset } from "@/lib/simulator/dataset";
import type { TestHarness } from "@/lib/simulator/test-harness";

export const blobDir = () => mkdtempSync(path.join(os.tmpdir(), "custodian-blobs-"));

export async function createSimulatorSource(h: TestHarness, name = "Test workspace") {
  const source = await createSource({ name, workspaceId: h.workspace.id, apiBaseUrl: h.apiBaseUrl }, null, {}, { unpaced: true });
  await createAuthorization(source.id, h.keys.full, null);
  return source;
}

export function syncOnce(sourceId: string, store: LocalBlobStore, extra: Partial<RunSyncOptions> = {}) {
  return runSync({
    sourceId,
    trigger: "MANUAL",
    blobStore: store,
    clientOptions: { limits: null, retryBaseMs: 5, retryMaxMs: 40, maxRetryAfterMs: 5_000 },
    ...extra,
  });
}

function diffSets(label: string, expected: Iterable<string>, actual: Iterable<string>, out: string[]) {
  const e = new Set(expected);
  const a = new Set(actual);
  const missing = [...e].filter((x) => !a.has(x));
  const extra = [...a].filter((x) => !e.has(x));
  if (missing.length) out.push(`${label}: ${missing.length} missing, e.g. ${missing.slice(0, 3).join(", ")}`);
  if (extra.length) out.push(`${label}: ${extra.length} unexpected, e.g. ${extra.slice(0, 3).join(", ")}`);
}

/** Every difference between the live (not deletedAtSource) archive of a source and the simulator's truth. */
export async function compareArchive(sourceId: string, dataset: Dataset = {} as Dataset): Promise<string[]> {
  const db = getDb();
  const out: string[] = [];

  const users = await db.workspaceUser.findMany({ where: { sourceId, deletedAtSource: null } });
  diffSets("users", Object.keys(dataset.users), users.map((u) => u.id), out);
  for (const u of users) if (dataset.users[u.id] && payloadHash(u.rawJson) !== dataset.users[u.id]) out.push(`user ${u.id}: content hash differs`);

  const convs = await db.conversation.findMany({ where: { sourceId, deletedAtSource: null }, select: { id: true, title: true, messageCount: true, activeLeafId: true } });
  diffSets("conversations", Object.keys(dataset.conversations), convs.map((c) => c.id), out);
  const messages = await db.message.findMany({
    where: { sourceId, deletedAtSource: null, conversation: { deletedAtSource: null } },
    select: { id: true, conversationId: true, parentId: true, rawJson: true, isActiveBranch: true, text: true, authorRole: true, annotations: true },
  });
  const byConv = new Map<string, typeof messages>();
  for (const m of messages) byConv.set(m.conversationId, [...(byConv.get(m.conversationId) ?? []), m]);
  for (const c of convs) {
    const truth = dataset.conversations[c.id];
    if (!truth) continue;
    if ((c.title ?? null) !== (truth.title ?? null)) out.push(`conversation ${c.id}: title differs`);
    const ms = byConv.get(c.id) ?? [];
    if (ms.length !== truth.messageCount || c.messageCount !== truth.messageCount) out.push(`conversation ${c.id}: ${ms.length} messages, expected ${truth.messageCount}`);
    for (const m of ms) {
      const expected = truth.messages?.[m.id];
      if (!expected) out.push(`message ${m.id}: not in the source`);
      else if (payloadHash(m.rawJson) !== expected) out.push(`message ${m.id}: content hash differs`);
      // The searchable columns are the payload's, exactly.
      const raw = m.rawJson as { content?: { value?: string | null; annotations?: unknown[] } | null; author: { role: string } };
      if ((raw.content?.value ?? null) !== m.text) out.push(`message ${m.id}: text column differs from the payload`);
      if (raw.author.role !== m.authorRole) out.push(`message ${m.id}: role column differs from the payload`);
      const annotations = raw.content?.annotations?.length ? raw.content.annotations : null;
      if (JSON.stringify(annotations) !== JSON.stringify(m.annotations)) out.push(`message ${m.id}: annotations column differs from the payload`);
    }
    if (c.activeLeafId !== truth.activeLeaf) out.push(`conversation ${c.id}: active leaf ${c.activeLeafId}, expected ${truth.activeLeaf}`);
    // The active branch is exactly the path from the root to the active leaf.
    const parent = new Map(ms.map((m) => [m.id, m.parentId]));
    const path = new Set<string>();
    for (let cur: string | null | undefined = truth.activeLeaf; cur && parent.has(cur); cur = parent.get(cur)) path.add(cur);
    for (const m of ms) if (m.isActiveBranch !== path.has(m.id)) out.push(`message ${m.id}: active-branch flag wrong`);
    const children = new Map<string, number>();
    for (const m of ms) if (m.parentId) children.set(m.parentId, (children.get(m.parentId) ?? 0) + 1);
    for (const bp of truth.branchPoints) if ((children.get(bp) ?? 0) < 2) out.push(`conversation ${c.id}: branch at ${bp} missing`);
  }

  for (const kind of ["gpts", "projects"] as const) {
    const truth = dataset[kind];
    const rows =
      kind === "gpts"
        ? await db.gpt.findMany({ where: { sourceId, deletedAtSource: null }, include: { configs: true, sharedUsers: { where: { deletedAtSource: null } } } })
        : await db.project.findMany({ where: { sourceId, deletedAtSource: null }, include: { configs: true, sharedUsers: { where: { deletedAtSource: null } } } });
    diffSets(kind, Object.keys(truth), rows.map((r) => r.id), out);
    for (const r of rows) {
      const t = truth[r.id];
      if (!t) continue;
      diffSets(`${r.id} configurations`, t.configs.map((c) => `${c.id}:${c.sha256}`), r.configs.map((c) => `${c.configId}:${payloadHash(c.rawJson)}`), out);
      diffSets(`${r.id} shared users`, t.sharedUserIds, r.sharedUsers.map((s) => s.userId), out);
    }
  }

  const memories = await db.memory.findMany({ where: { sourceId, deletedAtSource: null } });
  const expectedEntries = Object.values(dataset.memories).flatMap((m) => Object.entries(m.entries).map(([id, e]) => `${m.userId}/${e.contextId}/${id}:${e.sha256}`));
  diffSets("memory entries", expectedEntries, memories.map((m) => `${m.userId}/${m.contextId}/${m.entryId}:${payloadHash(m.rawJson)}`), out);

  const files = await db.sourceFile.findMany({ where: { sourceId }, include: { blob: true } });
  const fileById = new Map(files.map((f) => [f.id, f]));
  for (const t of Object.values(dataset.files)) {
    const f = fileById.get(t.id);
    if (!f) out.push(`file ${t.id}: not recorded`);
    else if (t.expired && f.status !== "EXPIRED") out.push(`file ${t.id}: expected EXPIRED, is ${f.status}`);
    else if (!t.expired && f.status !== "STORED") out.push(`file ${t.id}: expected STORED, is ${f.status} (${f.lastError ?? ""})`);
    else if (!t.expired && t.contentSha256 && f.blobSha256 !== t.contentSha256) out.push(`file ${t.id}: stored bytes differ`);
  }
  return out;
}

export function truthOf(h: TestHarness): Dataset {
  return buildDataset(h.workspace, { includeFileContent: true });
}
