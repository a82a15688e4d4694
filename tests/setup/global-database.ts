// One isolated PostgreSQL database per test run: on DATABASE_URL's server when set, otherwise on an
// embedded PostgreSQL kept in the OS temp dir. Migrated from prisma/migrations, dropped afterwards.
import os from "node:os";
import path from "node:path";
import type { TestProject } from "vitest/node";
import { createTestDatabase, dropTestDatabase } from "../../scripts/test-database";
import { startEmbeddedPostgres } from "../../lib/db/embedded-postgres";

declare module "vitest" {
  export interface ProvidedContext {
    databaseUrl: string;
    adminDatabaseUrl: string;
  }
}

export default async function setup(project: TestProject) {
  let adminUrl: string | undefined = process.env.DATABASE_URL;
  let stopEmbedded: (() => Promise<void>) | null = null;
  if (!adminUrl) {
    const pg = await startEmbeddedPostgres({ dataDir: path.join(os.tmpdir(), `custodian-test-${process.getuid?.() ?? 0}`) });
    adminUrl = pg.url;
    stopEmbedded = pg.stop;
  }
  const serverUrl: string = adminUrl;
  const url = await createTestDatabase(serverUrl, "custodian_test");
  project.provide("databaseUrl", url);
  project.provide("adminDatabaseUrl", serverUrl);
  return async () => {
    await dropTestDatabase(serverUrl, url);
    if (stopEmbedded) await stopEmbedded();
  };
}
