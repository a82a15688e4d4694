// Builds one export's ZIP (the `export.build` job). Layout:
//   conversations/<id>.html   one readable page per conversation (lib/exports/html.ts)
//   files/<sha256>/<name>     native files from the blob store, once per content and name
//   records.jsonl             one JSON record per line: conversations, messages (tree fields kept), files,
//                             GPTs and their configuration versions, projects, memories with their versions
//   metadata.csv              one row per exported item (RFC 4180, formula-safe)
//   manifest.json             last: the export's parameters and creator, counts, files that could not be
//                             included, and path + size + SHA-256 of every other entry
// Everything streams: rows are read a conversation (or a batch) at a time, records and CSV rows go to
// temporary files, and each ZIP entry is awaited before the next. Progress is written to the ExportJob
// while it runs; a discarded export stops at the next progress write. Running the job again for the same
// export starts from scratch (old ZIP and temporary files removed first).
import "server-only";
import { createReadStream, createWriteStream, type WriteStream } from "node:fs";
import { mkdir, rm } from "node:fs/promises";
import path from "node:path";
import { getDb } from "@/lib/db";
import { getEnv, resolveDataDir } from "@/lib/env";
import { buildMessageTree, type MessageTree } from "@/lib/ingest/tree";
import { getBlobStore } from "@/lib/storage/blob-store";
import type { Prisma } from "@/lib/generated/prisma/client";
import { csvRow, type CsvValue } from "@/lib/exports/csv";
import { safeFileName, safeIdSegment } from "@/lib/exports/file-names";
import { renderConversationHtml, type HtmlFile, type HtmlMessage } from "@/lib/exports/html";
import { refKey, resolveHold, resolveSearch, resolveSelection, type ResolvedExport } from "@/lib/exports/resolve";
import { ZipWriter } from "@/lib/exports/zip-writer";
import {
  holdExportParamsSchema,
  searchExportParamsSchema,
  selectionExportParamsSchema,
  type ExportCounts,
  type ExportPhase,
  type ExportProgress,
} from "@/lib/exports/schemas";

export const MANIFEST_FORMAT = "custodian-export";
export const MANIFEST_VERSION = 1;

export const CSV_COLUMNS = [
  "item_type",
  "item_id",
  "parent_type",
  "parent_id",
  "custodian_id",
  "custodian_email",
  "role",
  "title",
  "created_at",
  "sha256",
  "matched",
  "zip_path",
  "note",
] as const;

export function exportsDir(): string {
  return path.join(resolveDataDir(), "exports");
}

/** Storage key of an export's ZIP, relative to DATA_DIR/exports. */
export function exportZipName(exportId: string): string {
  return `${safeIdSegment(exportId)}.zip`;
}

export function exportZipPath(storageKey: string): string {
  return path.join(exportsDir(), path.basename(storageKey));
}


/** Configuration versions oldest first: their position is the version number shown and exported. */
const CONFIG_ORDER = [{ createdAtSource: { sort: "asc", nulls: "first" } }, { firstSeenAt: "asc" }, { id: "asc" }] satisfies Prisma.GptConfigVersionOrderByWithRelationInput[];

type OwnedKind = {
  record: "gpt" | "project";
  itemType: "GPT" | "PROJECT";
  configRecord: "gpt_config" | "project_config";
  configItemType: "GPT_CONFIG" | "PROJECT_CONFIG";
  parentKey: "gpt_id" | "project_id";
  count: "gpts" | "projects";
  configCount: "gptConfigs" | "projectConfigs";
};

const OWNED = {
  gpt: { record: "gpt", itemType: "GPT", configRecord: "gpt_config", configItemType: "GPT_CONFIG", parentKey: "gpt_id", count: "gpts", configCount: "gptConfigs" },
  project: { record: "project", itemType: "PROJECT", configRecord: "project_config", configItemType: "PROJECT_CONFIG", parentKey: "project_id", count: "projects", configCount: "projectConfigs" },
} as const satisfies Record<string, OwnedKind>;

type OwnedObject = {
  id: string;
  sourceId: string;
  ownerId: string | null;
  ownerEmail: string | null;
  builderName: string | null;
  name: string | null;
  visibility: string | null;
  createdAtSource: Date | null;
  currentVersion: number;
  deletedAtSource: Date | null;
  sha256: string;
  rawJson: unknown;
};

type OwnedConfig = {
  id: string;
  configId: string;
  name: string | null;
  description: string | null;
  instructions: string | null;
  categories: string[];
  conversationStarters: string[];
  tools: unknown;
  createdAtSource: Date | null;
  deletedAtSource: Date | null;
  sha256: string;
  rawJson: unknown;
  files: { fileId: string }[];
  /** GPT configurations name the author of the version; project configurations do not. */
  author?: { id: string | null; email: string | null };
};

class ExportCancelled extends Error {}

/** Appends lines to a file with backpressure. */
class LineFile {
  private readonly out: WriteStream;
  lines = 0;
  constructor(readonly file: string) {
    this.out = createWriteStream(file, { flags: "w" });
  }
  async write(text: string): Promise<void> {
    this.lines++;
    if (!this.out.write(text)) await new Promise<void>((resolve) => this.out.once("drain", () => resolve()));
  }
  close(): Promise<void> {
    return new Promise((resolve, reject) => this.out.end((err?: Error | null) => (err ? reject(err) : resolve())));
  }
  destroy(): void {
    this.out.destroy();
  }
}

type MissingFile = { fileId: string; name: string | null; status: string; reason: string };
type FileOutcome = { path: string | null; contentSha256: string | null; size: number | null; contentType: string | null; missing: string | null };

const iso = (d: Date | null | undefined) => (d ? d.toISOString() : null);
const PROGRESS_INTERVAL_MS = 1000;

class ExportBuilder {
  private readonly db = getDb();
  private readonly counts: ExportCounts = {
    matchedItems: 0,
    conversations: 0,
    messages: 0,
    gpts: 0,
    gptConfigs: 0,
    projects: 0,
    projectConfigs: 0,
    memories: 0,
    files: 0,
    filesMissing: 0,
  };
  private readonly missing: MissingFile[] = [];
  private readonly fileOutcomes = new Map<string, FileOutcome>();
  private readonly exportedFileRecords = new Set<string>();
  progress: ExportProgress = { phase: "resolving", done: 0, total: 0 };
  private lastProgressWrite = 0;
  private zip: ZipWriter | null = null;
  private records!: LineFile;
  private csv!: LineFile;

  constructor(
    private readonly exportId: string,
    private readonly exportName: string,
    private readonly generatedAt: Date,
  ) {}

  async setProgress(phase: ExportPhase, done: number, total: number, force = false): Promise<void> {
    const phaseChanged = phase !== this.progress.phase;
    this.progress = { phase, done, total };
    if (!force && !phaseChanged && Date.now() - this.lastProgressWrite < PROGRESS_INTERVAL_MS) return;
    this.lastProgressWrite = Date.now();
    const { count } = await this.db.exportJob.updateMany({ where: { id: this.exportId, status: "RUNNING" }, data: { progress: this.progress } });
    if (count === 0) throw new ExportCancelled("The export was discarded while it was being built");
  }

  async run(resolved: ResolvedExport, workDir: string): Promise<{ counts: ExportCounts; missing: MissingFile[]; itemCount: number; zip: ZipWriter }> {
    this.counts.matchedItems = resolved.matchedItems;
    const zip = (this.zip = new ZipWriter(path.join(workDir, "export.zip.part"), this.generatedAt));
    this.records = new LineFile(path.join(workDir, "records.jsonl"));
    this.csv = new LineFile(path.join(workDir, "metadata.csv"));
    await this.csv.write(csvRow(CSV_COLUMNS));

    const gptIds = await this.gptIdsOf(resolved);
    const projectIds = await this.projectIdsOf(resolved);
    const total = resolved.conversations.size + gptIds.length + projectIds.length + resolved.memories.size + resolved.files.size;
    let done = 0;
    const tick = async (phase: ExportPhase) => this.setProgress(phase, ++done, total);

    await this.setProgress("conversations", done, total, true);
    for (const conversationId of [...resolved.conversations.keys()].sort()) {
      await this.writeConversation(conversationId, resolved.conversations.get(conversationId)!);
      await tick("conversations");
    }
    await this.setProgress("gpts", done, total);
    for (const gptId of gptIds) {
      await this.writeGpt(gptId, resolved.gpts.has(gptId) ? null : resolved.gptConfigs);
      await tick("gpts");
    }
    await this.setProgress("projects", done, total);
    for (const projectId of projectIds) {
      await this.writeProject(projectId, resolved.projects.has(projectId) ? null : resolved.projectConfigs);
      await tick("projects");
    }
    await this.setProgress("memories", done, total);
    for (const memoryId of [...resolved.memories].sort()) {
      await this.writeMemory(memoryId);
      await tick("memories");
    }
    await this.setProgress("files", done, total);
    for (const fileId of [...resolved.files].sort()) {
      await this.writeFileRecords([fileId], null, new Set([refKey("FILE", fileId)]));
      await tick("files");
    }
    await this.setProgress("finalizing", done, total, true);
    await this.records.close();
    await this.csv.close();
    await zip.add("records.jsonl", createReadStream(this.records.file));
    await zip.add("metadata.csv", createReadStream(this.csv.file));
    return { counts: this.counts, missing: this.missing, itemCount: this.csv.lines - 1, zip };
  }

  /** Stops a failed or discarded build: closes the temporary files and the ZIP. */
  async abort(): Promise<void> {
    this.records?.destroy();
    this.csv?.destroy();
    await this.zip?.abort();
  }

  private get writer(): ZipWriter {
    if (!this.zip) throw new Error("The ZIP is not open");
    return this.zip;
  }

  private async record(value: Record<string, unknown>): Promise<void> {
    await this.records.write(`${JSON.stringify(value)}\n`);
  }

  private async row(values: Record<(typeof CSV_COLUMNS)[number], CsvValue>): Promise<void> {
    await this.csv.write(csvRow(CSV_COLUMNS.map((c) => values[c])));
  }

  private async gptIdsOf(r: ResolvedExport): Promise<string[]> {
    const ids = new Set(r.gpts);
    const configs = [...r.gptConfigs];
    for (let i = 0; i < configs.length; i += 1000) {
      for (const c of await this.db.gptConfigVersion.findMany({ where: { id: { in: configs.slice(i, i + 1000) } }, select: { gptId: true } })) ids.add(c.gptId);
    }
    return [...ids].sort();
  }

  private async projectIdsOf(r: ResolvedExport): Promise<string[]> {
    const ids = new Set(r.projects);
    const configs = [...r.projectConfigs];
    for (let i = 0; i < configs.length; i += 1000) {
      for (const c of await this.db.projectConfigVersion.findMany({ where: { id: { in: configs.slice(i, i + 1000) } }, select: { projectId: true } })) ids.add(c.projectId);
    }
    return [...ids].sort();
  }

  /** Puts a file's bytes in the ZIP once (per content and name) and remembers what happened to it. */
  private async includeFile(file: { id: string; name: string | null; status: string; blobSha256: string | null; blob: { sha256: string; size: bigint; contentType: string | null } | null }): Promise<FileOutcome> {
    const known = this.fileOutcomes.get(file.id);
    if (known) return known;
    let outcome: FileOutcome;
    const blob = file.blob;
    const store = getBlobStore();
    if (file.status !== "STORED" || !blob) {
      outcome = { path: null, contentSha256: file.blobSha256, size: null, contentType: null, missing: file.status === "STORED" ? "not stored" : file.status.toLowerCase() };
    } else if (!(await store.has(blob.sha256))) {
      outcome = { path: null, contentSha256: blob.sha256, size: Number(blob.size), contentType: blob.contentType, missing: "missing from storage" };
    } else {
      const zipPath = `files/${blob.sha256}/${safeFileName(file.name, file.id)}`;
      let missing: string | null = null;
      if (!this.writer.has(zipPath)) {
        const entry = await this.writer.add(zipPath, await store.open(blob.sha256));
        if (entry.sha256 !== blob.sha256) missing = `content does not match its recorded SHA-256 (read ${entry.sha256})`;
      }
      outcome = { path: zipPath, contentSha256: blob.sha256, size: Number(blob.size), contentType: blob.contentType, missing };
    }
    if (outcome.missing) {
      this.counts.filesMissing++;
      this.missing.push({ fileId: file.id, name: file.name, status: file.status, reason: outcome.missing });
    }
    this.fileOutcomes.set(file.id, outcome);
    return outcome;
  }

  /** File records (and bytes) for these ids; returns their outcomes by id. Each file's record is written once. */
  private async writeFileRecords(fileIds: string[], parent: { type: string; id: string } | null, matched: ReadonlySet<string>): Promise<Map<string, FileOutcome & { name: string | null }>> {
    const out = new Map<string, FileOutcome & { name: string | null }>();
    if (!fileIds.length) return out;
    const files = await this.db.sourceFile.findMany({
      where: { id: { in: fileIds } },
      include: { blob: { select: { sha256: true, size: true, contentType: true } } },
      orderBy: { id: "asc" },
    });
    for (const f of files) {
      const outcome = await this.includeFile(f);
      out.set(f.id, { ...outcome, name: f.name });
      if (this.exportedFileRecords.has(f.id)) continue;
      this.exportedFileRecords.add(f.id);
      this.counts.files++;
      const isMatched = matched.has(refKey("FILE", f.id));
      await this.record({
        record_type: "file",
        id: f.id,
        source_id: f.sourceId,
        kind: f.kind,
        name: f.name,
        user_id: f.userId,
        conversation_id: f.conversationId,
        parent_type: parent?.type ?? null,
        parent_id: parent?.id ?? null,
        status: f.status,
        created_at: iso(f.createdAtSource),
        downloaded_at: iso(f.downloadedAt),
        deleted_at_source: iso(f.deletedAtSource),
        content_sha256: outcome.contentSha256,
        size: outcome.size,
        content_type: outcome.contentType,
        zip_path: outcome.path,
        missing_reason: outcome.missing,
        matched: isMatched,
        sha256: f.sha256,
        raw: f.rawJson,
      });
      await this.row({
        item_type: "FILE",
        item_id: f.id,
        parent_type: parent?.type ?? null,
        parent_id: parent?.id ?? null,
        custodian_id: f.userId,
        custodian_email: null,
        role: null,
        title: f.name,
        created_at: f.createdAtSource,
        sha256: outcome.contentSha256,
        matched: isMatched,
        zip_path: outcome.path,
        note: outcome.missing ? `not included: ${outcome.missing}` : null,
      });
    }
    return out;
  }

  private activeTree(messages: { id: string; parentId: string | null; createdAtSource: Date | null }[], activeLeafId: string | null): MessageTree {
    const tree = buildMessageTree(messages.map((m) => ({ id: m.id, parentId: m.parentId, createdAt: m.createdAtSource?.getTime() ?? null })));
    // The captured active leaf (what ChatGPT showed) wins over the rebuilt guess when it is known.
    if (activeLeafId && tree.parentOf.has(activeLeafId) && activeLeafId !== tree.activeLeafId) {
      const activePath: string[] = [];
      for (let cur: string | null = activeLeafId; cur !== null; cur = tree.parentOf.get(cur) ?? null) activePath.push(cur);
      activePath.reverse();
      return { ...tree, activeLeafId, activePath, activeSet: new Set(activePath) };
    }
    return tree;
  }

  private async writeConversation(conversationId: string, matched: Set<string>): Promise<void> {
    const conversation = await this.db.conversation.findUnique({ where: { id: conversationId } });
    if (!conversation) return; // disposed of since the search ran
    const messages = await this.db.message.findMany({
      where: { conversationId },
      orderBy: [{ createdAtSource: { sort: "asc", nulls: "first" } }, { id: "asc" }],
      include: { files: { select: { fileId: true }, orderBy: { fileId: "asc" } } },
    });
    this.counts.conversations++;
    this.counts.messages += messages.length;
    const tree = this.activeTree(messages, conversation.activeLeafId);
    const htmlPath = `conversations/${safeIdSegment(conversation.id)}.html`;
    const isMatched = (m: { id: string }) => matched.has(refKey("MESSAGE", m.id));

    const linked = await this.db.sourceFile.findMany({ where: { conversationId }, select: { id: true } });
    const fileIds = [...new Set([...messages.flatMap((m) => m.files.map((f) => f.fileId)), ...linked.map((f) => f.id)])].sort();
    const conversationRef = { type: "CONVERSATION", id: conversationId };

    await this.record({
      record_type: "conversation",
      id: conversation.id,
      source_id: conversation.sourceId,
      user_id: conversation.userId,
      user_email: conversation.userEmail,
      title: conversation.title,
      created_at: iso(conversation.createdAtSource),
      last_active_at: iso(conversation.lastActiveAt),
      message_count: messages.length,
      active_leaf_id: tree.activeLeafId,
      version: conversation.currentVersion,
      first_seen_at: iso(conversation.firstSeenAt),
      last_seen_at: iso(conversation.lastSeenAt),
      deleted_at_source: iso(conversation.deletedAtSource),
      html_path: htmlPath,
      file_ids: fileIds,
      matched: [...matched].sort(),
      sha256: conversation.sha256,
      raw: conversation.rawJson,
    });
    await this.row({
      item_type: "CONVERSATION",
      item_id: conversation.id,
      parent_type: null,
      parent_id: null,
      custodian_id: conversation.userId,
      custodian_email: conversation.userEmail,
      role: null,
      title: conversation.title,
      created_at: conversation.createdAtSource,
      sha256: conversation.sha256,
      matched: matched.has(refKey("CONVERSATION", conversation.id)) || matched.size > 0,
      zip_path: htmlPath,
      note: matched.size ? `matched: ${[...matched].sort().join(" ")}` : null,
    });
    for (const m of messages) {
      await this.record({
        record_type: "message",
        id: m.id,
        conversation_id: m.conversationId,
        parent_id: m.parentId,
        depth: tree.depth.get(m.id) ?? m.depth,
        is_active_branch: tree.activeSet.has(m.id),
        role: m.authorRole,
        tool: m.toolName,
        content_type: m.contentType,
        created_at: iso(m.createdAtSource),
        text: m.text,
        annotations: m.annotations ?? null,
        gpt_id: m.gptId,
        project_id: m.projectId,
        file_ids: m.files.map((f) => f.fileId),
        version: m.version,
        deleted_at_source: iso(m.deletedAtSource),
        matched: isMatched(m),
        sha256: m.sha256,
        raw: m.rawJson,
      });
      await this.row({
        item_type: "MESSAGE",
        item_id: m.id,
        parent_type: "CONVERSATION",
        parent_id: conversation.id,
        custodian_id: conversation.userId,
        custodian_email: conversation.userEmail,
        role: m.authorRole,
        title: conversation.title,
        created_at: m.createdAtSource,
        sha256: m.sha256,
        matched: isMatched(m),
        zip_path: `${htmlPath}#m-${m.id}`,
        note: tree.activeSet.has(m.id) ? null : "alternate branch",
      });
    }
    const files = await this.writeFileRecords(fileIds, conversationRef, matched);

    const htmlFile = (id: string): HtmlFile => {
      const f = files.get(id);
      return {
        id,
        name: f?.name ?? null,
        href: f?.path && !f.missing ? `../${f.path.split("/").map(encodeURIComponent).join("/")}` : null,
        sha256: f?.contentSha256 ?? null,
        missing: f ? f.missing : "not in the archive",
      };
    };
    const htmlMessages: HtmlMessage[] = messages.map((m) => ({
      id: m.id,
      parentId: m.parentId,
      role: m.authorRole,
      toolName: m.toolName,
      contentType: m.contentType,
      createdAt: m.createdAtSource,
      text: m.text,
      annotations: m.annotations,
      files: m.files.map((f) => htmlFile(f.fileId)),
      deletedAtSource: m.deletedAtSource,
    }));
    const matchedMessageIds = new Set(messages.filter(isMatched).map((m) => m.id));
    const referenced = new Set(messages.flatMap((m) => m.files.map((f) => f.fileId)));
    const html = renderConversationHtml(
      {
        id: conversation.id,
        title: conversation.title,
        userId: conversation.userId,
        userEmail: conversation.userEmail,
        createdAt: conversation.createdAtSource,
        lastActiveAt: conversation.lastActiveAt,
        sha256: conversation.sha256,
        deletedAtSource: conversation.deletedAtSource,
        otherFiles: linked.map((f) => f.id).filter((id) => !referenced.has(id)).sort().map(htmlFile),
      },
      htmlMessages,
      tree,
      { exportId: this.exportId, exportName: this.exportName, generatedAt: this.generatedAt, matchedIds: matchedMessageIds },
    );
    await this.writer.add(htmlPath, html);
  }

  private async writeGpt(gptId: string, onlyConfigs: ReadonlySet<string> | null): Promise<void> {
    const gpt = await this.db.gpt.findUnique({ where: { id: gptId } });
    if (!gpt) return;
    const configs = await this.db.gptConfigVersion.findMany({
      where: { gptId },
      orderBy: CONFIG_ORDER,
      include: { files: { select: { fileId: true }, orderBy: { fileId: "asc" } } },
    });
    await this.writeOwned(
      OWNED.gpt,
      gpt,
      configs.map((c) => ({ ...c, author: { id: c.versionAuthorId, email: c.versionAuthorEmail } })),
      onlyConfigs,
    );
  }

  private async writeProject(projectId: string, onlyConfigs: ReadonlySet<string> | null): Promise<void> {
    const project = await this.db.project.findUnique({ where: { id: projectId } });
    if (!project) return;
    const configs = await this.db.projectConfigVersion.findMany({
      where: { projectId },
      orderBy: CONFIG_ORDER,
      include: { files: { select: { fileId: true }, orderBy: { fileId: "asc" } } },
    });
    await this.writeOwned(OWNED.project, project, configs, onlyConfigs);
  }

  /** A GPT or project and its configuration versions (all, or only those matched): records, CSV rows, files. */
  private async writeOwned(kind: OwnedKind, obj: OwnedObject, configs: OwnedConfig[], onlyConfigs: ReadonlySet<string> | null): Promise<void> {
    this.counts[kind.count]++;
    const exportAll = onlyConfigs === null;
    await this.record({
      record_type: kind.record,
      id: obj.id,
      source_id: obj.sourceId,
      owner_id: obj.ownerId,
      owner_email: obj.ownerEmail,
      builder_name: obj.builderName,
      name: obj.name,
      visibility: obj.visibility,
      created_at: iso(obj.createdAtSource),
      current_version: obj.currentVersion,
      deleted_at_source: iso(obj.deletedAtSource),
      matched: exportAll,
      sha256: obj.sha256,
      raw: obj.rawJson,
    });
    await this.row({
      item_type: kind.itemType,
      item_id: obj.id,
      parent_type: null,
      parent_id: null,
      custodian_id: obj.ownerId,
      custodian_email: obj.ownerEmail,
      role: null,
      title: obj.name,
      created_at: obj.createdAtSource,
      sha256: obj.sha256,
      matched: exportAll,
      zip_path: null,
      note: exportAll ? "all configuration versions" : null,
    });
    for (const [index, c] of configs.entries()) {
      if (onlyConfigs && !onlyConfigs.has(c.id)) continue;
      this.counts[kind.configCount]++;
      const isMatched = onlyConfigs?.has(c.id) ?? false;
      await this.record({
        record_type: kind.configRecord,
        id: c.id,
        [kind.parentKey]: obj.id,
        config_id: c.configId,
        version: index + 1,
        name: c.name,
        description: c.description,
        instructions: c.instructions,
        categories: c.categories,
        conversation_starters: c.conversationStarters,
        tools: c.tools ?? null,
        ...(c.author ? { version_author_id: c.author.id, version_author_email: c.author.email } : {}),
        created_at: iso(c.createdAtSource),
        deleted_at_source: iso(c.deletedAtSource),
        file_ids: c.files.map((f) => f.fileId),
        matched: isMatched,
        sha256: c.sha256,
        raw: c.rawJson,
      });
      await this.row({
        item_type: kind.configItemType,
        item_id: c.id,
        parent_type: kind.itemType,
        parent_id: obj.id,
        custodian_id: c.author?.id ?? obj.ownerId,
        custodian_email: c.author?.email ?? obj.ownerEmail,
        role: null,
        title: c.name ?? obj.name,
        created_at: c.createdAtSource,
        sha256: c.sha256,
        matched: isMatched,
        zip_path: null,
        note: `version ${index + 1}`,
      });
      await this.writeFileRecords(
        c.files.map((f) => f.fileId),
        { type: kind.configItemType, id: c.id },
        new Set(),
      );
    }
  }

  private async writeMemory(memoryId: string): Promise<void> {
    const memory = await this.db.memory.findUnique({ where: { id: memoryId }, include: { versions: { orderBy: { version: "asc" } } } });
    if (!memory) return;
    this.counts.memories++;
    const custodian = await this.db.workspaceUser.findUnique({ where: { id: memory.userId }, select: { email: true } });
    await this.record({
      record_type: "memory",
      id: memory.id,
      source_id: memory.sourceId,
      user_id: memory.userId,
      user_email: custodian?.email ?? null,
      context_id: memory.contextId,
      entry_id: memory.entryId,
      content: memory.content,
      updated_at: iso(memory.updatedAtSource),
      current_version: memory.currentVersion,
      deleted_at_source: iso(memory.deletedAtSource),
      versions: memory.versions.map((v) => ({
        version: v.version,
        change: v.change,
        content: v.content,
        updated_at: iso(v.updatedAtSource),
        captured_at: iso(v.capturedAt),
        sha256: v.sha256,
      })),
      matched: true,
      sha256: memory.sha256,
      raw: memory.rawJson,
    });
    await this.row({
      item_type: "MEMORY",
      item_id: memory.id,
      parent_type: null,
      parent_id: null,
      custodian_id: memory.userId,
      custodian_email: custodian?.email ?? null,
      role: null,
      title: memory.content ? memory.content.slice(0, 200) : null,
      created_at: memory.updatedAtSource,
      sha256: memory.sha256,
      matched: true,
      zip_path: null,
      note: `${memory.versions.length} version(s)`,
    });
  }
}

async function resolveFor(job: { kind: string; params: Prisma.JsonValue; createdBy: { id: string; role: string } }, onProgress: (done: number, total: number) => Promise<void>): Promise<ResolvedExport> {
  switch (job.kind) {
    case "SEARCH": {
      const p = searchExportParamsSchema.parse(job.params);
      return resolveSearch(p.query, p.sort, { id: job.createdBy.id, role: job.createdBy.role as "ADMIN" }, onProgress);
    }
    case "HOLD":
      return resolveHold(holdExportParamsSchema.parse(job.params).holdId, onProgress);
    case "SELECTION":
      return resolveSelection(selectionExportParamsSchema.parse(job.params).items, onProgress);
    default:
      throw new Error(`Unknown export kind ${job.kind}`);
  }
}

export type BuildOutcome = "succeeded" | "failed" | "cancelled" | "skipped";

/** The `export.build` job: builds the ZIP for one ExportJob from scratch. Never throws for a failed build. */
export async function buildExport(exportId: string): Promise<BuildOutcome> {
  const db = getDb();
  const job = await db.exportJob.findUnique({ where: { id: exportId }, include: { createdBy: { select: { id: true, email: true, name: true, role: true } } } });
  if (!job || job.status === "CANCELLED") return "skipped";

  const dir = exportsDir();
  const storageKey = exportZipName(job.id);
  const finalPath = path.join(dir, storageKey);
  const workDir = path.join(dir, "tmp", safeIdSegment(job.id));
  await rm(finalPath, { force: true });
  await rm(workDir, { recursive: true, force: true });
  await mkdir(workDir, { recursive: true });

  const startedAt = new Date();
  const { count } = await db.exportJob.updateMany({
    where: { id: job.id, status: { not: "CANCELLED" } },
    data: { status: "RUNNING", startedAt, finishedAt: null, error: null, sha256: null, sizeBytes: null, storageKey: null, itemCount: null, expiresAt: null, progress: { phase: "resolving", done: 0, total: 0 } },
  });
  if (count === 0) return "skipped";

  const builder = new ExportBuilder(job.id, job.name, startedAt);
  try {
    const resolved = await resolveFor(job, (done, total) => builder.setProgress("resolving", done, total));
    const built = await builder.run(resolved, workDir);
    const zip = built.zip;
    const manifest = {
      format: MANIFEST_FORMAT,
      version: MANIFEST_VERSION,
      hash_algorithm: "sha256",
      export: {
        id: job.id,
        name: job.name,
        kind: job.kind,
        parameters: job.params,
        created_by: { id: job.createdBy.id, email: job.createdBy.email, name: job.createdBy.name, role: job.createdBy.role },
        created_at: job.createdAt.toISOString(),
        generated_at: startedAt.toISOString(),
      },
      counts: { ...built.counts, items: built.itemCount },
      missing_files: built.missing,
      entries: [...zip.entries],
      notes: [
        "records.jsonl holds one JSON record per line; record_type says which (conversation, message, file, gpt, gpt_config, project, project_config, memory).",
        "Messages keep their tree: parent_id, depth, is_active_branch. conversations/<id>.html shows the active thread with alternate branches under their branch point.",
        "Verify with: npm run export:verify -- <zip> --sha256 <the ZIP's SHA-256 recorded in Custodian>",
      ],
    };
    await zip.add("manifest.json", `${JSON.stringify(manifest, null, 2)}\n`);
    const result = await zip.finish(finalPath);
    const finishedAt = new Date();
    const ttlHours = getEnv().EXPORT_TTL_HOURS;
    const done = await db.exportJob.updateMany({
      where: { id: job.id, status: "RUNNING" },
      data: {
        status: "SUCCEEDED",
        finishedAt,
        expiresAt: new Date(finishedAt.getTime() + ttlHours * 3600_000),
        storageKey,
        sizeBytes: BigInt(result.size),
        sha256: result.sha256,
        itemCount: built.itemCount,
        progress: { phase: "done", done: built.itemCount, total: built.itemCount, counts: built.counts },
      },
    });
    if (done.count === 0) {
      await rm(finalPath, { force: true });
      return "cancelled";
    }
    return "succeeded";
  } catch (err) {
    await builder.abort().catch(() => undefined);
    await rm(finalPath, { force: true });
    if (err instanceof ExportCancelled) return "cancelled";
    const message = err instanceof Error ? err.message : String(err);
    console.error(`[exports] export ${job.id} failed:`, err);
    await db.exportJob.updateMany({
      where: { id: job.id, status: "RUNNING" },
      data: { status: "FAILED", finishedAt: new Date(), error: message.slice(0, 2000), progress: builder.progress },
    });
    return "failed";
  } finally {
    await rm(workDir, { recursive: true, force: true });
  }
}
