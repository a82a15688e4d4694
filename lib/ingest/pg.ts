// The ingest write path talks to PostgreSQL through `pg` directly: bulk statements over unnest() arrays
// (one round trip per table per page) are what keep capture near COPY speed. Prisma serves everything else.
import pg from "pg";
import { getEnv } from "@/lib/env";

const globalForPool = globalThis as unknown as { custodianIngestPool?: pg.Pool };

export function getIngestPool(): pg.Pool {
  if (!globalForPool.custodianIngestPool) {
    const url = getEnv().DATABASE_URL;
    if (!url) throw new Error("DATABASE_URL is not set");
    globalForPool.custodianIngestPool = new pg.Pool({ connectionString: url, max: 4 });
    globalForPool.custodianIngestPool.on("error", (err) => console.error("[ingest] idle client error:", err.message));
  }
  return globalForPool.custodianIngestPool;
}

export async function closeIngestPool(): Promise<void> {
  const pool = globalForPool.custodianIngestPool;
  globalForPool.custodianIngestPool = undefined;
  await pool?.end();
}

/**
 * Runs `fn` in a transaction. Capture pages commit asynchronously (no wait for the WAL flush): losing the
 * last pages in a database crash is harmless because nothing depends on them until a later checkpoint
 * write, whose synchronous commit flushes all WAL before it (and a lost page is simply captured again).
 */
export async function inTransaction<T>(fn: (client: pg.PoolClient) => Promise<T>): Promise<T> {
  const client = await getIngestPool().connect();
  try {
    await client.query("BEGIN; SET LOCAL synchronous_commit = off");
    const result = await fn(client);
    await client.query("COMMIT");
    return result;
  } catch (err) {
    await client.query("ROLLBACK").catch(() => undefined);
    throw err;
  } finally {
    client.release();
  }
}

/** Dates as ISO strings for `::timestamptz[]` parameters (pg sends JS Dates in local time otherwise). */
export function iso(d: Date | null | undefined): string | null {
  return d ? d.toISOString() : null;
}

/**
 * JSON for a jsonb parameter. PostgreSQL cannot store U+0000 in text or jsonb, so that one code point is
 * replaced by U+FFFD; the SHA-256 of the record is computed before this and still covers the original.
 */
export function json(v: unknown): string | null {
  if (v === undefined || v === null) return null;
  const s = JSON.stringify(v);
  // Pages are megabytes: only run the (lookbehind) replace when the escape is there at all.
  return s.includes("\\u0000") ? s.replace(/(?<!\\)\\u0000/g, "\\ufffd") : s;
}

/** Text for a text column, with U+0000 replaced (see json()). */
export function text(v: string | null | undefined): string | null {
  return v == null ? null : v.includes("\u0000") ? v.replaceAll("\u0000", "\ufffd") : v;
}
