// What an export contains. A search is run to its end (every page, by keyset cursor, scoped to what the
// export's creator may see), a hold contributes its held items, a selection its items. Messages and
// conversation files pull in their whole conversation (the tree stays intact) and are remembered as the
// items that matched; GPT configuration hits export that configuration (a GPT: all of its configurations);
// memories and stand-alone files export themselves. Only ids are kept here: the build streams the rows.
import "server-only";
import { getDb } from "@/lib/db";
import { AppError } from "@/lib/http/errors";
import { getSearchEngine } from "@/lib/search/engine";
import { scopeFor } from "@/lib/search/access";
import { parseQuery } from "@/lib/search/query-parser";
import type { SearchSort } from "@/lib/search/types";
import type { ExportItemRef, ExportItemType } from "@/lib/exports/schemas";

export type ResolvedExport = {
  /** Conversation id → the items in it that matched (`MESSAGE:<id>`, `FILE:<id>`, `CONVERSATION:<id>`). */
  conversations: Map<string, Set<string>>;
  /** GPTs exported whole (every configuration). */
  gpts: Set<string>;
  /** Single GPT configuration versions (GptConfigVersion ids). */
  gptConfigs: Set<string>;
  projects: Set<string>;
  projectConfigs: Set<string>;
  memories: Set<string>;
  /** Files not attached to any exported conversation (GPT/project files, orphans). */
  files: Set<string>;
  /** Items the search, hold or selection named. */
  matchedItems: number;
};

export type ResolveProgress = (done: number, total: number) => Promise<void>;

const SEARCH_PAGE = 100;
const BATCH = 500;

export function emptyResolution(): ResolvedExport {
  return { conversations: new Map(), gpts: new Set(), gptConfigs: new Set(), projects: new Set(), projectConfigs: new Set(), memories: new Set(), files: new Set(), matchedItems: 0 };
}

export const refKey = (itemType: string, itemId: string) => `${itemType}:${itemId}`;

function addConversation(r: ResolvedExport, conversationId: string, matched: string) {
  let set = r.conversations.get(conversationId);
  if (!set) r.conversations.set(conversationId, (set = new Set()));
  set.add(matched);
}

/** Adds explicitly named items (a hold's or a selection's), looking up the conversation of messages and files. */
async function addRefs(r: ResolvedExport, refs: ExportItemRef[]): Promise<void> {
  const db = getDb();
  const ids = (type: ExportItemType) => refs.filter((x) => x.itemType === type).map((x) => x.itemId);
  r.matchedItems += refs.length;
  for (const id of ids("CONVERSATION")) addConversation(r, id, refKey("CONVERSATION", id));
  for (const id of ids("GPT")) r.gpts.add(id);
  for (const id of ids("GPT_CONFIG")) r.gptConfigs.add(id);
  for (const id of ids("PROJECT")) r.projects.add(id);
  for (const id of ids("PROJECT_CONFIG")) r.projectConfigs.add(id);
  for (const id of ids("MEMORY")) r.memories.add(id);
  const messageIds = ids("MESSAGE");
  if (messageIds.length) {
    const rows = await db.message.findMany({ where: { id: { in: messageIds } }, select: { id: true, conversationId: true } });
    for (const m of rows) addConversation(r, m.conversationId, refKey("MESSAGE", m.id));
  }
  const fileIds = ids("FILE");
  if (fileIds.length) {
    const rows = await db.sourceFile.findMany({ where: { id: { in: fileIds } }, select: { id: true, conversationId: true } });
    for (const f of rows) {
      if (f.conversationId) addConversation(r, f.conversationId, refKey("FILE", f.id));
      else r.files.add(f.id);
    }
  }
}

export async function resolveSelection(items: ExportItemRef[], onProgress: ResolveProgress): Promise<ResolvedExport> {
  const r = emptyResolution();
  for (let i = 0; i < items.length; i += BATCH) {
    await addRefs(r, items.slice(i, i + BATCH));
    await onProgress(Math.min(i + BATCH, items.length), items.length);
  }
  return r;
}

export async function resolveHold(holdId: string, onProgress: ResolveProgress): Promise<ResolvedExport> {
  const db = getDb();
  const hold = await db.legalHold.findUnique({ where: { id: holdId }, select: { status: true } });
  if (!hold) throw new AppError("not_found", "The hold no longer exists");
  if (hold.status === "DRAFT") throw new AppError("invalid", "A draft hold holds nothing yet: activate it first");
  const total = await db.heldItem.count({ where: { holdId } });
  const r = emptyResolution();
  let cursor: { itemType: ExportItemType; itemId: string } | null = null;
  for (;;) {
    const rows: { itemType: ExportItemType; itemId: string }[] = await db.heldItem.findMany({
      where: { holdId },
      orderBy: [{ itemType: "asc" }, { itemId: "asc" }],
      take: BATCH,
      ...(cursor ? { cursor: { holdId_itemType_itemId: { holdId, ...cursor } }, skip: 1 } : {}),
      select: { itemType: true, itemId: true },
    });
    if (!rows.length) break;
    await addRefs(r, rows);
    cursor = rows[rows.length - 1];
    await onProgress(r.matchedItems, total);
    if (rows.length < BATCH) break;
  }
  return r;
}

export async function resolveSearch(
  query: string,
  sort: SearchSort,
  creator: { id: string; role: "ADMIN" | "OFFICER" | "REVIEWER" | "AUDITOR" },
  onProgress: ResolveProgress,
  pageSize = SEARCH_PAGE,
): Promise<ResolvedExport> {
  const parsed = parseQuery(query);
  if (!parsed.ok) throw new AppError("invalid", `The export's query does not parse: ${parsed.error.message}`);
  const engine = await getSearchEngine();
  const r = emptyResolution();
  let cursor: string | null = null;
  for (;;) {
    const page = await engine.search({ query: parsed.query, sort, limit: pageSize, cursor, facets: false, scope: scopeFor(creator) });
    for (const hit of page.hits) {
      const d = hit.document;
      r.matchedItems++;
      if (d.type === "message") {
        if (d.conversationId) addConversation(r, d.conversationId, refKey("MESSAGE", d.itemId));
      } else if (d.type === "file") {
        if (d.conversationId) addConversation(r, d.conversationId, refKey("FILE", d.itemId));
        else r.files.add(d.itemId);
      } else if (d.type === "gpt") r.gptConfigs.add(d.itemId);
      else if (d.type === "memory") r.memories.add(d.itemId);
    }
    await onProgress(r.matchedItems, Math.max(page.total, r.matchedItems));
    if (!page.nextCursor || page.hits.length === 0) break;
    cursor = page.nextCursor;
  }
  return r;
}
