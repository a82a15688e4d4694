// Memories: one Memory object per user, holding contexts, holding entries. The list is read in full each
// run (deletions are only visible that way). Each entry is a Memory row keyed by (source, user, context,
// entry); every state it passes through is a MemoryVersion (ADDED, CHANGED, DELETED) so the custodian page
// can show a timeline. Entries of users the listing returned that are no longer present, and entries of
// users no longer listed at all, are marked deletedAtSource with a DELETED version.
import type pg from "pg";
import { toApiTimestamp, type Memory } from "@/lib/compliance-api/schemas";
import { hashJson } from "@/lib/ingest/hashing";
import { inTransaction, iso, json, text } from "@/lib/ingest/pg";
import type { StreamModule, SyncContext } from "@/lib/ingest/types";
import { beginListing, touchQuarantined } from "@/lib/ingest/streams/listing";

type Json = Record<string, unknown>;
type EntryIn = { userId: string; contextId: string; entryId: string; content: string | null; updatedAt: string | null; raw: Json; sha: string };

function entriesOf(raw: Json, value: Memory): EntryIn[] {
  const rawContexts = (Array.isArray(raw.memory_contexts) ? raw.memory_contexts : ((raw.memory_contexts as { data?: unknown[] })?.data ?? [])) as Json[];
  const out = new Map<string, EntryIn>();
  value.memory_contexts.forEach((ctx, ci) => {
    const rc = rawContexts[ci] ?? {};
    const rawEntries = (Array.isArray(rc.memory_entries) ? rc.memory_entries : ((rc.memory_entries as { data?: unknown[] })?.data ?? [])) as Json[];
    ctx.memory_entries.forEach((e, ei) => {
      const entryRaw = rawEntries[ei] ?? (e as unknown as Json);
      out.set(`${ctx.id}\u0000${e.id}`, {
        userId: value.id,
        contextId: ctx.id,
        entryId: e.id,
        content: text(e.content),
        updatedAt: iso(toApiTimestamp(e.updated_at)?.date),
        raw: entryRaw,
        sha: hashJson(entryRaw),
      });
    });
  });
  return [...out.values()];
}

async function writeEntries(tx: pg.PoolClient, sourceId: string, entries: EntryIn[]) {
  if (!entries.length) return { created: 0, changed: 0, unchanged: 0 };
  const { rows } = await tx.query<{ id: string; state: "created" | "changed" | "unchanged" }>(
    `WITH input AS (
       SELECT * FROM unnest($2::text[], $3::text[], $4::text[], $5::text[], $6::timestamptz[], $7::jsonb[], $8::text[])
         AS t(uid, cid, eid, content, updated, raw, sha)
     ), prior AS (
       SELECT m.id, m."userId", m."contextId", m."entryId", m.sha256, m."deletedAtSource"
       FROM "Memory" m JOIN input i ON m."sourceId" = $1 AND m."userId" = i.uid AND m."contextId" = i.cid AND m."entryId" = i.eid
     ), up AS (
       INSERT INTO "Memory" AS m (id, "sourceId", "userId", "contextId", "entryId", content, "updatedAtSource", "rawJson", sha256)
       SELECT gen_random_uuid()::text, $1, uid, cid, eid, content, updated, raw, sha FROM input
       ON CONFLICT ("sourceId", "userId", "contextId", "entryId") DO UPDATE SET
         content = EXCLUDED.content, "updatedAtSource" = EXCLUDED."updatedAtSource", "rawJson" = EXCLUDED."rawJson",
         "currentVersion" = m."currentVersion" + (CASE WHEN m.sha256 = EXCLUDED.sha256 AND m."deletedAtSource" IS NULL THEN 0 ELSE 1 END),
         sha256 = EXCLUDED.sha256, "lastSeenAt" = now(), "deletedAtSource" = NULL
       RETURNING m.id, m."userId", m."contextId", m."entryId", m.sha256
     )
     SELECT up.id,
            CASE WHEN p.id IS NULL THEN 'created' WHEN p.sha256 <> up.sha256 OR p."deletedAtSource" IS NOT NULL THEN 'changed' ELSE 'unchanged' END AS state
     FROM up LEFT JOIN prior p ON p."userId" = up."userId" AND p."contextId" = up."contextId" AND p."entryId" = up."entryId"`,
    [
      sourceId,
      entries.map((e) => e.userId),
      entries.map((e) => e.contextId),
      entries.map((e) => e.entryId),
      entries.map((e) => e.content),
      entries.map((e) => e.updatedAt),
      entries.map((e) => json(e.raw)),
      entries.map((e) => e.sha),
    ],
  );
  const versioned = rows.filter((r) => r.state !== "unchanged");
  if (versioned.length) {
    await tx.query(
      `INSERT INTO "MemoryVersion" (id, "memoryId", version, change, content, "updatedAtSource", "rawJson", sha256)
       SELECT gen_random_uuid()::text, m.id, m."currentVersion", v.change::"MemoryChange", m.content, m."updatedAtSource", m."rawJson", m.sha256
       FROM unnest($1::text[], $2::text[]) AS v(id, change) JOIN "Memory" m ON m.id = v.id
       ON CONFLICT ("memoryId", version) DO NOTHING`,
      [versioned.map((r) => r.id), versioned.map((r) => (r.state === "created" ? "ADDED" : "CHANGED"))],
    );
    await tx.query(`INSERT INTO "IndexOutbox" ("itemType", "itemId") SELECT 'MEMORY'::"ItemType", unnest($1::text[])`, [versioned.map((r) => r.id)]);
  }
  return {
    created: rows.filter((r) => r.state === "created").length,
    changed: rows.filter((r) => r.state === "changed").length,
    unchanged: rows.filter((r) => r.state === "unchanged").length,
  };
}

/** Marks entries as deleted (with a DELETED version carrying their last content); returns how many. */
async function markDeleted(tx: pg.PoolClient, where: string, params: unknown[]): Promise<number> {
  const { rows } = await tx.query<{ id: string }>(
    `UPDATE "Memory" SET "deletedAtSource" = now(), "currentVersion" = "currentVersion" + 1
     WHERE "deletedAtSource" IS NULL AND ${where} RETURNING id`,
    params,
  );
  if (!rows.length) return 0;
  const ids = rows.map((r) => r.id);
  await tx.query(
    `INSERT INTO "MemoryVersion" (id, "memoryId", version, change, content, "updatedAtSource", "rawJson", sha256)
     SELECT gen_random_uuid()::text, m.id, m."currentVersion", 'DELETED', m.content, m."updatedAtSource", m."rawJson", m.sha256
     FROM "Memory" m WHERE m.id = ANY($1::text[])
     ON CONFLICT ("memoryId", version) DO NOTHING`,
    [ids],
  );
  await tx.query(`INSERT INTO "IndexOutbox" ("itemType", "itemId", op) SELECT 'MEMORY'::"ItemType", unnest($1::text[]), 'UPSERT'`, [ids]);
  return ids.length;
}

export const memoriesStream: StreamModule = {
  name: "memories",
  label: "Memories",
  async run(ctx: SyncContext) {
    const listingStartedAt = await beginListing(ctx);
    for await (const page of ctx.client.listMemories()) {
      await ctx.checkCancelled();
      const users: { userId: string; entries: EntryIn[] }[] = [];
      for (const item of page.items) {
        ctx.counts.listed += 1;
        if (item.ok) users.push({ userId: item.value.id, entries: entriesOf(item.raw as Json, item.value) });
        else await ctx.quarantine({ objectType: "memory", raw: item.raw, error: item.error });
      }
      await touchQuarantined(ctx, "Memory", page.items);
      const result = await inTransaction(async (tx) => {
        const r = await writeEntries(tx, ctx.source.id, users.flatMap((u) => u.entries));
        let deleted = 0;
        for (const u of users) {
          deleted += await markDeleted(
            tx,
            `"sourceId" = $1 AND "userId" = $2 AND NOT (("contextId" || chr(31) || "entryId") = ANY($3::text[]))`,
            [ctx.source.id, u.userId, u.entries.map((e) => `${e.contextId}\u001f${e.entryId}`)],
          );
        }
        return { ...r, deleted };
      });
      ctx.counts.created += result.created;
      ctx.counts.changed += result.changed;
      ctx.counts.unchanged += result.unchanged;
      ctx.counts.deleted += result.deleted;
      await ctx.progress(`${ctx.counts.listed} custodians' memories listed`, ctx.counts.listed);
    }
    // Users no longer returned at all: every entry they had is gone.
    ctx.counts.deleted += await inTransaction((tx) =>
      markDeleted(tx, `"sourceId" = $1 AND "lastSeenAt" < $2`, [ctx.source.id, listingStartedAt.toISOString()]),
    );
    const cp = await ctx.getCheckpoint();
    const { listingStartedAt: _done, ...rest } = cp.state ?? {};
    await ctx.saveCheckpoint({ watermark: listingStartedAt, state: rest });
  },
};
