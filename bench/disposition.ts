// `npm run bench:disposition` — disposition of a million messages (a benchmark, not a test). Target: the
// run disposes 1,000,000 messages (50,000 conversations × 20), 10% of them held, in ≤ 60 s end to end.
//
// Data: generated inside PostgreSQL (INSERT … SELECT generate_series: the bulk path, no round trips) into a
// throwaway database migrated from the files, with every index of the real schema in place: conversations
// 400 days old with one ConversationVersion each, 20 messages each (~300 bytes of text and raw JSON, a
// SHA-256), 2% of messages with an earlier MessageVersion, 1% linked to a SourceFile; every 10th
// conversation (10% of messages) listed by an ACTIVE legal hold. One enabled policy (conversations, this
// source, 365 days) makes every conversation expired.
//
// Timed: the disposition run end to end exactly as the job runs it — planning (the dry-run counts),
// keyset batches with hold re-checks under lock, tombstones, IndexOutbox DELETE rows, cascaded deletes,
// the tombstone digest and the certificate. Then verification (recomputing the digest), separately.
// Baseline, measured in the same process on the same data reloaded: one plain
// `DELETE FROM "Conversation" WHERE <not held>` (the same cascades, no tombstones, no outbox, no batches).
// Printed: seconds, messages/s, the ratio run/baseline, and whether the target holds.
//
// Uses DATABASE_URL's server when set (its own database, dropped at the end), else an embedded PostgreSQL.
// Options: --messages N (1,000,000)  --per-conversation N (20)  --held-every N (10)  --batch N (1000
//          conversations per batch)  --keep (do not drop the database)
import os from "node:os";
import path from "node:path";
import { mkdtempSync } from "node:fs";
import { performance } from "node:perf_hooks";
import { parseArgs } from "node:util";
import pg from "pg";
import { getEnv, setProcessEnv } from "@/lib/env";
import { startEmbeddedPostgres } from "@/lib/db/embedded-postgres";
import { createTestDatabase, dropTestDatabase } from "../scripts/test-database";
import { fmt, log, secs } from "./search/format";

const TARGET_S = 60;

function readOptions() {
  const { values } = parseArgs({
    options: {
      messages: { type: "string", default: "1000000" },
      "per-conversation": { type: "string", default: "20" },
      "held-every": { type: "string", default: "10" },
      batch: { type: "string", default: "1000" },
      keep: { type: "boolean", default: false },
    },
    strict: true,
  });
  const int = (name: string, v: string, min: number) => {
    const n = Number(v.replace(/[_,]/g, ""));
    if (!Number.isInteger(n) || n < min) throw new Error(`--${name} expects an integer ≥ ${min}, got ${v}`);
    return n;
  };
  const perConversation = int("per-conversation", values["per-conversation"], 1);
  const messages = int("messages", values.messages, perConversation);
  return { messages, perConversation, conversations: Math.floor(messages / perConversation), heldEvery: int("held-every", values["held-every"], 2), batch: int("batch", values.batch, 1), keep: values.keep };
}
type Options = ReturnType<typeof readOptions>;

const SOURCE = "bench-disposition-src";

/** Generates the archive in SQL; returns the number of messages. */
async function load(pool: pg.Pool, o: Options): Promise<number> {
  const q = (sql: string, params: unknown[] = []) => pool.query(sql, params);
  await q(
    `INSERT INTO "Conversation" (id, "sourceId", "userId", title, "createdAtSource", "lastActiveAt", "messageCount", "rawJson", sha256, "firstSeenAt", "lastSeenAt")
     SELECT 'conv-' || lpad(i::text, 8, '0'), $1, 'user-' || (i % 500), 'Conversation about topic ' || i,
       now() - interval '420 days', now() - interval '400 days' - (i % 1000) * interval '1 minute', $2,
       jsonb_build_object('id', 'conv-' || i, 'title', 'Conversation about topic ' || i), encode(sha256(('c' || i)::bytea), 'hex'),
       now() - interval '400 days', now()
     FROM generate_series(1, $3::int) i`,
    [SOURCE, o.perConversation, o.conversations],
  );
  await q(
    `INSERT INTO "ConversationVersion" (id, "conversationId", version, title, "messageCount", sha256, "rawJson", "capturedAt")
     SELECT 'cv-' || id, id, 1, title, "messageCount", sha256, '{}', now() - interval '400 days' FROM "Conversation" WHERE "sourceId" = $1`,
    [SOURCE],
  );
  // One statement per 100,000 messages keeps each transaction's memory modest.
  const chunk = Math.max(1, Math.floor(100_000 / o.perConversation));
  for (let from = 1; from <= o.conversations; from += chunk) {
    const to = Math.min(o.conversations, from + chunk - 1);
    await q(
      `INSERT INTO "Message" (id, "conversationId", "sourceId", "parentId", "authorRole", "contentType", text, "createdAtSource", depth, "isActiveBranch", "hasFiles", "rawJson", sha256, "firstSeenAt")
       SELECT 'msg-' || lpad(c::text, 8, '0') || '-' || lpad(n::text, 3, '0'), 'conv-' || lpad(c::text, 8, '0'), $1,
         CASE WHEN n > 1 THEN 'msg-' || lpad(c::text, 8, '0') || '-' || lpad((n - 1)::text, 3, '0') END,
         CASE WHEN n % 2 = 1 THEN 'user' ELSE 'assistant' END, 'text',
         'Message ' || n || ' of conversation ' || c || ': quarterly revenue forecast, pipeline review and the hiring plan for the platform team ' || md5(c::text || n::text),
         now() - interval '400 days' + n * interval '1 second', n - 1, true, (c + n) % 100 = 0,
         jsonb_build_object('id', 'msg-' || c || '-' || n, 'author', jsonb_build_object('role', 'user'), 'content', jsonb_build_object('parts', jsonb_build_array(md5(n::text)))),
         encode(sha256(('m' || c || '-' || n)::bytea), 'hex'), now() - interval '400 days'
       FROM generate_series($2::int, $3::int) c, generate_series(1, $4::int) n`,
      [SOURCE, from, to, o.perConversation],
    );
  }
  await q(
    `INSERT INTO "MessageVersion" (id, "messageId", version, text, "rawJson", sha256, "capturedAt")
     SELECT 'mv-' || id, id, 1, 'earlier text', '{}', sha256, now() - interval '401 days' FROM "Message" WHERE "sourceId" = $1 AND right(id, 2) = '07'`,
    [SOURCE],
  );
  await q(
    `INSERT INTO "SourceFile" (id, "sourceId", kind, name, "userId", status, "rawJson", sha256, "firstSeenAt")
     SELECT 'file-' || id, $1, 'CONVERSATION', 'attachment.pdf', NULL, 'PENDING', '{}', sha256, now() - interval '400 days' FROM "Message" WHERE "sourceId" = $1 AND "hasFiles"`,
    [SOURCE],
  );
  await q(`INSERT INTO "MessageFile" ("messageId", "fileId") SELECT id, 'file-' || id FROM "Message" WHERE "sourceId" = $1 AND "hasFiles"`, [SOURCE]);
  await q(`INSERT INTO "LegalHold" (id, name, status, scope, "createdById", "updatedAt", "activatedAt") VALUES ('bench-hold', 'Bench matter', 'ACTIVE', '{}', 'bench', now(), now()) ON CONFLICT DO NOTHING`);
  await q(
    `INSERT INTO "HeldItem" ("holdId", "itemType", "itemId", "heldBy") SELECT 'bench-hold', 'CONVERSATION', 'conv-' || lpad(i::text, 8, '0'), 'EXPLICIT'
     FROM generate_series(1, $1::int) i WHERE i % $2 = 0`,
    [o.conversations, o.heldEvery],
  );
  await q(`VACUUM ANALYZE`);
  const { rows } = await q(`SELECT count(*)::int AS n FROM "Message" WHERE "sourceId" = $1`, [SOURCE]);
  return rows[0].n;
}

async function wipe(pool: pg.Pool): Promise<void> {
  await pool.query(`TRUNCATE "Conversation", "ConversationVersion", "Message", "MessageVersion", "MessageFile", "SourceFile", "HeldItem", "LegalHold", "IndexOutbox" CASCADE`);
}

async function withServer<T>(fn: (serverUrl: string, label: string) => Promise<T>): Promise<T> {
  const configured = getEnv().DATABASE_URL;
  if (configured) return fn(configured, "DATABASE_URL's server");
  const embedded = await startEmbeddedPostgres({ dataDir: path.join(os.tmpdir(), `custodian-bench-disposition-pg-${process.getuid?.() ?? 0}`) });
  try {
    return await fn(embedded.url, "embedded PostgreSQL");
  } finally {
    await embedded.stop();
  }
}

async function main() {
  const o = readOptions();
  await withServer(async (serverUrl, label) => {
    const dbUrl = await createTestDatabase(serverUrl, "custodian_bench_disposition");
    setProcessEnv({ DATABASE_URL: dbUrl, DATA_DIR: mkdtempSync(path.join(os.tmpdir(), "custodian-bench-disposition-")) });
    const pool = new pg.Pool({ connectionString: dbUrl, max: 2 });
    try {
      log(`[bench] disposition: ${fmt(o.conversations)} conversations × ${o.perConversation} messages, every ${o.heldEvery}th conversation held (${label})`);
      let t = performance.now();
      const messages = await load(pool, o);
      log(`[bench] loaded ${fmt(messages)} messages in ${secs(performance.now() - t)}`);

      // Imported only now: these modules read DATABASE_URL when first used.
      const { getDb } = await import("@/lib/db");
      const { createPolicy } = await import("@/lib/governance/retention");
      const { dryRun } = await import("@/lib/governance/retention-dry-run");
      const { executeDispositionRun, requestDispositionRun } = await import("@/lib/governance/disposition");
      const { verifyDispositionRun } = await import("@/lib/governance/disposition-certificate");
      const { LocalBlobStore } = await import("@/lib/storage/blob-store");
      const { closeIngestPool } = await import("@/lib/ingest/pg");

      const officer = await getDb().user.create({ data: { email: `bench-${process.pid}@example.test`, name: "Bench officer", role: "OFFICER" } });
      const actor = { id: officer.id, email: officer.email, name: officer.name, role: "OFFICER" as const };
      await createPolicy({ name: "Bench: one year", itemTypes: ["CONVERSATION"], sourceId: SOURCE, custodianIds: [], periodDays: 365, dateBasis: "SOURCE_CREATED", versionsKept: null, enabled: true }, actor);

      t = performance.now();
      const dry = await dryRun({ samples: 10 });
      const dryMs = performance.now() - t;
      log(`[bench] dry run: ${fmt(dry.counts.conversations)} conversations / ${fmt(dry.counts.messages)} messages due, ${fmt(dry.heldSkipped.messages)} messages held, in ${secs(dryMs)}`);

      const { run } = await requestDispositionRun({ trigger: "MANUAL", requestedById: officer.id });
      let batches = 0;
      t = performance.now();
      const result = await executeDispositionRun(run.id, {
        batchSize: { CONVERSATION: o.batch },
        blobStore: new LocalBlobStore(path.join(getEnv().DATA_DIR, "blobs")),
        onBatch: () => {
          batches++;
          if (batches % 10 === 0) log(`[bench]   ${batches} batches, ${secs(performance.now() - t)}`);
        },
      });
      const runMs = performance.now() - t;
      const done = (await getDb().dispositionRun.findUnique({ where: { id: run.id } }))!;
      const { rows: left } = await pool.query(`SELECT count(*)::int AS n FROM "Message" WHERE "sourceId" = $1`, [SOURCE]);
      const { rows: outbox } = await pool.query(`SELECT count(*)::int AS n FROM "IndexOutbox" WHERE "processedAt" IS NULL AND op = 'DELETE'`);
      t = performance.now();
      const verify = await verifyDispositionRun(run.id);
      const verifyMs = performance.now() - t;
      log(
        `[bench] run: ${result.status}, disposed ${fmt(result.counts.conversations)} conversations / ${fmt(result.counts.messages)} messages, ` +
          `held-and-skipped ${fmt(result.heldSkipped.conversations)} / ${fmt(result.heldSkipped.messages)}, ${fmt(done.disposedCount)} tombstones, ` +
          `${fmt(outbox[0].n)} index DELETE rows, ${fmt(left[0].n)} messages left, ${batches} batches`,
      );
      log(`[bench] verify: digest ${verify.ok ? "verifies" : `FAILS (${verify.problems.join("; ")})`} in ${secs(verifyMs)}`);
      if (result.counts.messages !== dry.counts.messages) log(`[bench] WARNING: run disposed ${result.counts.messages} messages, dry run said ${dry.counts.messages}`);
      await closeIngestPool();
      await getDb().$disconnect();

      // Baseline: the same data, one plain DELETE of the same conversations (cascading the same rows).
      await wipe(pool);
      t = performance.now();
      await load(pool, o);
      log(`[bench] reloaded in ${secs(performance.now() - t)}`);
      t = performance.now();
      const del = await pool.query(
        `DELETE FROM "Conversation" c WHERE c."sourceId" = $1 AND c.id NOT IN (SELECT "itemId" FROM "HeldItem" WHERE "itemType" = 'CONVERSATION')`,
        [SOURCE],
      );
      const baseMs = performance.now() - t;
      log(`[bench] baseline plain DELETE: ${fmt(del.rowCount ?? 0)} conversations (and their messages) in ${secs(baseMs)}`);

      const runS = runMs / 1000;
      console.log("");
      console.log(`Disposition of ${fmt(result.counts.messages)} messages (${fmt(result.counts.conversations)} conversations; ${fmt(result.heldSkipped.messages)} held and skipped)`);
      console.log(`  run end to end:      ${fmt(runS, 1)} s  (${fmt(result.counts.messages / runS)} messages/s)  — target ≤ ${TARGET_S} s: ${runS <= TARGET_S ? "MET" : "MISSED"}`);
      console.log(`  dry run (planning):  ${fmt(dryMs / 1000, 1)} s`);
      console.log(`  digest verification: ${fmt(verifyMs / 1000, 1)} s`);
      console.log(`  baseline (one plain DELETE of the same rows): ${fmt(baseMs / 1000, 1)} s  → ratio run/baseline ${fmt(runMs / baseMs, 2)}×`);
    } finally {
      await pool.end();
      if (!o.keep) await dropTestDatabase(serverUrl, dbUrl).catch((err: unknown) => log(`could not drop ${dbUrl}: ${String(err)}`));
    }
  });
}

main().then(
  () => process.exit(0),
  (err: unknown) => {
    console.error(err);
    process.exit(1);
  },
);
