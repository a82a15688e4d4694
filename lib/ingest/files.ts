// Files referenced by messages, GPT and project configurations. Download URLs expire (1 h embedded,
// 5 min via the content endpoints), so files are fetched right after the page that named them commits.
// Bytes are stored once per SHA-256 (lib/storage); a SourceFile row per API file id links to the blob,
// and link tables connect it to every message/config that references it. A file the API no longer
// serves (410, or an embedded entry already nulled) is recorded as EXPIRED; other failures as FAILED,
// retried the next time the file is seen.
import type pg from "pg";
import { isComplianceApiError } from "@/lib/compliance-api/errors";
import type { ComplianceClient, FileDownload } from "@/lib/compliance-api/client";
import type { BlobStore } from "@/lib/storage/blob-store";
import { hashFileRef } from "@/lib/ingest/hashing";
import { getIngestPool, iso, json, text } from "@/lib/ingest/pg";

export type FileKind = "CONVERSATION" | "GPT" | "PROJECT";

export type FileRef = {
  id: string;
  kind: FileKind;
  name: string | null;
  userId: string | null;
  conversationId: string | null;
  downloadUrl: string | null;
  createdAt: Date | null;
  raw: unknown;
};

export type FileOutcome = { stored: number; expired: number; failed: number };

type ErrorSink = (input: { kind: "FILE_EXPIRED" | "FILE_FAILED"; fileId: string; message: string }) => Promise<void>;

export class FileCapture {
  private readonly backlog: FileRef[] = [];
  private running = 0;
  private readonly background: FileOutcome = { stored: 0, expired: 0, failed: 0 };
  private idle: (() => void)[] = [];
  private firstError: unknown = null;

  constructor(
    private readonly client: ComplianceClient,
    private readonly sourceId: string,
    private readonly store: BlobStore,
    private readonly onError: ErrorSink,
    private readonly concurrency = 6,
  ) {}

  /** Upserts SourceFile rows for these references inside the caller's transaction. */
  record(tx: pg.PoolClient, refs: FileRef[]): Promise<void> {
    return recordFileRefs(tx, this.sourceId, refs);
  }

  /**
   * Queues downloads to run in the background while the stream goes on with the next page (URLs expire
   * in an hour; a page takes well under a second). drain() waits for them. Files left by a crash are
   * picked up by fetchOutstanding().
   */
  enqueue(refs: FileRef[]): void {
    this.backlog.push(...refs);
    while (this.running < this.concurrency && this.backlog.length) {
      this.running += 1;
      void this.pump();
    }
  }

  private async pump(): Promise<void> {
    try {
      while (this.backlog.length) {
        const batch = this.backlog.splice(0, 20);
        const outcome = await this.fetchPending(batch, 1);
        this.background.stored += outcome.stored;
        this.background.expired += outcome.expired;
        this.background.failed += outcome.failed;
      }
    } catch (err) {
      this.firstError ??= err;
    } finally {
      this.running -= 1;
      if (this.running === 0) for (const resolve of this.idle.splice(0)) resolve();
    }
  }

  /** Waits for every queued download; returns (and resets) what the background downloads achieved. */
  async drain(): Promise<FileOutcome> {
    if (this.running > 0) await new Promise<void>((resolve) => this.idle.push(resolve));
    if (this.firstError) {
      const err = this.firstError;
      this.firstError = null;
      throw err;
    }
    const result = { ...this.background };
    this.background.stored = this.background.expired = this.background.failed = 0;
    return result;
  }

  /** Downloads every referenced file that has no stored bytes yet (new, or failed before). */
  async fetchPending(refs: FileRef[], concurrency = this.concurrency): Promise<FileOutcome> {
    const unique = dedupe(refs);
    const outcome: FileOutcome = { stored: 0, expired: 0, failed: 0 };
    if (!unique.length) return outcome;
    const { rows } = await getIngestPool().query<{ id: string }>(
      `SELECT id FROM "SourceFile" WHERE id = ANY($1::text[]) AND status IN ('PENDING', 'FAILED')`,
      [unique.map((r) => r.id)],
    );
    const pending = new Set(rows.map((r) => r.id));
    const queue = unique.filter((r) => pending.has(r.id));
    const results: FileResult[] = [];
    const workers = Array.from({ length: Math.min(concurrency, queue.length) }, async () => {
      for (let ref = queue.shift(); ref; ref = queue.shift()) {
        const result = await this.fetchOne(ref);
        outcome[result.outcome] += 1;
        results.push(result);
      }
    });
    await Promise.all(workers);
    await writeResults(results);
    for (const r of results) if (r.error) await this.onError({ kind: r.status === "EXPIRED" ? "FILE_EXPIRED" : "FILE_FAILED", fileId: r.id, message: r.error });
    return outcome;
  }

  /**
   * Downloads every file of this source and kind still PENDING or FAILED, whichever page named it: a run
   * killed between a page's commit and its downloads leaves such files, and a resumed run skips the
   * (unchanged) pages that named them. Keyset-paged by id.
   */
  async fetchOutstanding(kind: FileKind): Promise<FileOutcome> {
    const total: FileOutcome = { stored: 0, expired: 0, failed: 0 };
    let after = "";
    for (;;) {
      const { rows } = await getIngestPool().query<{ id: string; name: string | null; userId: string | null; conversationId: string | null; url: string | null }>(
        `SELECT id, name, "userId", "conversationId", "rawJson"->>'download_url' AS url FROM "SourceFile"
         WHERE "sourceId" = $1 AND kind = $2::"FileKind" AND status IN ('PENDING', 'FAILED') AND id > $3 ORDER BY id LIMIT 200`,
        [this.sourceId, kind, after],
      );
      if (!rows.length) return total;
      after = rows[rows.length - 1].id;
      const refs: FileRef[] = rows.map((r) => ({ id: r.id, kind, name: r.name, userId: r.userId, conversationId: r.conversationId, downloadUrl: r.url, createdAt: null, raw: null }));
      const outcome = await this.fetchPending(refs);
      total.stored += outcome.stored;
      total.expired += outcome.expired;
      total.failed += outcome.failed;
    }
  }

  private async download(ref: FileRef): Promise<FileDownload> {
    if (ref.downloadUrl) {
      try {
        return await this.client.downloadUrl(ref.downloadUrl);
      } catch (err) {
        // The embedded URL may have lapsed between listing and download: ask the content endpoint.
        if (!isComplianceApiError(err) || err.kind !== "gone") throw err;
      }
    }
    if (ref.kind === "GPT") return this.client.downloadGptFile(ref.id);
    if (ref.kind === "PROJECT") return this.client.downloadProjectFile(ref.id);
    if (!ref.userId) throw new Error("file has no owner user id, so its content endpoint cannot be called");
    return this.client.downloadUserFile(ref.userId, ref.id, { conversationId: ref.conversationId ?? undefined });
  }

  /** Downloads one file into the blob store; the database is updated for the whole batch afterwards. */
  private async fetchOne(ref: FileRef): Promise<FileResult> {
    try {
      const file = await this.download(ref);
      const blob = await this.store.put(file.bytes ?? Buffer.alloc(0), { sha256: file.sha256 });
      return { id: ref.id, outcome: "stored", status: "STORED", sha256: blob.sha256, size: blob.size, contentType: file.contentType, storageKey: blob.storageKey, error: null };
    } catch (err) {
      const expired = isComplianceApiError(err) && (err.kind === "gone" || err.kind === "not_found");
      const message = err instanceof Error ? err.message : String(err);
      return { id: ref.id, outcome: expired ? "expired" : "failed", status: expired ? "EXPIRED" : "FAILED", sha256: null, size: null, contentType: null, storageKey: null, error: message.slice(0, 1000) };
    }
  }
}

type FileResult = {
  id: string;
  outcome: keyof FileOutcome;
  status: "STORED" | "EXPIRED" | "FAILED";
  sha256: string | null;
  size: number | null;
  contentType: string | null;
  storageKey: string | null;
  error: string | null;
};

/** One statement per batch: new blobs are registered and every file's status set. */
async function writeResults(results: FileResult[]): Promise<void> {
  if (!results.length) return;
  await getIngestPool().query(
    `WITH input AS (
       SELECT * FROM unnest($1::text[], $2::text[], $3::text[], $4::bigint[], $5::text[], $6::text[], $7::text[])
         AS t(id, status, sha, size, ctype, key, err)
     ), blobs AS (
       INSERT INTO "StoredFile" (sha256, size, "contentType", "storageKey")
       SELECT DISTINCT ON (sha) sha, size, ctype, key FROM input WHERE sha IS NOT NULL
       ON CONFLICT (sha256) DO NOTHING
     )
     UPDATE "SourceFile" f SET status = i.status::"FileStatus", "blobSha256" = COALESCE(i.sha, f."blobSha256"),
       "downloadedAt" = CASE WHEN i.sha IS NOT NULL THEN now() ELSE f."downloadedAt" END, "lastError" = i.err
     FROM input i WHERE f.id = i.id`,
    [
      results.map((r) => r.id),
      results.map((r) => r.status),
      results.map((r) => r.sha256),
      results.map((r) => r.size),
      results.map((r) => r.contentType),
      results.map((r) => r.storageKey),
      results.map((r) => r.error),
    ],
  );
}

/** Upserts SourceFile rows (new ones PENDING, or EXPIRED when the API gave no URL) in the caller's transaction. */
export async function recordFileRefs(tx: pg.PoolClient, sourceId: string, refs: FileRef[]): Promise<void> {
  const unique = dedupe(refs);
  if (!unique.length) return;
  await tx.query(
    `INSERT INTO "SourceFile" (id, "sourceId", kind, name, "userId", "conversationId", status, "createdAtSource", "rawJson", sha256)
     SELECT u.id, $1, u.kind::"FileKind", u.name, u."userId", u."conversationId",
            (CASE WHEN u.url THEN 'PENDING' ELSE 'EXPIRED' END)::"FileStatus", u."createdAt", u.raw, u.sha
     FROM unnest($2::text[], $3::text[], $4::text[], $5::text[], $6::text[], $7::boolean[], $8::timestamptz[], $9::jsonb[], $10::text[])
          AS u(id, kind, name, "userId", "conversationId", url, "createdAt", raw, sha)
     ON CONFLICT (id) DO UPDATE SET
       name = COALESCE(EXCLUDED.name, "SourceFile".name),
       "lastSeenAt" = now(),
       "rawJson" = CASE WHEN "SourceFile".sha256 = EXCLUDED.sha256 THEN "SourceFile"."rawJson" ELSE EXCLUDED."rawJson" END,
       sha256 = EXCLUDED.sha256`,
    [
      sourceId,
      unique.map((r) => r.id),
      unique.map((r) => r.kind),
      unique.map((r) => text(r.name)),
      unique.map((r) => r.userId),
      unique.map((r) => r.conversationId),
      unique.map((r) => r.downloadUrl !== null),
      unique.map((r) => iso(r.createdAt)),
      unique.map((r) => json(r.raw)),
      unique.map((r) => hashFileRef(r.raw)),
    ],
  );
}

function dedupe(refs: FileRef[]): FileRef[] {
  const byId = new Map<string, FileRef>();
  for (const r of refs) if (!byId.has(r.id)) byId.set(r.id, r);
  return [...byId.values()];
}
