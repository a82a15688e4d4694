// Applies prisma/migrations/<timestamp>_<name>/migration.sql files in order, recording them in Prisma's own
// `_prisma_migrations` table (same columns, same sha256 checksums, same advisory lock key) so that
// `prisma migrate deploy/status` keep working wherever Prisma's native schema engine is available.
//
// Differences from `prisma migrate deploy`, on purpose: each migration runs in its own transaction (a
// failing migration leaves nothing behind and is not recorded, so the next run simply retries it), and a
// database that has applied migrations this checkout does not know is refused rather than warned about.
// Statements that cannot run inside a transaction (CREATE INDEX CONCURRENTLY, …) are therefore not allowed.
import crypto from "node:crypto";
import fs from "node:fs";
import path from "node:path";
import pg from "pg";

/** Prisma Migrate's advisory lock key: holding it also keeps `prisma migrate` out while we run. */
export const MIGRATION_LOCK_KEY = 72707369;

const MIGRATIONS_TABLE_DDL = `CREATE TABLE IF NOT EXISTS "_prisma_migrations" (
    "id"                    VARCHAR(36) PRIMARY KEY NOT NULL,
    "checksum"              VARCHAR(64) NOT NULL,
    "finished_at"           TIMESTAMPTZ,
    "migration_name"        VARCHAR(255) NOT NULL,
    "logs"                  TEXT,
    "rolled_back_at"        TIMESTAMPTZ,
    "started_at"            TIMESTAMPTZ NOT NULL DEFAULT now(),
    "applied_steps_count"   INTEGER NOT NULL DEFAULT 0
)`;

export interface LocalMigration {
  name: string;
  sql: string;
  checksum: string;
}

export interface MigrateOptions {
  /** Defaults to `<cwd>/prisma/migrations`. */
  migrationsDir?: string;
  /** Progress lines ("Applying …"); silent by default. */
  log?: (message: string) => void;
}

export class MigrationError extends Error {
  constructor(message: string) {
    super(message);
    this.name = "MigrationError";
  }
}

export function defaultMigrationsDir(): string {
  return path.join(process.cwd(), "prisma", "migrations");
}

/** sha256 hex of the script, exactly as Prisma's schema engine computes it. */
export function computeChecksum(script: string): string {
  return crypto.createHash("sha256").update(script, "utf8").digest("hex");
}

/** Prisma accepts a script whose line endings differ (git autocrlf) and pre-2.x non-zero-padded checksums. */
export function scriptMatchesChecksum(script: string, checksum: string): boolean {
  const variants = [script, script.replace(/\r\n/g, "\n"), script.replace(/\n/g, "\r\n")];
  return variants.some((variant) => {
    const digest = crypto.createHash("sha256").update(variant, "utf8").digest();
    const rendered =
      checksum.length !== 0 && checksum.length !== 64
        ? Array.from(digest, (b) => b.toString(16)).join("")
        : digest.toString("hex");
    return rendered === checksum;
  });
}

/** Reads `<dir>/<name>/migration.sql` for every migration directory, sorted by name (= timestamp). */
export function readMigrations(migrationsDir: string = defaultMigrationsDir()): LocalMigration[] {
  if (!fs.existsSync(migrationsDir)) throw new MigrationError(`Migrations directory not found: ${migrationsDir}`);
  return fs
    .readdirSync(migrationsDir, { withFileTypes: true })
    .filter((entry) => entry.isDirectory())
    .map((entry) => entry.name)
    .sort()
    .map((name) => {
      const file = path.join(migrationsDir, name, "migration.sql");
      if (!fs.existsSync(file)) throw new MigrationError(`Migration ${name} has no migration.sql (${file})`);
      const sql = fs.readFileSync(file, "utf8");
      return { name, sql, checksum: computeChecksum(sql) };
    });
}

interface MigrationRow {
  id: string;
  checksum: string;
  finished_at: Date | null;
  migration_name: string;
  logs: string | null;
  rolled_back_at: Date | null;
  started_at: Date;
}

/** Honours Prisma's `?schema=` URL parameter, which node-postgres does not know. */
function splitSchemaParam(databaseUrl: string): { connectionString: string; schema?: string } {
  let url: URL;
  try {
    url = new URL(databaseUrl);
  } catch {
    throw new MigrationError("DATABASE_URL is not a valid postgresql:// URL");
  }
  const schema = url.searchParams.get("schema") ?? undefined;
  url.searchParams.delete("schema");
  return { connectionString: url.toString(), schema };
}

function describePgError(err: unknown, sql: string): string {
  const e = err as { message?: string; position?: string; code?: string; detail?: string };
  let where = "";
  if (e.position) {
    const offset = Number(e.position) - 1;
    const line = sql.slice(0, offset).split("\n").length;
    where = ` (migration.sql line ${line})`;
  }
  const detail = e.detail ? `\n${e.detail}` : "";
  return `${e.message ?? String(err)}${e.code ? ` [${e.code}]` : ""}${where}${detail}`;
}

function checkHistory(local: LocalMigration[], rows: MigrationRow[]): Set<string> {
  const failed = rows.filter((r) => r.finished_at === null && r.rolled_back_at === null);
  if (failed.length > 0) {
    const names = failed.map((r) => `  - ${r.migration_name} (started ${r.started_at.toISOString()})${r.logs ? `:\n${r.logs}` : ""}`);
    throw new MigrationError(
      `The database records failed migrations:\n${names.join("\n")}\n` +
        "Repair the database by hand, then mark each one rolled back " +
        `(UPDATE "_prisma_migrations" SET rolled_back_at = now() WHERE migration_name = '<name>' AND finished_at IS NULL, ` +
        "or `prisma migrate resolve --rolled-back <name>`) and run the migrations again.",
    );
  }

  const applied = rows.filter((r) => r.finished_at !== null && r.rolled_back_at === null);
  const localByName = new Map(local.map((m) => [m.name, m]));
  const unknown = applied.filter((r) => !localByName.has(r.migration_name));
  if (unknown.length > 0) {
    throw new MigrationError(
      `The database has applied migrations that are not in this checkout: ${unknown.map((r) => r.migration_name).join(", ")}. ` +
        "It was migrated by a newer version of the app; run that version (or restore the migration files).",
    );
  }
  const changed = applied.filter((r) => !scriptMatchesChecksum(localByName.get(r.migration_name)!.sql, r.checksum));
  if (changed.length > 0) {
    throw new MigrationError(
      `Applied migrations were modified after they ran: ${changed.map((r) => r.migration_name).join(", ")}. ` +
        "Never edit an applied migration: restore its migration.sql and put the change in a new migration.",
    );
  }
  return new Set(applied.map((r) => r.migration_name));
}

/**
 * Applies every pending migration. Idempotent: a second run applies nothing. Concurrent runs serialise on
 * the advisory lock, so several processes may call this at start.
 */
export async function migrate(databaseUrl: string, options: MigrateOptions = {}): Promise<{ applied: string[] }> {
  const local = readMigrations(options.migrationsDir ?? defaultMigrationsDir());
  const log = options.log ?? (() => {});
  const { connectionString, schema } = splitSchemaParam(databaseUrl);
  const client = new pg.Client({ connectionString, application_name: "custodian-migrate" });
  // A dropped connection surfaces through the failing query; without a listener it would crash the process.
  client.on("error", () => {});
  try {
    await client.connect();
  } catch (err) {
    throw new MigrationError(`Cannot connect to the database: ${err instanceof Error ? err.message : String(err)}`);
  }

  const applied: string[] = [];
  try {
    if (schema) {
      await client.query(`CREATE SCHEMA IF NOT EXISTS ${client.escapeIdentifier(schema)}`);
      await client.query(`SET search_path TO ${client.escapeIdentifier(schema)}`);
    }
    await client.query("SELECT pg_advisory_lock($1)", [MIGRATION_LOCK_KEY]);
    try {
      await client.query(MIGRATIONS_TABLE_DDL);
      const { rows } = await client.query<MigrationRow>(
        `SELECT id, checksum, finished_at, migration_name, logs, rolled_back_at, started_at
           FROM "_prisma_migrations" ORDER BY started_at, migration_name`,
      );
      const done = checkHistory(local, rows);

      for (const migration of local) {
        if (done.has(migration.name)) continue;
        log(`Applying migration ${migration.name}`);
        try {
          await client.query("BEGIN");
          const id = crypto.randomUUID();
          await client.query(
            `INSERT INTO "_prisma_migrations" (id, checksum, migration_name, started_at, applied_steps_count)
             VALUES ($1, $2, $3, now(), 0)`,
            [id, migration.checksum, migration.name],
          );
          await client.query(migration.sql);
          await client.query(
            `UPDATE "_prisma_migrations" SET finished_at = clock_timestamp(), applied_steps_count = 1 WHERE id = $1`,
            [id],
          );
          await client.query("COMMIT");
        } catch (err) {
          await client.query("ROLLBACK").catch(() => {});
          throw new MigrationError(
            `Migration ${migration.name} failed and was rolled back: ${describePgError(err, migration.sql)}`,
          );
        }
        applied.push(migration.name);
      }
    } finally {
      await client.query("SELECT pg_advisory_unlock($1)", [MIGRATION_LOCK_KEY]).catch(() => {});
    }
  } finally {
    await client.end().catch(() => {});
  }
  return { applied };
}
