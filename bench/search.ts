// `npm run bench:search` — search latency and index build time on a million-message corpus (a benchmark,
// not a test). Prints, per engine: index build (and bulk load) times, then p50/p95/p99/max latency and mean
// hits per query class over 200 realistic queries, and whether the target holds: PostgreSQL p95 ≤ 50 ms on
// the "two-filters" class (words or a phrase plus two of user:/role:/after:/before:/gpt:/type:).
//
// Corpus: SearchDocuments generated straight from the simulator's seeded generator (bench/search/dataset.ts),
// streamed, never all in memory. Queries: drawn from that corpus' own vocabulary, phrases and custodians
// (bench/search/queries.ts), parsed by the real parser, run once each, sequentially, with facets (first
// page, as the UI asks) and limit 25, after a warm-up on other queries.
//
// PostgreSQL: "loaded in bulk" (bench/search/postgres-bulk.ts) = secondary indexes and primary key dropped,
// documents COPYed in chunks into UNLOGGED staging tables and moved into "SearchDocument" by the engine's
// own INSERT … SELECT (captured from engine.upsert(), so searchVector is computed exactly as the engine
// does; checked row for row against engine.upsert() afterwards), pipelined with generation; then every
// index recreated from its definition as migrated, then VACUUM ANALYZE. The engine's upsert() throughput
// is measured on 20,000 more documents into the loaded table and reported as a ratio to the bulk path.
// Slow searches can be EXPLAIN ANALYZEd with the exact SQL and parameters the engine ran (recorded).
// Meilisearch: engine.upsert() in large batches, two in flight; build time = until every task succeeded;
// a raw-HTTP probe shows the transport floor under its latencies.
//
// Uses DATABASE_URL's server when set (its own throwaway database, dropped at the end), else an embedded
// PostgreSQL in its own data directory; MEILI_HOST when set (its own throwaway index), else a Meilisearch
// 1.21 started from the npm package (skipped, and said so, where unavailable).
//
// Options: --messages N (1,000,000)  --engines postgres,meilisearch  --queries 200  --seed 2026
//          --meili-messages N (index fewer messages into Meilisearch; printed loudly)  --warmup 20
//          --upsert-sample 20000  --explain N (EXPLAIN ANALYZE the N slowest two-filter searches; default 3
//          when the target is missed)  --json (full results as JSON on stdout: bench/results is not ignored)
import os from "node:os";
import path from "node:path";
import { performance } from "node:perf_hooks";
import { parseArgs } from "node:util";
import pg from "pg";
import { Meilisearch } from "meilisearch";
import { getEnv } from "@/lib/env";
import { startEmbeddedPostgres } from "@/lib/db/embedded-postgres";
import { createTestDatabase, dropTestDatabase } from "../scripts/test-database";
import { startMeilisearch, MeilisearchUnavailable, MEILISEARCH_VERSION } from "@/lib/search/meilisearch-server";
import type { SearchDocument, SearchEngine, SearchEngineName } from "@/lib/search/types";
import { createCorpus, extraDocuments, generateDocuments, type BenchCorpus, type GenerateStats } from "./search/dataset";
import { buildQueries, QUERY_CLASSES, QuerySampler, type BenchQuery, type QueryClass } from "./search/queries";
import { fmt, log, mb, percentile, secs } from "./search/format";
import { bulkLoad, captureEngineInsert, checkBulkMatchesUpsert } from "./search/postgres-bulk";
import { SqlRecorder, type RecordedStatement } from "./search/sql-recorder";

const TARGET_CLASS: QueryClass = "two-filters";
const TARGET_P95_MS = 50;
const LIMIT = 25;
const GENERATE_BATCH = 5_000;
const MEILI_BATCH = 20_000;
const UPSERT_BATCH = 1_000; // what a reindex uses (lib/search/indexer.ts)

// -- options ---------------------------------------------------------------------------------------------

function readOptions() {
  const { values } = parseArgs({
    options: {
      messages: { type: "string", default: "1000000" },
      engines: { type: "string", default: "postgres,meilisearch" },
      queries: { type: "string", default: "200" },
      seed: { type: "string", default: "2026" },
      "meili-messages": { type: "string" },
      warmup: { type: "string", default: "20" },
      "upsert-sample": { type: "string", default: "20000" },
      explain: { type: "string" },
      json: { type: "boolean", default: false },
    },
    strict: true,
  });
  const int = (name: string, v: string | undefined, min: number) => {
    const n = Number(String(v).replace(/[_,]/g, ""));
    if (!Number.isInteger(n) || n < min) throw new Error(`--${name} expects an integer ≥ ${min}, got ${v}`);
    return n;
  };
  const engines = values.engines.split(",").map((e) => e.trim()).filter(Boolean);
  for (const e of engines) if (e !== "postgres" && e !== "meilisearch") throw new Error(`--engines: unknown engine ${e} (postgres, meilisearch)`);
  const messages = int("messages", values.messages, 1_000);
  return {
    messages,
    engines: engines as SearchEngineName[],
    queries: int("queries", values.queries, 10),
    seed: int("seed", values.seed, 0),
    meiliMessages: Math.min(messages, values["meili-messages"] === undefined ? messages : int("meili-messages", values["meili-messages"], 1_000)),
    warmup: int("warmup", values.warmup, 0),
    upsertSample: int("upsert-sample", values["upsert-sample"], 0),
    explain: values.explain === undefined ? null : int("explain", values.explain, 0),
    json: values.json,
  };
}
type Options = ReturnType<typeof readOptions>;

// -- formatting ------------------------------------------------------------------------------------------

function table(rows: string[][], rightAligned: Set<number>): string {
  const widths = rows[0].map((_, i) => Math.max(...rows.map((r) => r[i].length)));
  return rows.map((r) => r.map((c, i) => (rightAligned.has(i) ? c.padStart(widths[i]) : c.padEnd(widths[i]))).join("  ").trimEnd()).join("\n");
}

// -- results ---------------------------------------------------------------------------------------------

interface QueryRun {
  class: QueryClass;
  query: string;
  ms: number;
  total: number;
  totalIsExact: boolean;
  error?: string;
  /** PostgreSQL: each statement the search ran, slowest first (text shortened in the JSON). */
  statements?: { ms: number; sql: string }[];
}

interface EngineResult {
  engine: SearchEngineName;
  documents: number;
  messages: number;
  build: Record<string, number | string>;
  buildLines: string[];
  runs: QueryRun[];
  skipped?: string;
  explains?: { query: string; ms: number; statementMs: number; sql: string; plan: string }[];
}

// -- PostgreSQL ------------------------------------------------------------------------------------------

async function withPostgresServer<T>(fn: (serverUrl: string, label: string) => Promise<T>): Promise<T> {
  const configured = getEnv().DATABASE_URL;
  if (configured) return fn(configured, "DATABASE_URL's server");
  // Its own cluster directory: bench:ingest (or a test run) may be using theirs right now.
  const embedded = await startEmbeddedPostgres({ dataDir: path.join(os.tmpdir(), `custodian-bench-search-pg-${process.getuid?.() ?? 0}`) });
  try {
    return await fn(embedded.url, "embedded PostgreSQL");
  } finally {
    await embedded.stop();
  }
}

type QuerySet = { queries: BenchQuery[]; warmup: BenchQuery[] };

async function runPostgres(corpus: BenchCorpus, opts: Options, getQueries: () => QuerySet, sampler: QuerySampler | null): Promise<{ result: EngineResult; context: string }> {
  return withPostgresServer(async (serverUrl, label) => {
    const result: EngineResult = { engine: "postgres", documents: 0, messages: 0, build: {}, buildLines: [], runs: [] };
    // Loaded here, so a broken engine module costs only its own half of the benchmark.
    const { PostgresSearchEngine } = await import("@/lib/search/engines/postgres");
    const dbUrl = await createTestDatabase(serverUrl, "custodian_bench_search");
    const pool = new pg.Pool({ connectionString: dbUrl, max: 4 });
    pool.on("error", (err) => log(`[bench] idle client error: ${err.message}`));
    const recorder = new SqlRecorder();
    const engine = new PostgresSearchEngine(recorder.wrap(pool), { ownsPool: false });
    let context = label;
    try {
      const { rows } = await pool.query<{ v: string; sb: string; wm: string }>(`SELECT current_setting('server_version') AS v, current_setting('shared_buffers') AS sb, current_setting('work_mem') AS wm`);
      context = `PostgreSQL ${rows[0].v} (${label}; shared_buffers ${rows[0].sb}, work_mem ${rows[0].wm})`;
      await engine.ensureReady();
      log(`postgres: bulk loading ${fmt(opts.messages)} messages into ${new URL(dbUrl).pathname.slice(1)} …`);
      const engineInsert = await captureEngineInsert(engine, recorder, extraDocuments(corpus)[0]);
      const bulk = await bulkLoad(pool, engineInsert, corpus, opts.messages, { batchSize: GENERATE_BATCH, observe: sampler ? (d) => sampler.observe(d) : undefined });
      const totalMs = bulk.loadMs + bulk.indexMs + bulk.vacuumAnalyzeMs;
      const bulkRate = bulk.documents / (totalMs / 1000);
      result.documents = bulk.documents;
      result.messages = bulk.messages;
      Object.assign(result.build, {
        loadMs: bulk.loadMs,
        generateMs: bulk.generateMs,
        insertMs: bulk.insertMs,
        indexMs: bulk.indexMs,
        vacuumAnalyzeMs: bulk.vacuumAnalyzeMs,
        totalMs,
        bulkDocsPerSecond: bulkRate,
        tableBytes: bulk.tableBytes,
        indexBytes: bulk.indexBytes,
      });
      for (const ix of bulk.indexes) result.build[`index:${ix.name}`] = ix.ms;
      const slowest = [...bulk.indexes].sort((a, b) => b.ms - a.ms);
      result.buildLines.push(
        `bulk load:   ${fmt(bulk.documents)} documents (${fmt(bulk.messages)} messages, ${fmt(bulk.files)} files, ${fmt(bulk.documents - bulk.messages - bulk.files)} GPT configs + memories)`,
        `             COPY into staging + the engine's own INSERT … SELECT, pipelined in chunks: ${secs(bulk.loadMs)} = ${fmt(bulk.documents / (bulk.loadMs / 1000))} docs/s` +
          ` (overlapped: Node generating ${secs(bulk.generateMs)}, INSERT … SELECT ${secs(bulk.insertMs)})`,
        `index build: ${secs(bulk.indexMs)} for ${bulk.indexes.length} indexes incl. primary key (${slowest.slice(0, 4).map((x) => `${x.name.replace(/^SearchDocument_/, "")} ${secs(x.ms)}`).join(", ")}, …)`,
        `             then VACUUM ANALYZE ${secs(bulk.vacuumAnalyzeMs)}; total ${secs(totalMs)} = ${fmt(bulkRate)} docs/s; table ${mb(bulk.tableBytes)}, indexes ${mb(bulk.indexBytes)}`,
      );
      for (const line of result.buildLines) log(`  ${line}`);

      // The bulk rows must be exactly what the engine writes: same searchVector, same columns.
      const probe: SearchDocument[] = [];
      for (const batch of generateDocuments(corpus, { messages: 300, batchSize: 300 })) probe.push(...batch);
      const mismatch = await checkBulkMatchesUpsert(pool, engine, probe.concat(extraDocuments(corpus).slice(0, 50)));
      if (mismatch) {
        result.buildLines.push(`!! BULK LOAD DOES NOT MATCH engine.upsert(): ${mismatch}`);
        log(`!! ${mismatch}`);
      } else result.buildLines.push(`check:       350 bulk-loaded rows are identical to what engine.upsert() writes for them`);
      await pool.query(`VACUUM (ANALYZE) "SearchDocument"`);

      const { queries, warmup } = getQueries();
      result.runs = await runQueries(engine, "postgres", queries, warmup, recorder);
      await explainSlowest(pool, result, opts);

      if (opts.upsertSample > 0) {
        log(`postgres: engine.upsert() of ${fmt(opts.upsertSample)} more messages in batches of ${fmt(UPSERT_BATCH)} …`);
        let n = 0;
        const t = performance.now();
        for (const batch of generateDocuments(corpus, { skip: opts.messages, messages: opts.upsertSample, batchSize: UPSERT_BATCH, files: false })) {
          await engine.upsert(batch);
          n += batch.length;
        }
        const ms = performance.now() - t;
        const rate = n / (ms / 1000);
        const copyOnly = bulk.documents / (bulk.loadMs / 1000);
        Object.assign(result.build, { upsertDocs: n, upsertMs: ms, upsertDocsPerSecond: rate, upsertVsBulk: rate / bulkRate });
        result.buildLines.push(
          `upsert():    ${fmt(n)} more documents into the loaded table (all indexes live), batches of ${fmt(UPSERT_BATCH)}: ${secs(ms)} = ${fmt(rate)} docs/s` +
            ` = ${fmt(rate / bulkRate, 2)}× the bulk path incl. index build (${fmt(rate / copyOnly, 2)}× the load step alone)`,
        );
      }
    } finally {
      await engine.close().catch(() => undefined);
      await pool.end().catch(() => undefined);
      await dropTestDatabase(serverUrl, dbUrl).catch((err: unknown) => log(`could not drop ${dbUrl}: ${String(err)}`));
    }
    return { result, context };
  });
}

/** The statements a PostgreSQL search ran (kept off the JSON output). */
function recorded(run: QueryRun): RecordedStatement[] {
  return (run as QueryRun & { recorded?: RecordedStatement[] }).recorded ?? [];
}

/** EXPLAIN (ANALYZE, BUFFERS) of the slowest statement of the slowest target-class searches. */
async function explainSlowest(pool: pg.Pool, result: EngineResult, opts: Options): Promise<void> {
  const target = result.runs.filter((r) => r.class === TARGET_CLASS && !r.error);
  const p95 = percentile(target.map((r) => r.ms).sort((a, b) => a - b), 0.95);
  const count = opts.explain ?? (p95 > TARGET_P95_MS ? 3 : 0);
  if (!count) return;
  result.explains = [];
  const slowest = [...target].sort((a, b) => b.ms - a.ms).slice(0, count);
  for (const run of slowest) {
    const worst = recorded(run)
      .filter((x) => /^\s*(SELECT|WITH)/i.test(x.text))
      .sort((a, b) => b.ms - a.ms)[0];
    if (!worst) continue;
    // In the same transaction settings the engine searches with (jit off, its trigram threshold).
    const settings = recorded(run).find((x) => /^\s*BEGIN READ ONLY/i.test(x.text))?.text ?? "BEGIN READ ONLY";
    const client = await pool.connect();
    try {
      await client.query(settings);
      const { rows } = await client.query<{ "QUERY PLAN": string }>(`EXPLAIN (ANALYZE, BUFFERS) ${worst.text}`, worst.values);
      result.explains.push({ query: run.query, ms: run.ms, statementMs: worst.ms, sql: worst.text, plan: rows.map((r) => r["QUERY PLAN"]).join("\n") });
    } finally {
      await client.query("ROLLBACK").catch(() => undefined);
      client.release();
    }
  }
}

// -- Meilisearch -----------------------------------------------------------------------------------------

async function runMeilisearch(corpus: BenchCorpus, opts: Options, getQueries: () => QuerySet, sampler: QuerySampler | null): Promise<{ result: EngineResult; context: string }> {
  const result: EngineResult = { engine: "meilisearch", documents: 0, messages: 0, build: {}, buildLines: [], runs: [] };
  const { MeilisearchEngine } = await import("@/lib/search/engines/meilisearch");
  const env = getEnv();
  let host: string;
  let apiKey: string | undefined;
  let stop: (() => Promise<void>) | null = null;
  let context: string;
  if (env.MEILI_HOST) {
    host = env.MEILI_HOST;
    apiKey = env.MEILI_API_KEY;
    context = `Meilisearch at MEILI_HOST`;
  } else {
    try {
      const server = await startMeilisearch();
      host = server.url;
      apiKey = server.masterKey;
      stop = server.stop;
      context = `Meilisearch ${MEILISEARCH_VERSION} (npm package, local)`;
    } catch (err) {
      if (!(err instanceof MeilisearchUnavailable)) throw err;
      result.skipped = err.message;
      return { result, context: `Meilisearch skipped: ${err.message}` };
    }
  }
  const indexUid = `custodian_bench_search_${Date.now().toString(36)}`;
  const engine = new MeilisearchEngine({ host, apiKey, indexUid, taskTimeoutMs: 60 * 60_000, requestTimeoutMs: 120_000 });
  try {
    const client = new Meilisearch({ host, apiKey });
    context += `, version ${(await client.getVersion()).pkgVersion}`;
    await engine.ensureReady();
    if (opts.meiliMessages < opts.messages) {
      const line = `!! MEILISEARCH INDEXES ONLY ${fmt(opts.meiliMessages)} OF THE ${fmt(opts.messages)} MESSAGES (--meili-messages): its figures are for a smaller index`;
      result.buildLines.push(line);
      log(line);
    }
    log(`meilisearch: indexing ${fmt(opts.meiliMessages)} messages in batches of ${fmt(MEILI_BATCH)} …`);
    const stats: GenerateStats = { messages: 0, files: 0, conversations: 0, generateMs: 0 };
    let documents = 0;
    const inFlight: Promise<void>[] = [];
    let nextReport = 50_000;
    const started = performance.now();
    const send = async (docs: SearchDocument[]) => {
      // Two batches in flight: Meilisearch works on one while the next is generated and sent.
      while (inFlight.length >= 2) await inFlight.shift();
      inFlight.push(engine.upsert(docs));
      documents += docs.length;
    };
    await send(extraDocuments(corpus));
    for (const batch of generateDocuments(corpus, { messages: opts.meiliMessages, batchSize: MEILI_BATCH }, stats)) {
      if (sampler) for (const d of batch) sampler.observe(d);
      await send(batch);
      if (stats.messages >= nextReport) {
        const el = performance.now() - started;
        log(`  meilisearch: ${fmt(stats.messages)} / ${fmt(opts.meiliMessages)} messages sent, ${secs(el)} (ETA ${secs((el / stats.messages) * (opts.meiliMessages - stats.messages))})`);
        nextReport += 50_000;
      }
    }
    await Promise.all(inFlight);
    const buildMs = performance.now() - started;
    result.documents = documents;
    result.messages = stats.messages;
    const count = await engine.count();
    const { databaseSize, usedDatabaseSize } = await client.getStats();
    Object.assign(result.build, { buildMs, generateMs: stats.generateMs, docsPerSecond: documents / (buildMs / 1000), databaseBytes: databaseSize, usedDatabaseBytes: usedDatabaseSize, count });
    result.buildLines.push(
      `index build: ${fmt(documents)} documents (${fmt(stats.messages)} messages) via engine.upsert() in batches of ${fmt(MEILI_BATCH)}, until every task succeeded: ${secs(buildMs)} = ${fmt(documents / (buildMs / 1000))} docs/s` +
        ` (generation ${secs(stats.generateMs)}, overlapped); database ${mb(usedDatabaseSize)} used (${mb(databaseSize)} on disk); count() = ${fmt(count)}`,
    );
    for (const line of result.buildLines) log(`  ${line}`);

    const { queries, warmup } = getQueries();
    result.runs = await runQueries(engine, "meilisearch", queries, warmup, null);
    const transport = await measureMeiliTransport(host, apiKey, indexUid);
    Object.assign(result.build, { transportSmallMs: transport.small, transportLargeMs: transport.large, transportLargeBytes: transport.bytes });
    result.buildLines.push(
      `transport:   a raw search answered with ${fmt(transport.bytes / 1024)} KB (25 full hits) takes ${fmt(transport.large, 1)} ms, with a few hundred bytes ${fmt(transport.small, 1)} ms (medians):` +
        (transport.large - transport.small > 30 ? " ~40 ms of every latency below is TCP (Nagle × delayed ACK on loopback), not search work" : " no transport floor"),
    );

    if (opts.upsertSample > 0) {
      // Each small batch is a full Meilisearch indexing task (~20 s at 1M documents on 2 cores): a smaller sample.
      const n = Math.min(opts.upsertSample, 5_000);
      log(`meilisearch: engine.upsert() of ${fmt(n)} more messages in batches of ${fmt(UPSERT_BATCH)} …`);
      const t = performance.now();
      let done = 0;
      for (const batch of generateDocuments(corpus, { skip: opts.meiliMessages, messages: n, batchSize: UPSERT_BATCH, files: false })) {
        await engine.upsert(batch);
        done += batch.length;
      }
      const ms = performance.now() - t;
      const rate = done / (ms / 1000);
      Object.assign(result.build, { upsertDocs: done, upsertMs: ms, upsertDocsPerSecond: rate });
      result.buildLines.push(`upsert():    ${fmt(done)} documents into the built index, batches of ${fmt(UPSERT_BATCH)}, one at a time: ${secs(ms)} = ${fmt(rate)} docs/s (${fmt(rate / (documents / (buildMs / 1000)), 2)}× the large-batch build)`);
    }
    await client.deleteIndex(indexUid).waitTask({ timeout: 600_000 }).catch(() => undefined);
  } finally {
    await engine.close().catch(() => undefined);
    if (stop) await stop();
  }
  return { result, context };
}

/**
 * Median wall time of a raw search whose response is tiny vs one of 25 full documents. Responses over a
 * few KB from Meilisearch wait ~40 ms on loopback (Nagle on the server × delayed ACK on the client), which
 * sets a floor under every engine latency; this makes the floor visible next to the figures.
 */
async function measureMeiliTransport(host: string, apiKey: string | undefined, indexUid: string): Promise<{ small: number; large: number; bytes: number }> {
  const url = new URL(`indexes/${indexUid}/search`, host.endsWith("/") ? host : `${host}/`);
  const headers = { "content-type": "application/json", ...(apiKey ? { authorization: `Bearer ${apiKey}` } : {}) };
  const time = async (body: object) => {
    const times: number[] = [];
    let bytes = 0;
    for (let i = 0; i < 11; i++) {
      const t = performance.now();
      const res = await fetch(url, { method: "POST", headers, body: JSON.stringify(body) });
      bytes = (await res.text()).length;
      times.push(performance.now() - t);
    }
    return { ms: percentile(times.sort((a, b) => a - b), 0.5), bytes };
  };
  const small = await time({ q: "", limit: 1, attributesToRetrieve: ["id"] });
  const large = await time({ q: "", limit: 25 });
  return { small: small.ms, large: large.ms, bytes: large.bytes };
}

// -- queries ---------------------------------------------------------------------------------------------

async function runQueries(engine: SearchEngine, name: SearchEngineName, queries: BenchQuery[], warmup: BenchQuery[], recorder: SqlRecorder | null): Promise<QueryRun[]> {
  const request = (q: BenchQuery) => ({
    query: q.parsed,
    // Browsing with filters only is newest-first, as the UI does; anything with words ranks by relevance.
    sort: q.class === "filters-only" ? ("newest" as const) : ("relevance" as const),
    limit: LIMIT,
    facets: true,
  });
  log(`${name}: warm-up (${warmup.length} other queries) …`);
  for (const q of warmup) await engine.search(request(q)).catch(() => undefined);
  log(`${name}: ${queries.length} queries …`);
  const runs: QueryRun[] = [];
  for (const q of queries) {
    recorder?.start();
    const t = performance.now();
    let run: QueryRun & { recorded?: RecordedStatement[] };
    try {
      const r = await engine.search(request(q));
      run = { class: q.class, query: q.text, ms: performance.now() - t, total: r.total, totalIsExact: r.totalIsExact };
    } catch (err) {
      const cause = err instanceof Error && err.cause instanceof Error ? ` (${err.cause.message})` : "";
      run = { class: q.class, query: q.text, ms: performance.now() - t, total: 0, totalIsExact: false, error: `${err instanceof Error ? err.message : String(err)}${cause}` };
    }
    const recorded = recorder?.stop();
    if (recorded) {
      Object.defineProperty(run, "recorded", { value: recorded, enumerable: false });
      run.statements = [...recorded]
        .filter((x) => !/^\s*(BEGIN|COMMIT|ROLLBACK)\b/i.test(x.text))
        .sort((a, b) => b.ms - a.ms)
        .map((s) => ({ ms: Math.round(s.ms * 10) / 10, sql: s.text.replace(/\s+/g, " ").slice(0, 200) }));
    }
    runs.push(run);
  }
  return runs;
}

function summarize(runs: QueryRun[]) {
  const ok = runs.filter((r) => !r.error);
  const ms = ok.map((r) => r.ms).sort((a, b) => a - b);
  return {
    n: runs.length,
    errors: runs.length - ok.length,
    p50: percentile(ms, 0.5),
    p95: percentile(ms, 0.95),
    p99: percentile(ms, 0.99),
    max: ms[ms.length - 1] ?? NaN,
    meanHits: ok.reduce((s, r) => s + r.total, 0) / Math.max(1, ok.length),
    /** Share of searches whose total was exact rather than estimated. */
    exactShare: ok.filter((r) => r.totalIsExact).length / Math.max(1, ok.length),
  };
}

// -- main ------------------------------------------------------------------------------------------------

async function main() {
  const opts = readOptions();
  const started = performance.now();
  const cpus = os.cpus();
  const load = os.loadavg()[0];
  const corpus = createCorpus(opts.seed, opts.messages);
  const contexts: string[] = [];
  log(`search benchmark: ${fmt(opts.messages)} messages, ${opts.queries} queries, seed ${opts.seed}, engines ${opts.engines.join(", ")}`);

  // Queries come from the first corpus pass (whichever engine loads first), the same for both engines.
  const sampler = new QuerySampler(corpus.seed, opts.messages);
  let built: QuerySet | null = null;
  const getQueries = () => {
    built ??= { queries: buildQueries(sampler.pools(), corpus.seed, opts.queries), warmup: buildQueries(sampler.pools(), corpus.seed, opts.warmup || 1, "bench-warmup").slice(0, opts.warmup) };
    return built;
  };

  const results: EngineResult[] = [];
  for (const name of opts.engines) {
    const first = built === null ? sampler : null;
    try {
      const { result, context } = name === "postgres" ? await runPostgres(corpus, opts, getQueries, first) : await runMeilisearch(corpus, opts, getQueries, first);
      results.push(result);
      contexts.push(context);
    } catch (err) {
      // One engine failing must not cost the other engine's figures.
      log(`${name} failed: ${err instanceof Error ? (err.stack ?? err.message) : String(err)}`);
      results.push({ engine: name, documents: 0, messages: 0, build: {}, buildLines: [], runs: [], skipped: `FAILED: ${err instanceof Error ? err.message : String(err)}` });
    }
  }

  // -- report --
  const out: string[] = [];
  const loadEnd = os.loadavg()[0];
  out.push(`Search benchmark — ${fmt(opts.messages)} messages (seed ${opts.seed}, ${corpus.workspace.users.length} custodians), ${opts.queries} queries, limit ${LIMIT}, facets on, each query once, sequential, after ${opts.warmup} warm-up queries`);
  out.push(`machine: ${cpus.length} × ${cpus[0]?.model.trim() ?? "?"}, ${fmt(os.totalmem() / 2 ** 30)} GB RAM, Node ${process.versions.node}; load average ${fmt(load, 1)} at start, ${fmt(loadEnd, 1)} at end${load > 0.8 || loadEnd > 1.3 ? " (other work was running: timings are noisy)" : ""}`);
  for (const c of contexts) out.push(`         ${c}`);
  out.push("");
  for (const r of results) {
    out.push(`${r.engine}${r.skipped ? `: SKIPPED — ${r.skipped}` : ""}`);
    for (const line of r.buildLines) out.push(`  ${line}`);
  }
  out.push("");
  const rows: string[][] = [["engine", "class", "n", "p50 ms", "p95 ms", "p99 ms", "max ms", "mean hits", "exact totals", "errors"]];
  for (const r of results) {
    if (r.skipped) continue;
    for (const cls of [...QUERY_CLASSES, "all" as const]) {
      const runs = cls === "all" ? r.runs : r.runs.filter((x) => x.class === cls);
      if (!runs.length) continue;
      const s = summarize(runs);
      rows.push([r.engine, cls === TARGET_CLASS ? `${cls} *` : cls, String(s.n), fmt(s.p50, 1), fmt(s.p95, 1), fmt(s.p99, 1), fmt(s.max, 1), fmt(s.meanHits), `${fmt(s.exactShare * 100)}%`, s.errors ? String(s.errors) : ""]);
    }
  }
  out.push(table(rows, new Set([2, 3, 4, 5, 6, 7, 8, 9])));
  const pgResult = results.find((r) => r.engine === "postgres" && !r.skipped);
  let targetMet: boolean | null = null;
  if (pgResult) {
    const s = summarize(pgResult.runs.filter((r) => r.class === TARGET_CLASS));
    targetMet = s.errors === 0 && s.p95 <= TARGET_P95_MS;
    out.push("");
    out.push(`* target: PostgreSQL p95 on "${TARGET_CLASS}" (words/phrase + two of user:/role:/after:/before:/gpt:/type:) = ${fmt(s.p95, 1)} ms ≤ ${TARGET_P95_MS} ms: ${targetMet ? "MET" : "MISSED"}${opts.messages < 1_000_000 ? ` (on ${fmt(opts.messages)} messages, not 1,000,000)` : ""}`);
  }
  for (const r of results) {
    const errors = r.runs.filter((x) => x.error);
    for (const e of errors.slice(0, 5)) out.push(`  ${r.engine} error on ${JSON.stringify(e.query)}: ${e.error}`);
  }
  for (const r of results) {
    if (r.skipped || !r.runs.length) continue;
    out.push("");
    out.push(`${r.engine}: slowest queries`);
    for (const q of [...r.runs].sort((a, b) => b.ms - a.ms).slice(0, 8)) {
      const parts = q.statements?.slice(0, 3).map((s) => `${fmt(s.ms, 1)} ms ${s.sql.slice(0, 70)}`) ?? [];
      out.push(`  ${fmt(q.ms, 1).padStart(8)} ms  ${q.class.padEnd(13)} ${q.error ? "    error" : fmt(q.total).padStart(9)} hits  ${q.query}`);
      for (const p of parts) out.push(`              ${p}`);
    }
  }
  for (const r of results) {
    for (const e of r.explains ?? []) {
      out.push("");
      out.push(`EXPLAIN (ANALYZE, BUFFERS) — ${JSON.stringify(e.query)}: search ${fmt(e.ms, 1)} ms, its slowest statement ${fmt(e.statementMs, 1)} ms:`);
      out.push(e.sql.trim());
      out.push(e.plan);
    }
  }
  out.push("");
  out.push(`wall time ${secs(performance.now() - started)}`);
  console.log(out.join("\n"));

  if (opts.json) {
    console.log("\n--- JSON ---");
    console.log(
      JSON.stringify(
        {
          startedAt: new Date(Date.now() - (performance.now() - started)).toISOString(),
          options: opts,
          machine: { cpus: cpus.length, model: cpus[0]?.model, totalMemBytes: os.totalmem(), node: process.versions.node, loadAverageStart: load, loadAverageEnd: loadEnd, contexts },
          target: { class: TARGET_CLASS, p95Ms: TARGET_P95_MS, met: targetMet },
          engines: results.map((r) => ({
            ...r,
            summary: Object.fromEntries([...QUERY_CLASSES, "all"].map((cls) => [cls, summarize(cls === "all" ? r.runs : r.runs.filter((x) => x.class === cls))])),
          })),
        },
        null,
        2,
      ),
    );
  }
}

main().then(
  () => process.exit(0),
  (err: unknown) => {
    console.error(err);
    process.exit(1);
  },
);
