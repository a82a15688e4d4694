// Which search engine this process uses: Meilisearch when MEILI_HOST is set, otherwise the built-in
// PostgreSQL full-text engine. One instance per process.
import pg from "pg";
import { getEnv } from "@/lib/env";
import { MeilisearchEngine } from "@/lib/search/engines/meilisearch";
import { PostgresSearchEngine } from "@/lib/search/engines/postgres";
import type { SearchEngine, SearchEngineName } from "@/lib/search/types";

const globalForSearch = globalThis as unknown as { custodianSearchEngine?: Promise<SearchEngine> };

export function configuredEngineName(): SearchEngineName {
  return getEnv().MEILI_HOST ? "meilisearch" : "postgres";
}

export function createSearchEngine(): SearchEngine {
  const env = getEnv();
  if (env.MEILI_HOST) return new MeilisearchEngine({ host: env.MEILI_HOST, apiKey: env.MEILI_API_KEY, indexUid: env.MEILI_INDEX });
  if (!env.DATABASE_URL) throw new Error("DATABASE_URL is not set");
  const pool = new pg.Pool({ connectionString: env.DATABASE_URL, max: 4 });
  pool.on("error", (err) => console.error("[search] idle client error:", err.message));
  return new PostgresSearchEngine(pool, { ownsPool: true });
}

/** The process's engine, ready (ensureReady() done once). */
export function getSearchEngine(): Promise<SearchEngine> {
  if (!globalForSearch.custodianSearchEngine) {
    const engine = createSearchEngine();
    globalForSearch.custodianSearchEngine = engine.ensureReady().then(
      () => engine,
      (err: unknown) => {
        globalForSearch.custodianSearchEngine = undefined;
        void engine.close().catch(() => undefined);
        throw err;
      },
    );
  }
  return globalForSearch.custodianSearchEngine;
}

export async function closeSearchEngine(): Promise<void> {
  const pending = globalForSearch.custodianSearchEngine;
  globalForSearch.custodianSearchEngine = undefined;
  if (pending) await (await pending.catch(() => null))?.close();
}
