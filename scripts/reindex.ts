// `npm run reindex [-- --clear]`: rebuilds the search index from the archive in this process, printing
// progress. --clear empties the index first (otherwise search keeps answering while it runs, and
// documents nothing produces any more are removed at the end).
import { getDb } from "@/lib/db";
import { closeIngestPool } from "@/lib/ingest/pg";
import { closeSearchEngine, configuredEngineName, getSearchEngine } from "@/lib/search/engine";
import { activeReindexRun, createReindexRun, runReindex } from "@/lib/search/indexer";

async function main() {
  const active = await activeReindexRun();
  if (active) {
    console.error(`A reindex is already ${active.status.toLowerCase()} (run ${active.id}); wait for it or let it expire.`);
    process.exit(1);
  }
  const engine = await getSearchEngine();
  if (process.argv.includes("--clear")) {
    await engine.clear();
    console.log(`Cleared the ${engine.name} index.`);
  }
  const runId = await createReindexRun(configuredEngineName(), null);
  const started = Date.now();
  let lastPrint = 0;
  const result = await runReindex(engine, runId, {
    onProgress: ({ total, done }) => {
      if (Date.now() - lastPrint < 1000) return;
      lastPrint = Date.now();
      process.stdout.write(`\r${done.toLocaleString("en-US")} / ${total.toLocaleString("en-US")} documents (${total ? Math.floor((100 * done) / total) : 100}%)`);
    },
  });
  const seconds = (Date.now() - started) / 1000;
  console.log(
    `\nReindexed ${result.done.toLocaleString("en-US")} document(s) into ${engine.name} in ${seconds.toFixed(1)} s; removed ${result.removed} stale document(s).`,
  );
  await closeSearchEngine();
  await closeIngestPool();
  await getDb().$disconnect();
  process.exit(0);
}

main().catch((err) => {
  console.error(err instanceof Error ? err.message : err);
  process.exit(1);
});
