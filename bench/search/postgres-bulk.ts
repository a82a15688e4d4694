// The fastest sensible path from generated SearchDocuments into the PostgreSQL engine's table, for the
// benchmark. It reuses the engine's own upsert statement, captured as the engine runs it, so the stored
// row (searchVector above all) can never drift from what engine.upsert() writes:
// - the table's secondary indexes and primary key are dropped;
// - documents are COPYed, 50,000 at a time, into UNLOGGED staging tables shaped like the engine's upsert
//   record (jsonb_to_recordset … AS j(<columns>)), and each staging table is moved into the table by the
//   engine's INSERT … SELECT with its source replaced by the staging table (and no ON CONFLICT, there is
//   no key yet) — on a second connection, while the next chunk is generated and copied;
// - every index is recreated from its own definition as migrated (read from the catalog before dropping
//   it), the primary key first, then the table is VACUUM ANALYZEd.
// checkBulkMatchesUpsert() then proves rows equal what engine.upsert() writes for the same documents.
import { Readable } from "node:stream";
import { pipeline } from "node:stream/promises";
import { performance } from "node:perf_hooks";
import type pg from "pg";
import { from as copyFrom } from "pg-copy-streams";
import type { SearchDocument, SearchEngine } from "@/lib/search/types";
import { copyRow, parseRecordColumns, type RecordColumn } from "./copy";
import { extraDocuments, generateDocuments, type BenchCorpus, type GenerateStats } from "./dataset";
import { fmt, log, secs } from "./format";
import type { SqlRecorder } from "./sql-recorder";

const CHUNK_DOCUMENTS = 50_000;

export interface EngineInsert {
  /** Columns (and types) of the engine's upsert record: the staging tables' shape. */
  columns: RecordColumn[];
  definition: string;
  /** The engine's INSERT … SELECT reading from `source` (aliased j) instead of its JSON parameter. */
  insertFrom(source: string): string;
}

/** Runs engine.upsert() on one document and takes its INSERT statement apart. */
export async function captureEngineInsert(engine: SearchEngine, recorder: SqlRecorder, probe: SearchDocument): Promise<EngineInsert> {
  recorder.start();
  let statements;
  try {
    await engine.upsert([probe]);
  } finally {
    statements = recorder.stop();
  }
  const insert = statements.find((s) => /^\s*INSERT\s+INTO\s+"SearchDocument"/i.test(s.text));
  const m = insert && /FROM\s+jsonb_to_recordset\(\$1::jsonb\)\s+AS\s+j\(([^()]*)\)\s*(ON\s+CONFLICT[\s\S]*)?$/i.exec(insert.text);
  if (!insert || !m) {
    throw new Error(
      `the bulk load reuses engine.upsert()'s INSERT … SELECT … FROM jsonb_to_recordset($1::jsonb) AS j(…), but it ran:\n${statements.map((s) => s.text).join("\n---\n")}`,
    );
  }
  const head = insert.text.slice(0, m.index);
  if (/\$\d/.test(head)) throw new Error(`engine.upsert()'s statement takes parameters besides the documents:\n${insert.text}`);
  const columns = parseRecordColumns(m[1]);
  return { columns, definition: m[1], insertFrom: (source) => `${head}FROM ${source} AS j` };
}

export interface BulkLoadResult {
  documents: number;
  messages: number;
  files: number;
  /** Generate + COPY into staging + the engine's INSERT … SELECT, pipelined: wall time. */
  loadMs: number;
  /** Of which Node spent generating documents and COPY rows. */
  generateMs: number;
  /** Of which the database spent in the engine's INSERT … SELECT (tokenizing, building vectors). */
  insertMs: number;
  indexes: { name: string; ms: number }[];
  indexMs: number;
  vacuumAnalyzeMs: number;
  tableBytes: number;
  indexBytes: number;
}

export async function bulkLoad(
  pool: pg.Pool,
  engineInsert: EngineInsert,
  corpus: BenchCorpus,
  messages: number,
  options: { batchSize: number; observe?: (doc: SearchDocument) => void },
): Promise<BulkLoadResult> {
  const copier = await pool.connect();
  const inserter = await pool.connect();
  try {
    await copier.query(`TRUNCATE "SearchDocument"`);
    const { rows: indexes } = await copier.query<{ name: string; def: string; isPrimary: boolean }>(
      `SELECT c.relname AS name, pg_get_indexdef(i.indexrelid) AS def, i.indisprimary AS "isPrimary"
         FROM pg_index i JOIN pg_class c ON c.oid = i.indexrelid
        WHERE i.indrelid = '"SearchDocument"'::regclass ORDER BY c.relname`,
    );
    const { rows: pkRows } = await copier.query<{ name: string; def: string }>(
      `SELECT conname AS name, pg_get_constraintdef(oid) AS def FROM pg_constraint WHERE conrelid = '"SearchDocument"'::regclass AND contype = 'p'`,
    );
    const pk = pkRows[0];
    for (const ix of indexes) if (!ix.isPrimary) await copier.query(`DROP INDEX "${ix.name}"`);
    if (pk) await copier.query(`ALTER TABLE "SearchDocument" DROP CONSTRAINT "${pk.name}"`);

    const stats: GenerateStats = { messages: 0, files: 0, conversations: 0, generateMs: 0 };
    const columnList = engineInsert.columns.map((c) => `"${c.name}"`).join(", ");
    let documents = 0;
    let insertMs = 0;
    let chunk = 0;
    let pending: Promise<void> = Promise.resolve();
    let nextReport = 100_000;
    const started = performance.now();

    const load = async (rows: string[]) => {
      const stage = `bench_stage_${chunk++}`;
      await copier.query(`CREATE UNLOGGED TABLE ${stage} (${engineInsert.definition})`);
      await pipeline(Readable.from(rows), copier.query(copyFrom(`COPY ${stage} (${columnList}) FROM STDIN`)));
      await pending; // one INSERT … SELECT at a time, overlapping the next chunk's generation and COPY
      pending = (async () => {
        const t = performance.now();
        await inserter.query(engineInsert.insertFrom(stage));
        insertMs += performance.now() - t;
        await inserter.query(`DROP TABLE ${stage}`);
      })();
      pending.catch(() => undefined); // awaited below; avoid an unhandled rejection meanwhile
    };

    let rows: string[] = [];
    const add = (docs: SearchDocument[]) => {
      const t = performance.now();
      for (const d of docs) rows.push(copyRow(d, engineInsert.columns));
      stats.generateMs += performance.now() - t;
      documents += docs.length;
    };
    add(extraDocuments(corpus));
    for (const batch of generateDocuments(corpus, { messages, batchSize: options.batchSize }, stats)) {
      if (options.observe) {
        const t = performance.now();
        for (const d of batch) options.observe(d);
        stats.generateMs += performance.now() - t;
      }
      add(batch);
      if (rows.length >= CHUNK_DOCUMENTS) {
        await load(rows);
        rows = [];
      }
      if (stats.messages >= nextReport) {
        const el = performance.now() - started;
        log(`  postgres: ${fmt(stats.messages)} / ${fmt(messages)} messages loaded, ${secs(el)} (ETA ${secs((el / stats.messages) * (messages - stats.messages))})`);
        nextReport += 100_000;
      }
    }
    if (rows.length) await load(rows);
    await pending;
    const loadMs = performance.now() - started;

    // The primary key first, then every other index, each timed. A bulk rebuild may use more memory than
    // the default 64 MB, as a reindex job could.
    await copier.query(`SET maintenance_work_mem = '256MB'`);
    const built: { name: string; ms: number }[] = [];
    const buildStarted = performance.now();
    if (pk) {
      const t = performance.now();
      await copier.query(`ALTER TABLE "SearchDocument" ADD CONSTRAINT "${pk.name}" ${pk.def}`);
      built.push({ name: pk.name, ms: performance.now() - t });
    }
    for (const ix of indexes) {
      if (ix.isPrimary) continue;
      log(`  postgres: building ${ix.name} …`);
      const t = performance.now();
      await copier.query(ix.def);
      built.push({ name: ix.name, ms: performance.now() - t });
    }
    const indexMs = performance.now() - buildStarted;
    const t = performance.now();
    await copier.query(`VACUUM (ANALYZE) "SearchDocument"`);
    const vacuumAnalyzeMs = performance.now() - t;
    await copier.query(`RESET maintenance_work_mem`);
    const { rows: sizes } = await copier.query<{ table: string; indexes: string }>(
      `SELECT pg_table_size('"SearchDocument"') AS table, pg_indexes_size('"SearchDocument"') AS indexes`,
    );
    return {
      documents,
      messages: stats.messages,
      files: stats.files,
      loadMs,
      generateMs: stats.generateMs,
      insertMs,
      indexes: built,
      indexMs,
      vacuumAnalyzeMs,
      tableBytes: Number(sizes[0].table),
      indexBytes: Number(sizes[0].indexes),
    };
  } finally {
    copier.release();
    inserter.release();
  }
}

/** null when engine.upsert() rewrites the given bulk-loaded rows identically (indexedAt aside). */
export async function checkBulkMatchesUpsert(pool: pg.Pool, engine: SearchEngine, docs: SearchDocument[]): Promise<string | null> {
  const ids = docs.map((d) => d.id);
  const snapshot = async () => {
    const { rows } = await pool.query<{ id: string; row: string }>(
      `SELECT id, (to_jsonb(d) - 'indexedAt')::text AS row FROM "SearchDocument" d WHERE id = ANY($1::text[])`,
      [ids],
    );
    return new Map(rows.map((r) => [r.id, r.row]));
  };
  const before = await snapshot();
  if (before.size !== new Set(ids).size) return `only ${before.size} of ${ids.length} probe documents were bulk-loaded`;
  await engine.upsert(docs);
  const after = await snapshot();
  const differing = ids.filter((id) => before.get(id) !== after.get(id));
  if (!differing.length) return null;
  const id = differing[0];
  return `${differing.length} of ${ids.length} rows differ after engine.upsert(), e.g. ${id}:\n  bulk:   ${before.get(id)?.slice(0, 800)}\n  upsert: ${after.get(id)?.slice(0, 800)}`;
}
