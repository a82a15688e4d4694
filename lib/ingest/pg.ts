// The ingest write path talks to PostgreSQL through `pg` directly: bulk statements over unnest() arrays
// (one round trip per table per page) are what keep capture near COPY speed. Prisma serves everything else.
import { isUtf8 } from "node:buffer";
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
  // Pages are megabytes: only run the replace when the escape is there at all. A run of backslashes
  // before "u0000" is an escape only when it is odd (an even run is escaped backslashes, then text).
  return s.includes("\\u0000") ? s.replace(/\\+u0000/g, (m) => ((m.length - 5) % 2 === 1 ? `${m.slice(0, -6)}\\ufffd` : m)) : s;
}

/** Text for a text column, with U+0000 replaced (see json()). */
export function text(v: string | null | undefined): string | null {
  return v == null ? null : v.includes("\u0000") ? v.replaceAll("\u0000", "\ufffd") : v;
}

const NUL_ESCAPE = Buffer.from("\\u0000");

/**
 * A JSON document's bytes as a binary jsonb parameter (format version 1, then the text), so a page goes
 * to the server as it came, without being decoded and encoded again here. As in json(), a `\u0000` escape
 * becomes `\ufffd` (same length; an escaped backslash followed by "u0000" is left alone), and bytes that
 * are not UTF-8 are decoded with replacement characters, as a string would have been.
 */
export function jsonbParam(body: Buffer): Buffer {
  const bytes = isUtf8(body) ? body : Buffer.from(body.toString("utf8"));
  const out = Buffer.allocUnsafe(bytes.length + 1);
  out[0] = 1;
  bytes.copy(out, 1);
  for (let i = out.indexOf(NUL_ESCAPE, 1); i !== -1; i = out.indexOf(NUL_ESCAPE, i + NUL_ESCAPE.length)) {
    let backslashes = 0;
    for (let j = i - 1; j >= 1 && out[j] === 0x5c; j--) backslashes++;
    if (backslashes % 2 === 0) out.write("\\ufffd", i, "latin1");
  }
  return out;
}
