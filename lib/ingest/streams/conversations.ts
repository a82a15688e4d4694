// Conversations with every message. Incremental by `since_timestamp`:
// - a sweep starts at time T (database clock) and lists conversations updated since the last watermark
//   minus an overlap (update time ≠ last_active_at, and clocks differ); the watermark becomes T only after
//   the whole sweep committed. A crashed sweep resumes with its original T and `since`, so nothing between
//   them can be skipped; re-listing what was already stored is harmless (unchanged hashes write nothing).
// - per page, in one transaction: conversations whose hash is unchanged only get lastSeenAt; for the rest,
//   messages are upserted by id, a message whose content changed keeps its previous content as a
//   MessageVersion, messages gone from the payload are marked deletedAtSource, the tree is rebuilt and the
//   active branch flagged, a ConversationVersion is written, files are linked, and index-outbox rows are
//   queued. Files are downloaded right after the commit (their URLs expire).
// - a full sweep (since 0; daily or on request) also marks conversations the source no longer returns.
// - a conversation disposed of under retention is not captured again (only activity after its disposal).
// - a conversation that failed validation is quarantined; the watermark then stays put for up to
//   MAX_PINNED_SWEEPS runs so the next sweeps list it again, after which it is left in quarantine.
import type pg from "pg";
import { toApiTimestamp } from "@/lib/compliance-api/schemas";
import { lastActiveTime, placeInTree, type PreparedConversation } from "@/lib/ingest/conversation-page";
import { hashConversation } from "@/lib/ingest/hashing";
import { PageParser } from "@/lib/ingest/page-parser";
import { getIngestPool, inTransaction, iso, json, jsonbParam, text } from "@/lib/ingest/pg";
import { recordFileRefs, type FileRef } from "@/lib/ingest/files";
import type { StreamModule, SyncContext } from "@/lib/ingest/types";

export const OVERLAP_SECONDS = 15 * 60;
/**
 * Conversations per page adapt to their size: the API allows 500, but a conversation is often megabytes.
 * Pages aim at about PAGE_TARGET_BYTES of payload so the sync's memory stays flat whatever users write.
 */
const MAX_PAGE_SIZE = 100;
const PAGE_TARGET_BYTES = 4 * 1024 * 1024;

/** Rough payload size of a page: message text plus a fixed allowance per message for its envelope. */
function approximateBytes(convs: PreparedConversation[]): number {
  let bytes = 0;
  for (const c of convs) for (const m of c.msgs) bytes += 600 + m.textLength;
  return bytes;
}
const MAX_PINNED_SWEEPS = 3;

type Sweep = { startedAt: string; since: number; full: boolean };
/** One page as received: its bytes (what is stored, as it came) and its conversations prepared from them. */
export type ConversationPage = { body: Buffer; convs: PreparedConversation[] };
type ExistingMsg = { id: string; sha256: string; version: number; isActiveBranch: boolean; depth: number; deleted: boolean };

export type PageStats = { created: number; changed: number; unchanged: number; messagesWritten: number; files: FileRef[] };

/**
 * Retention is final: a conversation disposed of is not captured again from the source, where it may still
 * exist. Only activity after its disposal comes back: the conversation as the source now has it, without
 * the messages disposed of (their tombstones stand for them). One indexed lookup per page.
 */
async function withoutDisposed(tx: pg.PoolClient, convs: PreparedConversation[]): Promise<PreparedConversation[]> {
  const { rows } = await tx.query<{ id: string; at: Date }>(
    `SELECT "itemId" AS id, "disposedAt" AS at FROM "DispositionRecord" WHERE "itemType" = 'CONVERSATION' AND "itemId" = ANY($1::text[])`,
    [convs.map((c) => c.id)],
  );
  if (!rows.length) return convs;
  const disposedAt = new Map(rows.map((r) => [r.id, r.at.getTime()]));
  const activeSince = (c: PreparedConversation) => lastActiveTime(c) > disposedAt.get(c.id)!;
  const revived = convs.filter((c) => disposedAt.has(c.id) && activeSince(c));
  const { rows: gone } = revived.length
    ? await tx.query<{ id: string }>(`SELECT "itemId" AS id FROM "DispositionRecord" WHERE "itemType" = 'MESSAGE' AND "itemId" = ANY($1::text[])`, [
        revived.flatMap((c) => c.msgs.map((m) => m.id)),
      ])
    : { rows: [] };
  const goneIds = new Set(gone.map((r) => r.id));
  return convs.flatMap((c) => {
    if (!disposedAt.has(c.id)) return [c];
    if (!activeSince(c)) return [];
    const msgs = c.msgs.filter((m) => !goneIds.has(m.id)).map((m) => ({ ...m }));
    if (!msgs.length) return [];
    // The tree of what remains (a disposed parent makes its children roots).
    const { activeLeafId } = placeInTree(msgs);
    return [{ ...c, msgs, activeLeafId, sha: hashConversation(c.meta, msgs.map((m) => m.sha)) }];
  });
}

/** Writes one page of conversations in the caller's transaction. Exported for the ingest benchmark. */
export async function writeConversationPage(tx: pg.PoolClient, sourceId: string, page: ConversationPage): Promise<PageStats> {
  const stats: PageStats = { created: 0, changed: 0, unchanged: 0, messagesWritten: 0, files: [] };
  if (!page.convs.length) return stats;
  const convs = await withoutDisposed(tx, page.convs);
  if (!convs.length) return stats;
  const { rows: prior } = await tx.query<{ id: string; sha256: string }>(`SELECT id, sha256 FROM "Conversation" WHERE id = ANY($1::text[])`, [
    convs.map((c) => c.id),
  ]);
  const priorSha = new Map(prior.map((r) => [r.id, r.sha256]));
  const unchanged = convs.filter((c) => priorSha.get(c.id) === c.sha);
  const dirty = convs.filter((c) => priorSha.get(c.id) !== c.sha);
  stats.unchanged = unchanged.length;
  if (unchanged.length) {
    await tx.query(`UPDATE "Conversation" SET "lastSeenAt" = now(), "deletedAtSource" = NULL WHERE id = ANY($1::text[])`, [unchanged.map((c) => c.id)]);
  }
  if (!dirty.length) return stats;

  const dirtyIds = dirty.map((c) => c.id);
  // Only conversations already stored can have stored messages (Message references Conversation). Asking
  // for new ones too made the planner scan the whole table while it was still growing: a first sync went
  // quadratic.
  const changedIds = dirtyIds.filter((id) => priorSha.has(id));
  const { rows: existingRows } = changedIds.length
    ? await tx.query<ExistingMsg & { conversationId: string }>(
        `SELECT id, "conversationId", sha256, version, "isActiveBranch", depth, ("deletedAtSource" IS NOT NULL) AS deleted
         FROM "Message" WHERE "conversationId" = ANY($1::text[])`,
        [changedIds],
      )
    : { rows: [] };
  const existing = new Map(existingRows.map((r) => [r.id, r]));

  const rows: Record<string, unknown>[] = [];
  const contentChanged: string[] = [];
  const fileLinks: { message: string; file: string }[] = [];
  const vanished: string[] = [];
  const convCols = { activeLeaf: [] as (string | null)[], count: [] as number[] };

  for (const c of dirty) {
    if (priorSha.has(c.id)) stats.changed += 1;
    else stats.created += 1;
    convCols.activeLeaf.push(c.activeLeafId);
    convCols.count.push(c.msgs.length);
    const present = new Set<string>();
    for (const m of c.msgs) {
      present.add(m.id);
      const prev = existing.get(m.id);
      const shaChanged = prev !== undefined && prev.sha256 !== m.sha;
      if (prev && !shaChanged && prev.depth === m.depth && prev.isActiveBranch === m.active && !prev.deleted) continue;
      if (shaChanged) contentChanged.push(m.id);
      rows.push({
        ci: c.index,
        mi: m.index,
        id: m.id,
        conversationId: c.id,
        parentId: m.parentId,
        authorRole: m.role,
        toolName: m.toolName,
        contentType: m.contentType,
        gptId: m.gptId,
        projectId: m.projectId,
        createdAtSource: iso(toApiTimestamp(m.createdAt)?.date),
        depth: m.depth,
        isActiveBranch: m.active,
        hasFiles: m.files.length > 0,
        version: prev ? prev.version + (shaChanged ? 1 : 0) : 1,
        sha256: m.sha,
      });
      if (!prev || shaChanged) {
        for (const f of m.files) {
          stats.files.push({
            id: f.id,
            kind: "CONVERSATION",
            name: f.name,
            userId: f.userId ?? c.userId,
            conversationId: c.id,
            downloadUrl: f.downloadUrl,
            createdAt: toApiTimestamp(f.createdAt)?.date ?? null,
            raw: f.raw,
          });
          fileLinks.push({ message: m.id, file: f.id });
        }
      }
    }
    for (const [id, prev] of existing) {
      if (prev.conversationId === c.id && !present.has(id) && !prev.deleted) vanished.push(id);
    }
  }

  // Earlier content of edited messages is kept before the row is overwritten.
  if (contentChanged.length) {
    await tx.query(
      `INSERT INTO "MessageVersion" (id, "messageId", version, text, "rawJson", sha256)
       SELECT gen_random_uuid()::text, m.id, m.version, m.text, m."rawJson", m.sha256 FROM "Message" m WHERE m.id = ANY($1::text[])
       ON CONFLICT ("messageId", version) DO NOTHING`,
      [contentChanged],
    );
  }

  // Conversations first (messages reference them).
  await tx.query(
    `INSERT INTO "Conversation" AS c (id, "sourceId", "userId", "userEmail", title, "createdAtSource", "lastActiveAt", "messageCount", "activeLeafId", "rawJson", sha256)
     SELECT * FROM unnest($1::text[], $2::text[], $3::text[], $4::text[], $5::text[], $6::timestamptz[], $7::timestamptz[], $8::int[], $9::text[], $10::jsonb[], $11::text[])
     ON CONFLICT (id) DO UPDATE SET
       "userId" = EXCLUDED."userId", "userEmail" = EXCLUDED."userEmail", title = EXCLUDED.title,
       "createdAtSource" = EXCLUDED."createdAtSource", "lastActiveAt" = EXCLUDED."lastActiveAt",
       "messageCount" = EXCLUDED."messageCount", "activeLeafId" = EXCLUDED."activeLeafId",
       "currentVersion" = c."currentVersion" + 1, "rawJson" = EXCLUDED."rawJson", sha256 = EXCLUDED.sha256,
       "lastSeenAt" = now(), "deletedAtSource" = NULL`,
    [
      dirtyIds,
      dirty.map(() => sourceId),
      dirty.map((c) => c.userId),
      dirty.map((c) => c.userEmail),
      dirty.map((c) => text(c.title)),
      dirty.map((c) => iso(toApiTimestamp(c.createdAt)?.date)),
      dirty.map((c) => iso(toApiTimestamp(c.lastActiveAt)?.date)),
      convCols.count,
      convCols.activeLeaf,
      dirty.map((c) => json(c.meta)),
      dirty.map((c) => c.sha),
    ],
  );
  await tx.query(
    `INSERT INTO "ConversationVersion" (id, "conversationId", version, title, "messageCount", sha256, "rawJson")
     SELECT gen_random_uuid()::text, c.id, c."currentVersion", c.title, c."messageCount", c.sha256, c."rawJson"
     FROM "Conversation" c WHERE c.id = ANY($1::text[])
     ON CONFLICT ("conversationId", version) DO NOTHING`,
    [dirtyIds],
  );

  if (rows.length) {
    // Each message's payload is stored as it came: the server takes it out of the page's own bytes (sent
    // as a binary jsonb parameter, parsed once, never re-serialized here), by position, next to a small
    // document of the columns worked out here. The text and annotations columns come from the payload.
    const { rowCount } = await tx.query(
      `WITH conv AS (
         SELECT (c.ord - 1)::int AS ci, c.value AS conv FROM jsonb_array_elements(($3::jsonb)->'data') WITH ORDINALITY AS c(value, ord)
       ), payload AS (
         SELECT conv.ci, (e.ord - 1)::int AS mi, e.value AS raw
         FROM conv, jsonb_array_elements(CASE jsonb_typeof(conv.conv->'messages') WHEN 'array' THEN conv.conv->'messages' ELSE conv.conv->'messages'->'data' END)
              WITH ORDINALITY AS e(value, ord)
         WHERE conv.ci = ANY($4::int[])
       )
       INSERT INTO "Message" AS m (id, "conversationId", "sourceId", "parentId", "authorRole", "toolName", "contentType", text, annotations,
         "gptId", "projectId", "createdAtSource", depth, "isActiveBranch", "hasFiles", version, "rawJson", sha256)
       SELECT t.id, t."conversationId", $1, t."parentId", t."authorRole", t."toolName", t."contentType",
              p.raw->'content'->>'value',
              CASE WHEN jsonb_typeof(p.raw->'content'->'annotations') = 'array' AND jsonb_array_length(p.raw->'content'->'annotations') > 0
                   THEN p.raw->'content'->'annotations' END,
              t."gptId", t."projectId", t."createdAtSource", t.depth, t."isActiveBranch", t."hasFiles", t.version, p.raw, t.sha256
       FROM jsonb_to_recordset($2::jsonb) AS t(ci int, mi int, id text, "conversationId" text, "parentId" text, "authorRole" text, "toolName" text,
              "contentType" text, "gptId" text, "projectId" text, "createdAtSource" timestamptz, depth int, "isActiveBranch" boolean,
              "hasFiles" boolean, version int, sha256 text)
       JOIN payload p ON p.ci = t.ci AND p.mi = t.mi
       ON CONFLICT (id) DO UPDATE SET
         "conversationId" = EXCLUDED."conversationId", "parentId" = EXCLUDED."parentId", "authorRole" = EXCLUDED."authorRole",
         "toolName" = EXCLUDED."toolName", "contentType" = EXCLUDED."contentType", text = EXCLUDED.text, annotations = EXCLUDED.annotations,
         "gptId" = EXCLUDED."gptId", "projectId" = EXCLUDED."projectId", "createdAtSource" = EXCLUDED."createdAtSource",
         depth = EXCLUDED.depth, "isActiveBranch" = EXCLUDED."isActiveBranch", "hasFiles" = EXCLUDED."hasFiles", version = EXCLUDED.version,
         "rawJson" = EXCLUDED."rawJson", sha256 = EXCLUDED.sha256, "lastSeenAt" = now(), "deletedAtSource" = NULL`,
      [sourceId, json(rows), jsonbParam(page.body), [...new Set(rows.map((r) => r.ci as number))]],
    );
    // A payload not found at its position would be a message silently missing from the archive.
    if (rowCount !== rows.length) throw new Error(`Capture wrote ${rowCount} of ${rows.length} messages of a page: the page's bytes and its parsed records disagree`);
    stats.messagesWritten = rows.length;
  }
  if (vanished.length) {
    await tx.query(`UPDATE "Message" SET "deletedAtSource" = now(), "isActiveBranch" = false WHERE id = ANY($1::text[])`, [vanished]);
  }
  if (stats.files.length) {
    await recordFileRefs(tx, sourceId, stats.files);
    await tx.query(`INSERT INTO "MessageFile" ("messageId", "fileId") SELECT * FROM unnest($1::text[], $2::text[]) ON CONFLICT DO NOTHING`, [
      fileLinks.map((l) => l.message),
      fileLinks.map((l) => l.file),
    ]);
  }
  // A conversation's outbox row stands for all its messages and files (the indexer expands it), so one
  // row per changed conversation covers every new, edited, re-branched or vanished message.
  await tx.query(`INSERT INTO "IndexOutbox" ("itemType", "itemId") SELECT 'CONVERSATION'::"ItemType", unnest($1::text[])`, [dirtyIds]);
  return stats;
}

/** Iterates `source` while keeping its next item already requested. */
export async function* prefetch<T>(source: AsyncIterator<T> | AsyncIterable<T>): AsyncGenerator<T> {
  const it = Symbol.asyncIterator in source ? (source as AsyncIterable<T>)[Symbol.asyncIterator]() : (source as AsyncIterator<T>);
  let pending = it.next();
  try {
    for (;;) {
      const current = await pending;
      if (current.done) return;
      pending = it.next();
      // Avoid an unhandled rejection if the consumer stops before awaiting the prefetched page.
      pending.catch(() => undefined);
      yield current.value;
    }
  } finally {
    await it.return?.();
  }
}

async function databaseNow(): Promise<Date> {
  const { rows } = await getIngestPool().query<{ now: Date }>("SELECT now() AS now");
  return rows[0].now;
}

export const conversationsStream: StreamModule = {
  name: "conversations",
  label: "Conversations",
  async run(ctx: SyncContext) {
    const cp = await ctx.getCheckpoint();
    const state = cp.state ?? {};
    let sweep = state.sweep as Sweep | undefined;
    if (!sweep) {
      const startedAt = await databaseNow();
      const full = ctx.fullSweep || !cp.watermark;
      const since = full ? 0 : Math.max(0, Math.floor(cp.watermark!.getTime() / 1000) - OVERLAP_SECONDS);
      sweep = { startedAt: startedAt.toISOString(), since, full };
      await ctx.saveCheckpoint({ state: { ...state, sweep } });
    }
    let messages = 0;
    let pageSize = MAX_PAGE_SIZE;
    // The next page is fetched (and parsed on the parser's thread) while this one is written, and files
    // download in the background.
    const parser = new PageParser();
    try {
      const pages = ctx.client.listConversationsWith({ sinceTimestamp: sweep.since, pageSize: () => pageSize }, (body) => parser.parse(body));
      for await (const page of prefetch(pages)) {
        await ctx.checkCancelled();
        const byId = new Map<string, PreparedConversation>();
        for (const record of page.records) {
          ctx.counts.listed += 1;
          if (record.ok) byId.set(record.conversation.id, record.conversation);
          else await ctx.quarantine({ objectType: "conversation", raw: record.raw, error: record.error });
        }
        const convs = [...byId.values()];
        if (convs.length) {
          const perConversation = approximateBytes(convs) / convs.length;
          pageSize = Math.max(1, Math.min(MAX_PAGE_SIZE, Math.floor(PAGE_TARGET_BYTES / perConversation)));
        }
        const stats = await inTransaction(async (tx) => {
          const s = await writeConversationPage(tx, ctx.source.id, { body: page.body, convs });
          await tx.query(
            `UPDATE "CaptureError" SET "resolvedAt" = now()
             WHERE "sourceId" = $1 AND kind = 'QUARANTINED' AND "objectType" = 'conversation' AND "resolvedAt" IS NULL AND "objectId" = ANY($2::text[])`,
            [ctx.source.id, convs.map((c) => c.id)],
          );
          return s;
        });
        ctx.counts.created += stats.created;
        ctx.counts.changed += stats.changed;
        ctx.counts.unchanged += stats.unchanged;
        messages += stats.messagesWritten;
        if (stats.files.length) ctx.files.enqueue(stats.files);
        await ctx.progress(`${ctx.counts.listed} conversations listed, ${messages} messages written`, ctx.counts.listed);
      }
    } finally {
      await parser.close();
    }

    ctx.counts.files += (await ctx.files.drain()).stored;
    ctx.counts.files += (await ctx.files.fetchOutstanding("CONVERSATION")).stored;

    if (sweep.full) {
      const { rowCount } = await getIngestPool().query(
        `UPDATE "Conversation" SET "deletedAtSource" = now() WHERE "sourceId" = $1 AND "lastSeenAt" < $2 AND "deletedAtSource" IS NULL`,
        [ctx.source.id, sweep.startedAt],
      );
      ctx.counts.deleted += rowCount ?? 0;
    }

    // Quarantined conversations are only listed again while the watermark stays where it was.
    const { rows } = await getIngestPool().query<{ n: number }>(
      `SELECT count(*)::int AS n FROM "CaptureError"
       WHERE "sourceId" = $1 AND kind = 'QUARANTINED' AND "objectType" = 'conversation' AND "resolvedAt" IS NULL AND "createdAt" >= $2`,
      [ctx.source.id, sweep.startedAt],
    );
    const pinned = Number(state.pinnedSweeps ?? 0);
    const holdWatermark = rows[0].n > 0 && pinned < MAX_PINNED_SWEEPS;
    const { sweep: _done, ...rest } = state;
    await ctx.saveCheckpoint({
      watermark: holdWatermark ? cp.watermark : new Date(sweep.startedAt),
      state: {
        ...rest,
        pinnedSweeps: holdWatermark ? pinned + 1 : 0,
        ...(sweep.full ? { lastFullSweepAt: sweep.startedAt } : {}),
      },
    });
  },
};
