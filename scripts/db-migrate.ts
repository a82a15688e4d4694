// `npm run db:migrate`: applies prisma/migrations to DATABASE_URL, or — when it is unset — to the embedded
// PostgreSQL in DATA_DIR (started for the run, then stopped).
import { getEnv, resolveDataDir } from "../lib/env";
import { startEmbeddedPostgres, type EmbeddedPostgres } from "../lib/db/embedded-postgres";
import { migrate } from "../lib/db/migrate";

async function main(): Promise<number> {
  const env = getEnv();
  let embedded: EmbeddedPostgres | undefined;
  let url = env.DATABASE_URL;
  try {
    if (!url) {
      const dataDir = resolveDataDir(env);
      console.log(`DATABASE_URL is not set: using the embedded PostgreSQL in ${dataDir}`);
      embedded = await startEmbeddedPostgres({ dataDir });
      url = embedded.url;
    }
    const { applied } = await migrate(url, { log: (line) => console.log(line) });
    console.log(applied.length ? `Applied ${applied.length} migration(s).` : "Database is up to date.");
    return 0;
  } catch (err) {
    console.error(`db:migrate failed: ${err instanceof Error ? err.message : String(err)}`);
    return 1;
  } finally {
    await embedded?.stop().catch((err) => console.error(`Stopping the embedded PostgreSQL failed: ${String(err)}`));
  }
}

// Explicit exit: embedded-postgres' exit hook would otherwise swallow the exit code.
main().then((code) => process.exit(code));
