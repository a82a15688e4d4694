// The search engine contract (search-contract.ts) on the built-in PostgreSQL engine, on the test run's
// own migrated database.
import pg from "pg";
import { PostgresSearchEngine } from "@/lib/search/engines/postgres";
import { defineSearchContract } from "./search-contract";

defineSearchContract("postgres", async () => {
  const url = process.env.DATABASE_URL;
  if (!url) return null;
  const pool = new pg.Pool({ connectionString: url, max: 4 });
  const engine = new PostgresSearchEngine(pool, { ownsPool: true });
  return {
    engine,
    cleanup: async () => {
      await engine.clear();
      await engine.close();
    },
  };
});
