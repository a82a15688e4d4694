// `npm run bench:ingest` — capture throughput on a simulator workspace of 200,000+ messages. Prints:
//  (a) end-to-end messages/s: a real sync (its own process, over HTTP from the simulator, unpaced) into
//      committed rows, timed from the run's start to its end;
//  (b) the write stage alone (parsed records → committed rows, our batched upserts) against raw COPY of
//      exactly the rows it produced into the same tables of an empty database, measured in the same run,
//      as a ratio (target ≥ 0.5× COPY);
//  (c) peak RSS of the sync process (target ≤ 300 MB).
// The simulator runs in this process and shares the machine's cores with the sync and the database. It
// stands in for an API serving stored data, so by default its content (plans, text, file bytes, the JSON
// of file-less conversations) is generated before the clock starts (Workspace.pregenerate(), tested to
// serve the same bytes); `-- --on-demand` generates it while serving instead. The CPU time each party
// used during (a) is printed too. `-- --sync-only` runs (a) and (c) alone.
// Uses DATABASE_URL's server when set (creating and dropping its own databases), else an embedded one.
import { spawn } from "node:child_process";
import os from "node:os";
import path from "node:path";
import { performance } from "node:perf_hooks";
import pg from "pg";
import { from as copyFrom, to as copyTo } from "pg-copy-streams";
import { pipeline } from "node:stream/promises";
import { Readable, Writable } from "node:stream";
import { getEnv, setProcessEnv } from "@/lib/env";
import { startEmbeddedPostgres } from "@/lib/db/embedded-postgres";
import { createTestDatabase, dropTestDatabase } from "../scripts/test-database";
import { launchSimulator } from "@/lib/simulator/launch";
import { conversationSchema } from "@/lib/compliance-api/schemas";
import { writeConversationPage } from "@/lib/ingest/streams/conversations";
import { prepareConversation } from "@/lib/ingest/conversation-page";
import { closeIngestPool, inTransaction } from "@/lib/ingest/pg";
import { WORKER_NODE_FLAGS, workerProcessEnv } from "@/lib/runtime/node-flags";

const ROOT = path.resolve(__dirname, "..");
const PAGE = 500;
const TABLES = ["Conversation", "ConversationVersion", "Message", "SourceFile", "MessageFile", "IndexOutbox"];

function fmt(n: number, digits = 0) {
  return n.toLocaleString("en-US", { maximumFractionDigits: digits, minimumFractionDigits: digits });
}

async function runSyncProcess(databaseUrl: string, sourceId: string): Promise<{ output: string; code: number | null }> {
  // Started exactly as the worker is (same flags and environment), so (c) is the production figure.
  const child = spawn(process.execPath, [...WORKER_NODE_FLAGS, path.join(ROOT, "scripts/sync.ts"), sourceId], {
    cwd: ROOT,
    env: { ...workerProcessEnv(process.env), DATABASE_URL: databaseUrl, DATA_DIR: path.join(os.tmpdir(), `custodian-bench-${process.pid}`) },
    stdio: ["ignore", "pipe", "inherit"],
  });
  let output = "";
  child.stdout.on("data", (d) => (output += d));
  const code = await new Promise<number | null>((r) => child.once("exit", r));
  return { output, code };
}

async function copyTables(fromUrl: string, toUrl: string): Promise<{ ms: number; rows: number; bytes: number }> {
  const src = new pg.Client({ connectionString: fromUrl });
  const dst = new pg.Client({ connectionString: toUrl });
  await src.connect();
  await dst.connect();
  const dumps: { table: string; chunks: Buffer[]; rows: number }[] = [];
  let bytes = 0;
  for (const table of TABLES) {
    const chunks: Buffer[] = [];
    await pipeline(
      src.query(copyTo(`COPY "${table}" TO STDOUT`)),
      new Writable({
        write(chunk: Buffer, _enc, cb) {
          chunks.push(chunk);
          bytes += chunk.length;
          cb();
        },
      }),
    );
    const { rows } = await src.query<{ n: string }>(`SELECT count(*) AS n FROM "${table}"`);
    dumps.push({ table, chunks, rows: Number(rows[0].n) });
  }
  const start = performance.now();
  await dst.query("BEGIN");
  for (const d of dumps) await pipeline(Readable.from(d.chunks), dst.query(copyFrom(`COPY "${d.table}" FROM STDIN`)));
  await dst.query("COMMIT");
  const ms = performance.now() - start;
  await src.end();
  await dst.end();
  return { ms, rows: dumps.reduce((n, d) => n + d.rows, 0), bytes };
}

async function main() {
  let serverUrl = getEnv().DATABASE_URL;
  let stopDb: (() => Promise<void>) | null = null;
  if (!serverUrl) {
    const embedded = await startEmbeddedPostgres({ dataDir: path.join(os.tmpdir(), `custodian-bench-pg-${process.getuid?.() ?? 0}`) });
    serverUrl = embedded.url;
    stopDb = embedded.stop;
  }
  setProcessEnv({ ENCRYPTION_KEYS: getEnv().ENCRYPTION_KEYS ?? "bench:AAECAwQFBgcICQoLDA0ODxAREhMUFRYXGBkaGxwdHh8=" });
  const server = serverUrl;
  const dbs: string[] = [];
  const sim = await launchSimulator({ seed: 2026, size: "large", rateLimits: null });
  const messages = sim.simulator.workspace.liveMessageCount();
  const conversations = sim.simulator.workspace.liveConversationCount();
  console.log(`workspace: ${fmt(conversations)} conversations, ${fmt(messages)} messages (simulator seed 2026, preset "large")`);
  const onDemand = process.argv.includes("--on-demand");
  if (onDemand) console.log("simulator: generating content on demand, while serving");
  else {
    const started = performance.now();
    const kept = sim.simulator.workspace.pregenerate();
    console.log(
      `simulator: content pregenerated in ${fmt((performance.now() - started) / 1000, 1)} s, before timing (${fmt(kept.conversations)} conversations, ${fmt(kept.files)} files of ${fmt(kept.fileBytes / 1e6)} MB)`,
    );
  }

  try {
    // (a) + (c): a real sync in its own process.
    const dbA = await createTestDatabase(server, "custodian_bench_sync");
    dbs.push(dbA);
    setProcessEnv({ DATABASE_URL: dbA });
    const { createSource, createAuthorization } = await import("@/lib/sources/sources");
    const source = await createSource({ name: "bench", workspaceId: sim.workspaceId, apiBaseUrl: sim.apiBaseUrl }, null, {}, { unpaced: true });
    await createAuthorization(source.id, sim.apiKey, null);
    const { getDb } = await import("@/lib/db");
    await getDb().$disconnect();
    const simulatorCpu = process.cpuUsage();
    const sync = await runSyncProcess(dbA, source.id);
    const simulatorUsage = process.cpuUsage(simulatorCpu);
    const simulatorSeconds = (simulatorUsage.user + simulatorUsage.system) / 1e6;
    if (sync.code !== 0) throw new Error(`sync failed:\n${sync.output}`);
    const check = new pg.Client({ connectionString: dbA });
    await check.connect();
    const { rows: runRows } = await check.query<{ seconds: number; requests: number }>(
      `SELECT extract(epoch FROM "finishedAt" - "startedAt")::float AS seconds, "requestCount" AS requests FROM "SyncRun" ORDER BY "queuedAt" DESC LIMIT 1`,
    );
    const { rows: counted } = await check.query<{ n: string }>(`SELECT count(*) AS n FROM "Message"`);
    await check.end();
    const syncSeconds = runRows[0].seconds;
    const stored = Number(counted[0].n);
    const peakRss = Number(sync.output.match(/peak RSS ([\d.]+) MB/)?.[1] ?? NaN);
    const syncSecondsCpu = Number(sync.output.match(/CPU ([\d.]+) s/)?.[1] ?? NaN);
    const e2e = stored / syncSeconds;
    const printSync = () => {
      console.log(`(a) end-to-end sync:   ${fmt(stored)} messages in ${fmt(syncSeconds, 1)} s = ${fmt(e2e)} messages/s (${fmt(runRows[0].requests)} HTTP requests; target ≥ 10,000/s)`);
      console.log(`    CPU during (a):     sync process ${fmt(syncSecondsCpu, 1)} s, simulator ${fmt(simulatorSeconds, 1)} s (${onDemand ? "generating on demand" : "pregenerated"}); ${os.cpus().length} cores`);
      if (stored !== messages) console.log(`!! stored ${stored} messages, expected ${messages}`);
    };
    if (process.argv.includes("--sync-only")) {
      printSync();
      console.log(`(c) peak RSS of the sync process: ${fmt(peakRss, 1)} MB (target ≤ 300 MB); (b) skipped (--sync-only)`);
      return;
    }

    // (b) the write stage alone, then COPY of the very same rows.
    const dbB = await createTestDatabase(server, "custodian_bench_write");
    const dbC = await createTestDatabase(server, "custodian_bench_copy");
    dbs.push(dbB, dbC);
    setProcessEnv({ DATABASE_URL: dbB });
    let writeMs = 0;
    let written = 0;
    let batch: unknown[] = [];
    // Pages as the API sends them (bytes), parsed as the client parses them; only the write is timed.
    const flush = async () => {
      const body = Buffer.from(JSON.stringify({ object: "list", data: batch, has_more: false, last_id: null }));
      const raws = (JSON.parse(body.toString("utf8")) as { data: Record<string, unknown>[] }).data;
      const convs = raws.map((raw, i) => prepareConversation(i, raw, conversationSchema.parse(raw)));
      const start = performance.now();
      const stats = await inTransaction((tx) => writeConversationPage(tx, source.id, { body, convs }));
      writeMs += performance.now() - start;
      written += stats.messagesWritten;
      batch = [];
    };
    for (const payload of sim.simulator.workspace.iterateConversations()) {
      batch.push(payload);
      if (batch.length === PAGE) await flush();
    }
    if (batch.length) await flush();
    await closeIngestPool();
    const copy = await copyTables(dbB, dbC);

    const writeRate = written / (writeMs / 1000);
    const copyRate = written / (copy.ms / 1000);
    console.log("");
    printSync();
    console.log(`(b) write stage alone: ${fmt(written)} messages in ${fmt(writeMs / 1000, 2)} s = ${fmt(writeRate)} messages/s`);
    console.log(`    raw COPY baseline:  same ${fmt(copy.rows)} rows (${fmt(copy.bytes / 1e6, 1)} MB, ${TABLES.length} tables) in ${fmt(copy.ms / 1000, 2)} s = ${fmt(copyRate)} messages/s`);
    console.log(`    ratio:              write stage = ${fmt(writeRate / copyRate, 2)}× COPY (target ≥ 0.5×); end-to-end = ${fmt(e2e / copyRate, 2)}× COPY`);
    console.log(`(c) peak RSS of the sync process: ${fmt(peakRss, 1)} MB (target ≤ 300 MB)`);
  } finally {
    await sim.simulator.close();
    for (const url of dbs) await dropTestDatabase(server, url).catch(() => undefined);
    if (stopDb) await stopDb();
  }
  process.exit(0);
}

main().catch((err) => {
  console.error(err);
  process.exit(1);
});
