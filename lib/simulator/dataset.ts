// The simulator's current truth in a compact, comparable form: what a complete, correct sync must have
// archived. Every object is identified by id and a canonical SHA-256 of exactly the payload the API serves
// (file_format=url) with the volatile fields removed — today only `download_url`, which is re-signed on
// every request. The capture side can hash its stored raw payloads the same way (stripVolatile +
// canonicalJson + sha256Hex from lib/crypto/hash.ts) and compare id by id.
import { canonicalJson, sha256Hex } from "@/lib/crypto/hash";
import { activeLeafOf, allNodes, branchPointsOf, renderMessage } from "./conversation";
import { fileBytes } from "./files";
import { renderConfig, renderGizmo, type GizmoState } from "./gizmos";
import { renderMemory } from "./memories";
import type { GizmoKind } from "./types";
import type { Workspace } from "./workspace";

/** Keys removed (at any depth) before hashing: they change on every request. */
export const VOLATILE_FIELDS: readonly string[] = ["download_url"];

/** A deep copy of `payload` without volatile fields. */
export function stripVolatile<T>(payload: T): T {
  const strip = (v: unknown): unknown => {
    if (Array.isArray(v)) return v.map(strip);
    if (v && typeof v === "object") {
      const out: Record<string, unknown> = {};
      for (const [k, x] of Object.entries(v as Record<string, unknown>)) if (!VOLATILE_FIELDS.includes(k)) out[k] = strip(x);
      return out;
    }
    return v;
  };
  return strip(payload) as T;
}

/** SHA-256 (hex) of the canonical JSON of a served payload, volatile fields removed. */
export function payloadHash(payload: unknown): string {
  return sha256Hex(canonicalJson(stripVolatile(payload)));
}

export interface ConversationTruth {
  id: string;
  userId: string;
  title: string | null;
  sha256: string;
  messageCount: number;
  /** Per message: SHA-256 of the message object as served (volatile fields removed). */
  messages?: Record<string, string>;
  /** Messages with more than one child. */
  branchPoints: string[];
  /** The newest leaf: the end of the active branch. */
  activeLeaf: string | null;
  fileIds: string[];
}

export interface ConfigTruth {
  id: string;
  sha256: string;
}

export interface GizmoTruth {
  id: string;
  /** The object as listed (and as GET /{kind}s/{id} serves it). */
  sha256: string;
  /** Newest first, as /configs lists them. */
  configs: ConfigTruth[];
  sharedUserIds: string[];
  /** Knowledge files across all configurations. */
  fileIds: string[];
}

export interface MemoryTruth {
  userId: string;
  sha256: string;
  /** entry id → context id and SHA-256 of the entry object. */
  entries: Record<string, { contextId: string; sha256: string }>;
}

export interface FileTruth {
  id: string;
  scope: "user" | GizmoKind;
  name: string;
  /** Expired chat uploads: listed with null created_at/download_url, content endpoint 410. */
  expired: boolean;
  ownerId?: string;
  conversationId?: string;
  gizmoIds?: string[];
  /** SHA-256 of the bytes (only with includeFileContent). */
  contentSha256?: string;
  size?: number;
}

export interface DatasetSummary {
  workspaceId: string;
  users: number;
  conversations: number;
  messages: number;
  branchedConversations: number;
  gpts: number;
  gptConfigs: number;
  projects: number;
  projectConfigs: number;
  memories: number;
  memoryEntries: number;
  userFiles: number;
  expiredUserFiles: number;
  gizmoFiles: number;
}

export interface Dataset {
  workspaceId: string;
  summary: DatasetSummary;
  users: Record<string, string>;
  conversations: Record<string, ConversationTruth>;
  gpts: Record<string, GizmoTruth>;
  projects: Record<string, GizmoTruth>;
  memories: Record<string, MemoryTruth>;
  files: Record<string, FileTruth>;
}

export interface DatasetOptions {
  /** Per-message hashes (default true). */
  includeMessages?: boolean;
  /** Hash every file's bytes (default false: slower, but shows shared contents). */
  includeFileContent?: boolean;
}

function gizmoTruth(ws: Workspace, g: GizmoState): GizmoTruth {
  return {
    id: g.id,
    sha256: payloadHash(renderGizmo(g, ws.users)),
    configs: g.configs
      .slice()
      .reverse()
      .map((c) => ({ id: c.id, sha256: payloadHash(renderConfig(g, c, ws.users)) })),
    sharedUserIds: g.recipients.map((r) => ws.users[r.userIdx].id).sort(),
    fileIds: Array.from(new Set(g.configs.flatMap((c) => c.files.map((f) => f.id)))),
  };
}

/** Counts only: cheap enough for large workspaces (no text is generated). */
export function datasetSummary(ws: Workspace): DatasetSummary {
  let conversations = 0;
  let messages = 0;
  let branched = 0;
  let userFiles = 0;
  let expired = 0;
  for (const e of ws.conversations) {
    if (!e || e.deleted) continue;
    conversations++;
    messages += e.messageCount;
    const nodes = allNodes(ws.plan(e.index), ws.overlays.get(e.index));
    if (branchPointsOf(nodes).length) branched++;
    for (const n of nodes)
      for (const f of n.files) {
        userFiles++;
        if (ws.isFileExpired(f)) expired++;
      }
  }
  const gpts = ws.gpts.filter((g) => !g.deleted);
  const projects = ws.projects.filter((g) => !g.deleted);
  const gizmoFiles = new Set([...gpts, ...projects].flatMap((g) => g.configs.flatMap((c) => c.files.map((f) => `${g.kind}:${f.id}`))));
  const memories = Array.from(ws.memories.values());
  return {
    workspaceId: ws.id,
    users: ws.users.length,
    conversations,
    messages,
    branchedConversations: branched,
    gpts: gpts.length,
    gptConfigs: gpts.reduce((n, g) => n + g.configs.length, 0),
    projects: projects.length,
    projectConfigs: projects.reduce((n, g) => n + g.configs.length, 0),
    memories: memories.length,
    memoryEntries: memories.reduce((n, m) => n + m.contexts.reduce((k, c) => k + c.entries.length, 0), 0),
    userFiles,
    expiredUserFiles: expired,
    gizmoFiles: gizmoFiles.size,
  };
}

/** The full truth. Generates every conversation's text: fine for small/demo, slow for large. */
export function buildDataset(ws: Workspace, options: DatasetOptions = {}): Dataset {
  const includeMessages = options.includeMessages ?? true;
  const files: Record<string, FileTruth> = {};
  const addFileContent = (t: FileTruth, contentKey: string) => {
    if (!options.includeFileContent) return;
    const bytes = fileBytes(ws.seed, contentKey, t.name);
    t.contentSha256 = sha256Hex(bytes);
    t.size = bytes.length;
  };

  const users: Record<string, string> = {};
  for (const u of ws.usersInIdOrder()) users[u.id] = payloadHash(ws.renderUser(u));

  const conversations: Record<string, ConversationTruth> = {};
  for (const e of ws.conversations) {
    if (!e || e.deleted) continue;
    const payload = ws.renderConversationAt(e.index, {}, false);
    const plan = ws.plan(e.index);
    const nodes = allNodes(plan, ws.overlays.get(e.index));
    const owner = ws.users[e.ownerIdx];
    const truth: ConversationTruth = {
      id: e.id,
      userId: owner.id,
      title: payload.title,
      sha256: payloadHash(payload),
      messageCount: payload.messages.data.length,
      branchPoints: branchPointsOf(nodes),
      activeLeaf: activeLeafOf(nodes),
      fileIds: [],
    };
    if (includeMessages) {
      truth.messages = {};
      for (const m of payload.messages.data) truth.messages[m.id] = payloadHash(m);
    }
    for (const n of nodes)
      for (const f of n.files) {
        truth.fileIds.push(f.id);
        const t: FileTruth = { id: f.id, scope: "user", name: f.name, expired: ws.isFileExpired(f), ownerId: owner.id, conversationId: e.id };
        addFileContent(t, f.contentKey);
        files[f.id] = t;
      }
    conversations[e.id] = truth;
  }

  const gizmoSection = (kind: GizmoKind) => {
    const out: Record<string, GizmoTruth> = {};
    for (const g of ws.gizmosInIdOrder(kind)) {
      out[g.id] = gizmoTruth(ws, g);
      for (const c of g.configs)
        for (const f of c.files) {
          const existing = files[f.id];
          if (existing && existing.scope === kind) {
            if (!existing.gizmoIds!.includes(g.id)) existing.gizmoIds!.push(g.id);
            continue;
          }
          const t: FileTruth = { id: f.id, scope: kind, name: f.name, expired: false, gizmoIds: [g.id] };
          addFileContent(t, f.contentKey);
          files[f.id] = t;
        }
    }
    return out;
  };
  const gpts = gizmoSection("gpt");
  const projects = gizmoSection("project");

  const memories: Record<string, MemoryTruth> = {};
  for (const m of ws.memoriesInIdOrder()) {
    const payload = renderMemory(m);
    const entries: MemoryTruth["entries"] = {};
    for (const c of payload.memory_contexts) for (const e of c.memory_entries) entries[e.id] = { contextId: c.id, sha256: payloadHash(e) };
    memories[m.userId] = { userId: m.userId, sha256: payloadHash(payload), entries };
  }

  return { workspaceId: ws.id, summary: datasetSummary(ws), users, conversations, gpts, projects, memories, files };
}

/** One hash for a whole dataset (determinism checks). */
export function datasetDigest(dataset: Dataset): string {
  return sha256Hex(canonicalJson(dataset));
}

/** Per-message hash of one conversation's current messages (for targeted assertions). */
export function messageHashes(ws: Workspace, conversationId: string): Record<string, string> {
  const e = ws.conversationEntry(conversationId);
  if (!e) return {};
  const rc = ws.renderContext(e.index);
  const plan = ws.plan(e.index);
  const out: Record<string, string> = {};
  for (const n of allNodes(plan, ws.overlays.get(e.index))) out[n.id] = payloadHash(renderMessage(rc, plan, n, {}));
  return out;
}
