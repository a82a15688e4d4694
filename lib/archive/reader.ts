// The conversation reader: one conversation's message tree, one branch of it as the thread, and the data
// each message row shows. Owns the rules a reviewer navigates by:
// - The tree is rebuilt from parent_id (lib/ingest/tree.ts) over light metadata of ALL messages; full rows
//   (text, annotations, files) are read only for the window of the branch being shown, so a conversation of
//   thousands of messages costs one light scan plus one page of rows.
// - Selected branch: the active branch (the path to the conversation's stored active leaf), or, for
//   `?m=<id>`, the branch through that message: its ancestors, then downwards the child whose subtree holds
//   the newest leaf (so a message on the active branch selects the active branch itself).
// - Every message on the branch knows its siblings (edited prompts, regenerated answers) in tree order.
// - The thread is paged in fixed windows of WINDOW messages; the window holds the focused message.
// - The outline compresses chains of single-child messages into segments, so its size follows the number
//   of branch points, not of messages; it is capped for pathological trees.
import "server-only";
import { z } from "zod";
import { getDb } from "@/lib/db";
import { AppError } from "@/lib/http/errors";
import { buildMessageTree, type MessageTree } from "@/lib/ingest/tree";

/**
 * Messages per thread window. Rendering Markdown dominates the page's server time (~1–3 ms per long answer on
 * a 2-core machine); 50 keeps a 2,000-message conversation under the 200 ms p95 budget (bench:reader).
 */
export const READER_WINDOW = 50;
/** Outline segments rendered at most; the rest is summarised (only reached by pathological trees). */
export const OUTLINE_MAX_SEGMENTS = 400;

export type BranchEntry = {
  id: string;
  role: string;
  /** Siblings including this message, in tree order; length 1 when there is no alternative. */
  siblingCount: number;
  position: number;
  prevSiblingId: string | null;
  nextSiblingId: string | null;
};

export type OutlineSegment = {
  firstId: string;
  lastId: string;
  /** Messages in this chain (single-child run). */
  count: number;
  firstRole: string;
  startedAt: Date | null;
  onBranch: boolean;
  hasFocus: boolean;
  /** Alternatives that start below this segment's last message (empty: a leaf or cut off). */
  children: OutlineSegment[];
  /** Messages in the alternatives below that were not expanded (cap reached). */
  hiddenBelow: number;
};

export type ReaderFile = {
  id: string;
  name: string | null;
  status: "PENDING" | "STORED" | "EXPIRED" | "FAILED";
  sha256: string | null;
  size: number | null;
  contentType: string | null;
  lastError: string | null;
};

type LightNode = { id: string; parentId: string | null; createdAtSource: Date | null; authorRole: string; isActiveBranch: boolean };

const rowSelect = {
  id: true,
  parentId: true,
  authorRole: true,
  toolName: true,
  contentType: true,
  text: true,
  annotations: true,
  createdAtSource: true,
  gptId: true,
  projectId: true,
  hasFiles: true,
  isActiveBranch: true,
  version: true,
  deletedAtSource: true,
} as const;

const fileSelect = {
  messageId: true,
  file: { select: { id: true, name: true, status: true, blobSha256: true, lastError: true, blob: { select: { size: true, contentType: true } } } },
} as const;

export type ReaderOptions = { focusId?: string | null; page?: number | null };

function sortKey(n: LightNode): number {
  return n.createdAtSource?.getTime() ?? -Infinity;
}

/** For each node, the newest effective leaf time in its subtree (iterative post-order). */
function newestLeafBelow(tree: MessageTree, nodes: Map<string, LightNode>): Map<string, number> {
  const out = new Map<string, number>();
  const order: string[] = [];
  const stack = [...tree.roots];
  while (stack.length) {
    const id = stack.pop()!;
    order.push(id);
    for (const c of tree.children.get(id) ?? []) stack.push(c);
  }
  for (let i = order.length - 1; i >= 0; i--) {
    const id = order[i];
    const kids = tree.children.get(id);
    if (!kids?.length) out.set(id, sortKey(nodes.get(id)!));
    else out.set(id, Math.max(...kids.map((k) => out.get(k)!)));
  }
  return out;
}

/** Root → `focusId`, then down the child holding the newest leaf (ties: the later child in tree order). */
export function branchThrough(tree: MessageTree, newest: Map<string, number>, focusId: string): string[] {
  const up: string[] = [];
  for (let cur: string | null = focusId; cur !== null; cur = tree.parentOf.get(cur) ?? null) up.push(cur);
  up.reverse();
  for (let cur = focusId; ; ) {
    const kids = tree.children.get(cur);
    if (!kids?.length) break;
    let best = kids[0];
    for (const k of kids) if (newest.get(k)! >= newest.get(best)!) best = k;
    up.push(best);
    cur = best;
  }
  return up;
}

function buildOutline(tree: MessageTree, nodes: Map<string, LightNode>, onBranch: Set<string>, focusId: string | null) {
  let budget = OUTLINE_MAX_SEGMENTS;
  let segments = 0;
  const subtreeSize = (id: string) => {
    let n = 0;
    const stack = [id];
    while (stack.length) {
      const cur = stack.pop()!;
      n++;
      for (const c of tree.children.get(cur) ?? []) stack.push(c);
    }
    return n;
  };
  // Segments on the selected branch are always expanded, so the budget goes to them first.
  const make = (startId: string): OutlineSegment => {
    segments++;
    budget--;
    let last = startId;
    let count = 1;
    let hasFocus = startId === focusId;
    for (let kids = tree.children.get(last); kids?.length === 1; kids = tree.children.get(last)) {
      last = kids[0];
      count++;
      if (last === focusId) hasFocus = true;
    }
    const first = nodes.get(startId)!;
    const seg: OutlineSegment = {
      firstId: startId,
      lastId: last,
      count,
      firstRole: first.authorRole,
      startedAt: first.createdAtSource,
      onBranch: onBranch.has(startId),
      hasFocus,
      children: [],
      hiddenBelow: 0,
    };
    const kids = tree.children.get(last) ?? [];
    const ordered = [...kids.filter((k) => onBranch.has(k)), ...kids.filter((k) => !onBranch.has(k))];
    for (const k of ordered) {
      if (onBranch.has(k) || budget > 0) seg.children.push(make(k));
      else seg.hiddenBelow += subtreeSize(k);
    }
    // Keep the tree order for display.
    seg.children.sort((a, b) => kids.indexOf(a.firstId) - kids.indexOf(b.firstId));
    return seg;
  };
  const roots = tree.roots.map(make);
  return { roots, segments, truncated: budget < 0 || roots.some(function hidden(s: OutlineSegment): boolean { return s.hiddenBelow > 0 || s.children.some(hidden); }) };
}

/**
 * Everything the conversation page shows, or null when the conversation does not exist. `focusId` naming a
 * message of another conversation (or none) is ignored; `page` (1-based) outside the branch is clamped.
 */
export async function getConversationReader(conversationId: string, options: ReaderOptions = {}) {
  const db = getDb();
  const conversation = await db.conversation.findUnique({
    where: { id: conversationId },
    select: {
      id: true,
      sourceId: true,
      title: true,
      userId: true,
      userEmail: true,
      createdAtSource: true,
      lastActiveAt: true,
      messageCount: true,
      activeLeafId: true,
      currentVersion: true,
      firstSeenAt: true,
      lastSeenAt: true,
      deletedAtSource: true,
      sha256: true,
    },
  });
  if (!conversation) return null;

  const [light, versionsSeen, custodian, holds, tags] = await Promise.all([
    db.message.findMany({
      where: { conversationId },
      select: { id: true, parentId: true, createdAtSource: true, authorRole: true, isActiveBranch: true },
      // A stable list order for the tree's tie-breaks (the source's own order is not stored).
      orderBy: [{ createdAtSource: { sort: "asc", nulls: "first" } }, { id: "asc" }],
    }),
    db.conversationVersion.count({ where: { conversationId } }),
    db.workspaceUser.findUnique({ where: { id: conversation.userId }, select: { id: true, name: true, email: true } }),
    db.heldItem.findMany({
      where: { itemType: "CONVERSATION", itemId: conversationId, hold: { status: "ACTIVE" } },
      select: { heldBy: true, hold: { select: { id: true, name: true, matter: true } } },
    }),
    db.itemTag.findMany({
      where: { itemType: "CONVERSATION", itemId: conversationId },
      select: { tag: { select: { id: true, name: true, color: true } } },
      orderBy: { tag: { name: "asc" } },
    }),
  ]);

  const nodes = new Map(light.map((n) => [n.id, n]));
  const tree = buildMessageTree(light.map((n) => ({ id: n.id, parentId: n.parentId, createdAt: n.createdAtSource?.getTime() ?? null })));
  const newest = newestLeafBelow(tree, nodes);

  // The active branch: the path to the stored active leaf (what capture flagged), else the tree's own rule.
  const activePath =
    conversation.activeLeafId && nodes.has(conversation.activeLeafId)
      ? (() => {
          const p: string[] = [];
          for (let cur: string | null = conversation.activeLeafId; cur !== null; cur = tree.parentOf.get(cur) ?? null) p.push(cur);
          return p.reverse();
        })()
      : tree.activePath;
  const activeSet = new Set(activePath);

  const focusId = options.focusId && nodes.has(options.focusId) ? options.focusId : null;
  const path = focusId && !activeSet.has(focusId) ? branchThrough(tree, newest, focusId) : activePath;
  const onActiveBranch = path === activePath;
  const onBranch = new Set(path);

  const branch: BranchEntry[] = path.map((id) => {
    const parent = tree.parentOf.get(id) ?? null;
    const siblings = parent === null ? tree.roots : (tree.children.get(parent) ?? [id]);
    const i = siblings.indexOf(id);
    return {
      id,
      role: nodes.get(id)!.authorRole,
      siblingCount: siblings.length,
      position: i + 1,
      prevSiblingId: i > 0 ? siblings[i - 1] : null,
      nextSiblingId: i < siblings.length - 1 ? siblings[i + 1] : null,
    };
  });

  const pageCount = Math.max(1, Math.ceil(path.length / READER_WINDOW));
  const focusIndex = focusId ? path.indexOf(focusId) : -1;
  const requested = options.page && Number.isInteger(options.page) ? options.page : null;
  const page = Math.min(pageCount, Math.max(1, requested ?? (focusIndex >= 0 ? Math.floor(focusIndex / READER_WINDOW) + 1 : 1)));
  const start = (page - 1) * READER_WINDOW;
  const windowEntries = branch.slice(start, start + READER_WINDOW);

  const rows = windowEntries.length
    ? await db.message.findMany({ where: { conversationId, id: { in: windowEntries.map((e) => e.id) } }, select: rowSelect })
    : [];
  const rowById = new Map(rows.map((r) => [r.id, r]));
  const gptIds = [...new Set(rows.map((r) => r.gptId).filter((x): x is string => Boolean(x)))];
  const projectIds = [...new Set(rows.map((r) => r.projectId).filter((x): x is string => Boolean(x)))];
  // Files only for messages that have any (most windows have none: no query at all).
  const withFiles = rows.filter((r) => r.hasFiles).map((r) => r.id);
  const [gpts, projects, fileLinks] = await Promise.all([
    gptIds.length ? db.gpt.findMany({ where: { id: { in: gptIds } }, select: { id: true, name: true } }) : [],
    projectIds.length ? db.project.findMany({ where: { id: { in: projectIds } }, select: { id: true, name: true } }) : [],
    withFiles.length ? db.messageFile.findMany({ where: { messageId: { in: withFiles } }, select: fileSelect, orderBy: [{ messageId: "asc" }, { fileId: "asc" }] }) : [],
  ]);
  const filesByMessage = new Map<string, ReaderFile[]>();
  for (const { messageId, file: f } of fileLinks) {
    const list = filesByMessage.get(messageId) ?? [];
    list.push({ id: f.id, name: f.name, status: f.status, sha256: f.blobSha256, size: f.blob ? Number(f.blob.size) : null, contentType: f.blob?.contentType ?? null, lastError: f.lastError });
    filesByMessage.set(messageId, list);
  }
  const gptNames = new Map(gpts.map((g) => [g.id, g.name]));
  const projectNames = new Map(projects.map((p) => [p.id, p.name]));

  const messages = windowEntries.map((entry, i) => {
    const r = rowById.get(entry.id)!;
    return {
      ...entry,
      index: start + i,
      authorRole: r.authorRole,
      toolName: r.toolName,
      contentType: r.contentType,
      text: r.text,
      annotations: parseAnnotations(r.annotations),
      createdAtSource: r.createdAtSource,
      gpt: r.gptId ? { id: r.gptId, name: gptNames.get(r.gptId) ?? null } : null,
      project: r.projectId ? { id: r.projectId, name: projectNames.get(r.projectId) ?? null } : null,
      isActiveBranch: r.isActiveBranch,
      version: r.version,
      deletedAtSource: r.deletedAtSource,
      files: filesByMessage.get(r.id) ?? [],
    };
  });

  const outline = buildOutline(tree, nodes, onBranch, focusId);

  return {
    conversation: { ...conversation, versionsSeen, custodian },
    holds: holds.map((h) => ({ ...h.hold, heldBy: h.heldBy })),
    tags: tags.map((t) => t.tag),
    totalMessages: light.length,
    leafCount: tree.leaves.length,
    branchPointCount: [...tree.children.values()].filter((c) => c.length > 1).length + (tree.roots.length > 1 ? 1 : 0),
    focusId,
    onActiveBranch,
    branch,
    window: { page, pageCount, start, end: start + windowEntries.length, size: READER_WINDOW },
    messages,
    outline,
  };
}

export type ConversationReader = NonNullable<Awaited<ReturnType<typeof getConversationReader>>>;
export type ReaderMessage = ConversationReader["messages"][number];

export type UrlCitation = { urls: string[] };

/** URL citations from the stored annotations (other annotation types are kept in the raw JSON only). */
export function parseAnnotations(value: unknown): UrlCitation[] {
  if (!Array.isArray(value)) return [];
  const out: UrlCitation[] = [];
  for (const a of value) {
    if (a && typeof a === "object" && (a as { type?: unknown }).type === "url_citation") {
      const urls = (a as { urls?: unknown }).urls;
      if (Array.isArray(urls)) out.push({ urls: urls.filter((u): u is string => typeof u === "string") });
    }
  }
  return out;
}

/** One message's stored payload and its history, for the raw JSON view. */
export async function getMessageRaw(id: string) {
  const m = await getDb().message.findUnique({
    where: { id },
    select: {
      id: true,
      conversationId: true,
      version: true,
      sha256: true,
      rawJson: true,
      firstSeenAt: true,
      lastSeenAt: true,
      deletedAtSource: true,
      versions: { orderBy: { version: "desc" }, select: { version: true, sha256: true, text: true, rawJson: true, capturedAt: true } },
    },
  });
  if (!m) throw new AppError("not_found", "Message not found");
  return m;
}

/** Why a file's bytes cannot be served, in words a reviewer understands. */
const goneReasons = {
  EXPIRED: "The file had expired at the source before it was captured; its content was never stored.",
  FAILED: "Capturing this file failed; its content was not stored.",
  PENDING: "This file has not been downloaded yet.",
} as const;

/** A captured file whose bytes can be streamed, or an AppError (404 unknown, 410 not stored). */
export async function getDownloadableFile(id: string) {
  const f = await getDb().sourceFile.findUnique({
    where: { id },
    select: { id: true, name: true, kind: true, status: true, conversationId: true, blob: { select: { sha256: true, size: true } } },
  });
  if (!f) throw new AppError("not_found", "File not found");
  if (f.status !== "STORED" || !f.blob) {
    const reason = f.status === "STORED" ? "missing" : f.status.toLowerCase();
    throw new AppError("gone", f.status === "STORED" ? "The file's content is no longer in storage." : goneReasons[f.status], { status: f.status, reason });
  }
  return { ...f, blob: f.blob };
}

/** Route params of /api/v1/messages/[id] and /api/v1/files/[id]/content. */
export const archiveIdParams = z.object({ id: z.string().trim().min(1).max(300) });

