// The shared search contract suite (search-contract.ts) run against the Meilisearch engine, on a real
// Meilisearch 1.21.0 started for this file (one server, a fresh index per setup). Where the pinned binary
// cannot run, setup returns null and the suite reports itself skipped, loudly.
import { afterAll } from "vitest";
import { MeilisearchEngine } from "@/lib/search/engines/meilisearch";
import { MeilisearchUnavailable, startMeilisearch, type MeilisearchServer } from "@/lib/search/meilisearch-server";
import { defineSearchContract } from "./search-contract";

let server: Promise<MeilisearchServer | null> | null = null;
let indexes = 0;

function getServer(): Promise<MeilisearchServer | null> {
  server ??= startMeilisearch().catch((err: unknown) => {
    if (!(err instanceof MeilisearchUnavailable)) throw err;
    console.warn(`\n!! SKIPPING the search contract suite on Meilisearch: ${err.message}\n`);
    return null;
  });
  return server;
}

afterAll(async () => {
  await (await server)?.stop();
});

defineSearchContract("meilisearch", async () => {
  const s = await getServer();
  if (!s) return null;
  const engine = new MeilisearchEngine({ host: s.url, apiKey: s.masterKey, indexUid: `contract_${process.pid}_${++indexes}` });
  await engine.ensureReady();
  return {
    engine,
    async cleanup() {
      await engine.clear();
      await engine.close();
    },
  };
});
