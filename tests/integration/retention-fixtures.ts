// Archive rows, holds and policies for the retention and disposition tests, written with plain SQL (fast
// enough for property tests over hundreds of items). Every id carries the file's marker and every row its
// own source id, so policies scoped to that source never touch another file's data.
import { createHash, randomBytes } from "node:crypto";
import os from "node:os";
import path from "node:path";
import { mkdtempSync } from "node:fs";
import pg from "pg";
import { LocalBlobStore } from "@/lib/storage/blob-store";
import type { ItemType } from "@/lib/generated/prisma/enums";

export const DAY = 86_400_000;
export const sha = (s: string) => createHash("sha256").update(s).digest("hex");

export function newMarker(prefix: string): string {
  return `${prefix}${randomBytes(4).toString("hex")}`;
}

export function tempBlobStore(): LocalBlobStore {
  return new LocalBlobStore(mkdtempSync(path.join(os.tmpdir(), "custodian-disposition-blobs-")));
}

export type Ref = { itemType: ItemType; itemId: string };

export class ArchiveFixture {
  readonly pool: pg.Pool;
  constructor(
    readonly marker: string,
    readonly sourceId = `src-${marker}`,
  ) {
    this.pool = new pg.Pool({ connectionString: process.env.DATABASE_URL, max: 2 });
  }

  async conversation(o: { id: string; userId: string; lastActiveAt?: Date | null; createdAtSource?: Date | null; capturedAt: Date; messages: number; sourceId?: string }): Promise<string[]> {
    const sourceId = o.sourceId ?? this.sourceId;
    await this.pool.query(
      `INSERT INTO "Conversation" (id, "sourceId", "userId", title, "createdAtSource", "lastActiveAt", "messageCount", "rawJson", sha256, "firstSeenAt", "lastSeenAt")
       VALUES ($1, $2, $3, $4, $5, $6, $7, '{}', $8, $9, $9)`,
      [o.id, sourceId, o.userId, `Conversation ${o.id}`, o.createdAtSource ?? null, o.lastActiveAt ?? null, o.messages, sha(o.id), o.capturedAt],
    );
    await this.pool.query(
      `INSERT INTO "ConversationVersion" (id, "conversationId", version, title, "messageCount", sha256, "rawJson", "capturedAt") VALUES ($1, $2, 1, 't', $3, $4, '{}', $5)`,
      [`${o.id}-v1`, o.id, o.messages, sha(`${o.id}-v1`), o.capturedAt],
    );
    const ids = Array.from({ length: o.messages }, (_, i) => `${o.id}-m${i}`);
    if (ids.length) {
      await this.pool.query(
        `INSERT INTO "Message" (id, "conversationId", "sourceId", "parentId", "authorRole", text, "createdAtSource", depth, "isActiveBranch", "rawJson", sha256, "firstSeenAt")
         SELECT id, $2, $3, NULL, 'user', 'retention test words ' || id, $4, 0, true, '{}', encode(sha256(convert_to(id, 'UTF8')), 'hex'), $4 FROM unnest($1::text[]) AS id`,
        [ids, o.id, sourceId, o.capturedAt],
      );
      await this.pool.query(
        `INSERT INTO "MessageVersion" (id, "messageId", version, text, "rawJson", sha256) SELECT id || '-v1', id, 1, 'old', '{}', 'x' FROM unnest($1::text[]) AS id`,
        [ids],
      );
    }
    return ids;
  }

  async gpt(o: { id: string; ownerId: string; deleted?: boolean; configs: { id: string; createdAtSource: Date | null; firstSeenAt: Date }[] }): Promise<void> {
    await this.pool.query(`INSERT INTO "Gpt" (id, "sourceId", "ownerId", name, "rawJson", sha256, "deletedAtSource") VALUES ($1, $2, $3, $4, '{}', $5, $6)`, [
      o.id,
      this.sourceId,
      o.ownerId,
      `GPT ${o.id}`,
      sha(o.id),
      o.deleted ? new Date() : null,
    ]);
    for (const c of o.configs) {
      await this.pool.query(
        `INSERT INTO "GptConfigVersion" (id, "gptId", "configId", name, instructions, "createdAtSource", "rawJson", sha256, "firstSeenAt") VALUES ($1, $2, $3, $4, 'Be helpful', $5, '{}', $6, $7)`,
        [c.id, o.id, `cfg-${c.id}`, `Config ${c.id}`, c.createdAtSource, sha(c.id), c.firstSeenAt],
      );
    }
  }

  async memory(o: { id: string; userId: string; deleted?: boolean; versions: { id: string; capturedAt: Date; updatedAtSource: Date | null }[] }): Promise<void> {
    await this.pool.query(
      `INSERT INTO "Memory" (id, "sourceId", "userId", "contextId", "entryId", content, "currentVersion", "rawJson", sha256, "deletedAtSource") VALUES ($1, $2, $3, 'ctx', $1, 'remembers things', $4, '{}', $5, $6)`,
      [o.id, this.sourceId, o.userId, o.versions.length, sha(o.id), o.deleted ? new Date() : null],
    );
    for (const [i, v] of o.versions.entries()) {
      await this.pool.query(
        `INSERT INTO "MemoryVersion" (id, "memoryId", version, change, content, "updatedAtSource", "rawJson", sha256, "capturedAt") VALUES ($1, $2, $3, $4, 'x', $5, '{}', $6, $7)`,
        [v.id, o.id, i + 1, i === 0 ? "ADDED" : "CHANGED", v.updatedAtSource, sha(v.id), v.capturedAt],
      );
    }
  }

  /** A source file; with `bytes`, stored in `store` and linked to its StoredFile. */
  async file(o: { id: string; userId: string | null; conversationId?: string | null; messageId?: string | null; createdAtSource: Date | null; firstSeenAt: Date; bytes?: string; store?: LocalBlobStore }): Promise<string | null> {
    let blob: string | null = null;
    if (o.bytes !== undefined && o.store) {
      const stored = await o.store.put(Buffer.from(o.bytes));
      blob = stored.sha256;
      await this.pool.query(`INSERT INTO "StoredFile" (sha256, size, "storageKey") VALUES ($1, $2, $3) ON CONFLICT DO NOTHING`, [blob, stored.size, stored.storageKey]);
    }
    await this.pool.query(
      `INSERT INTO "SourceFile" (id, "sourceId", kind, name, "userId", "conversationId", status, "blobSha256", "createdAtSource", "rawJson", sha256, "firstSeenAt")
       VALUES ($1, $2, 'CONVERSATION', $3, $4, $5, $6, $7, $8, '{}', $9, $10)`,
      [o.id, this.sourceId, `${o.id}.txt`, o.userId, o.conversationId ?? null, blob ? "STORED" : "PENDING", blob, o.createdAtSource, sha(o.id), o.firstSeenAt],
    );
    if (o.messageId) await this.pool.query(`INSERT INTO "MessageFile" ("messageId", "fileId") VALUES ($1, $2)`, [o.messageId, o.id]);
    return blob;
  }

  async hold(id: string, items: Ref[], status: "ACTIVE" | "DRAFT" | "RELEASED" = "ACTIVE", createdById = "test"): Promise<string> {
    await this.pool.query(`INSERT INTO "LegalHold" (id, name, status, scope, "createdById", "updatedAt") VALUES ($1, $2, $3, '{}', $4, now())`, [id, `Hold ${id}`, status, createdById]);
    for (const item of items) await this.addHeld(id, item);
    return id;
  }

  async addHeld(holdId: string, item: Ref): Promise<void> {
    await this.pool.query(`INSERT INTO "HeldItem" ("holdId", "itemType", "itemId", "heldBy") VALUES ($1, $2, $3, 'EXPLICIT') ON CONFLICT DO NOTHING`, [holdId, item.itemType, item.itemId]);
  }

  async setHoldStatus(holdId: string, status: "ACTIVE" | "DRAFT" | "RELEASED"): Promise<void> {
    await this.pool.query(`UPDATE "LegalHold" SET status = $2 WHERE id = $1`, [holdId, status]);
  }

  async exists(table: string, id: string): Promise<boolean> {
    const { rows } = await this.pool.query(`SELECT 1 FROM "${table}" WHERE id = $1`, [id]);
    return rows.length > 0;
  }

  async existing(table: string, ids: string[]): Promise<Set<string>> {
    const { rows } = await this.pool.query<{ id: string }>(`SELECT id FROM "${table}" WHERE id = ANY($1::text[])`, [ids]);
    return new Set(rows.map((r) => r.id));
  }

  async tombstones(runId: string): Promise<{ itemType: string; itemId: string; sha256: string; policyId: string; policyVersion: number }[]> {
    const { rows } = await this.pool.query(`SELECT "itemType"::text AS "itemType", "itemId", sha256, "policyId", "policyVersion" FROM "DispositionRecord" WHERE "runId" = $1`, [runId]);
    return rows;
  }

  /**
   * Disables this file's policies, releases its holds, removes its archive rows, documents and pending
   * outbox rows (index-wide counts other files check stay unchanged), and closes the pool.
   */
  async close(policyIds: string[] = []): Promise<void> {
    const q = (sql: string, params: unknown[]) => this.pool.query(sql, params);
    if (policyIds.length) await q(`UPDATE "RetentionPolicy" SET enabled = false WHERE id = ANY($1::text[])`, [policyIds]);
    await q(`UPDATE "LegalHold" SET status = 'RELEASED' WHERE id LIKE $1`, [`%${this.marker}%`]);
    await q(`UPDATE "IndexOutbox" SET "processedAt" = now() WHERE "processedAt" IS NULL AND "itemId" LIKE $1`, [`%${this.marker}%`]);
    await q(`DELETE FROM "SearchDocument" WHERE "itemId" LIKE $1`, [`%${this.marker}%`]);
    for (const table of ["Conversation", "Gpt", "Memory", "SourceFile"]) await q(`DELETE FROM "${table}" WHERE "sourceId" LIKE $1`, [`%${this.marker}%`]);
    await this.pool.end();
  }
}

/** mulberry32: a small seeded PRNG for property tests. */
export function seededRandom(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}
