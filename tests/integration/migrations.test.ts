// Proves prisma/migrations and prisma/schema.prisma agree, and that the migration runner behaves like
// `prisma migrate deploy` (same _prisma_migrations bookkeeping) while refusing tampered history.
// Runs against DATABASE_URL's server (each test database is a throwaway CREATE DATABASE on it), or an
// embedded PostgreSQL in a temp dir when DATABASE_URL is unset.
import crypto from "node:crypto";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import pg from "pg";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { getEnv } from "../../lib/env";
import { readDmmfFromFile, type DmmfDatamodel, type DmmfField, type DmmfModel } from "../../lib/db/dmmf";
import { startEmbeddedPostgres, type EmbeddedPostgres } from "../../lib/db/embedded-postgres";
import { computeChecksum, migrate, readMigrations } from "../../lib/db/migrate";
import { foreignKeyName, indexName, parseSchemaExtras, primaryKeyName, uniqueIndexName } from "../../lib/db/schema-sql";

const root = path.resolve(__dirname, "../..");
const schemaPath = path.join(root, "prisma", "schema.prisma");
const migrationsDir = path.join(root, "prisma", "migrations");
const snapshotPath = path.join(migrationsDir, "schema.snapshot.prisma");

let serverUrl: string;
let embedded: EmbeddedPostgres | undefined;
let embeddedDir: string | undefined;
const created: string[] = [];

function withDatabase(url: string, database: string): string {
  const u = new URL(url);
  u.pathname = `/${database}`;
  u.searchParams.delete("schema");
  return u.toString();
}

async function withClient<T>(url: string, fn: (client: pg.Client) => Promise<T>): Promise<T> {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    return await fn(client);
  } finally {
    await client.end();
  }
}

/** CREATE DATABASE custodian_mig_<random> on the test server; dropped in afterAll. */
async function createThrowawayDatabase(): Promise<string> {
  const name = `custodian_mig_${crypto.randomBytes(6).toString("hex")}`;
  await withClient(serverUrl, (c) => c.query(`CREATE DATABASE "${name}"`));
  created.push(name);
  return withDatabase(serverUrl, name);
}

beforeAll(async () => {
  const configured = getEnv().DATABASE_URL;
  if (configured) {
    serverUrl = configured;
  } else {
    embeddedDir = fs.mkdtempSync(path.join(os.tmpdir(), "custodian-mig-"));
    embedded = await startEmbeddedPostgres({ dataDir: embeddedDir });
    serverUrl = embedded.url;
  }
}, 120_000);

afterAll(async () => {
  if (serverUrl) {
    for (const name of created) {
      await withClient(serverUrl, (c) => c.query(`DROP DATABASE IF EXISTS "${name}" WITH (FORCE)`));
    }
  }
  await embedded?.stop();
  if (embeddedDir) fs.rmSync(embeddedDir, { recursive: true, force: true });
}, 60_000);

describe("migration runner", () => {
  it("applies every migration to an empty database once, with Prisma-compatible bookkeeping", async () => {
    const url = await createThrowawayDatabase();
    const local = readMigrations(migrationsDir);
    expect(local.length).toBeGreaterThan(0);

    const first = await migrate(url, { migrationsDir });
    expect(first.applied).toEqual(local.map((m) => m.name));
    const second = await migrate(url, { migrationsDir });
    expect(second.applied).toEqual([]);

    const rows = await withClient(url, async (c) => {
      const columns = await c.query(
        `SELECT column_name, data_type, character_maximum_length, is_nullable, column_default
           FROM information_schema.columns WHERE table_name = '_prisma_migrations' ORDER BY ordinal_position`,
      );
      expect(columns.rows.map((r) => [r.column_name, r.data_type, r.character_maximum_length, r.is_nullable])).toEqual([
        ["id", "character varying", 36, "NO"],
        ["checksum", "character varying", 64, "NO"],
        ["finished_at", "timestamp with time zone", null, "YES"],
        ["migration_name", "character varying", 255, "NO"],
        ["logs", "text", null, "YES"],
        ["rolled_back_at", "timestamp with time zone", null, "YES"],
        ["started_at", "timestamp with time zone", null, "NO"],
        ["applied_steps_count", "integer", null, "NO"],
      ]);
      return (await c.query(`SELECT * FROM "_prisma_migrations" ORDER BY migration_name`)).rows;
    });
    expect(rows).toHaveLength(local.length);
    for (const [i, row] of rows.entries()) {
      const file = fs.readFileSync(path.join(migrationsDir, local[i].name, "migration.sql"));
      expect(row.migration_name).toBe(local[i].name);
      expect(row.checksum).toBe(crypto.createHash("sha256").update(file).digest("hex"));
      expect(row.checksum).toBe(computeChecksum(local[i].sql));
      expect(row.finished_at).toBeInstanceOf(Date);
      expect(row.rolled_back_at).toBeNull();
      expect(row.applied_steps_count).toBe(1);
      expect(row.id).toMatch(/^[0-9a-f-]{36}$/);
    }
  }, 60_000);

  it("serialises concurrent runs on the advisory lock", async () => {
    const url = await createThrowawayDatabase();
    const results = await Promise.all([migrate(url, { migrationsDir }), migrate(url, { migrationsDir })]);
    const applied = results.flatMap((r) => r.applied);
    expect(applied.sort()).toEqual(readMigrations(migrationsDir).map((m) => m.name).sort());
  }, 60_000);

  describe("tampered history", () => {
    let tmpDir: string;
    let url: string;
    const first = () => readMigrations(migrationsDir)[0];

    beforeAll(async () => {
      tmpDir = fs.mkdtempSync(path.join(os.tmpdir(), "custodian-migrations-"));
      url = await createThrowawayDatabase();
      await migrate(url, { migrationsDir });
    }, 60_000);

    afterAll(() => fs.rmSync(tmpDir, { recursive: true, force: true }));

    function copyMigrations(into: string, edit?: (name: string, sql: string) => string): string {
      fs.mkdirSync(into, { recursive: true });
      for (const m of readMigrations(migrationsDir)) {
        fs.mkdirSync(path.join(into, m.name));
        fs.writeFileSync(path.join(into, m.name, "migration.sql"), edit ? edit(m.name, m.sql) : m.sql);
      }
      return into;
    }

    it("refuses an applied migration whose checksum changed", async () => {
      const dir = copyMigrations(path.join(tmpDir, "changed"), (name, sql) =>
        name === first().name ? `${sql}\n-- edited after it was applied\n` : sql,
      );
      await expect(migrate(url, { migrationsDir: dir })).rejects.toThrow(
        new RegExp(`Applied migrations were modified after they ran: ${first().name}`),
      );
    });

    it("accepts the same migration with CRLF line endings, as Prisma does", async () => {
      const dir = copyMigrations(path.join(tmpDir, "crlf"), (_n, sql) => sql.replace(/\r?\n/g, "\r\n"));
      await expect(migrate(url, { migrationsDir: dir })).resolves.toEqual({ applied: [] });
    });

    it("refuses applied migrations missing from the checkout", async () => {
      const dir = path.join(tmpDir, "empty");
      fs.mkdirSync(dir);
      await expect(migrate(url, { migrationsDir: dir })).rejects.toThrow(/not in this checkout/);
    });

    it("rolls back a failing migration, records nothing and reports the line", async () => {
      const dir = copyMigrations(path.join(tmpDir, "failing"));
      const name = "99999999999999_broken";
      fs.mkdirSync(path.join(dir, name));
      fs.writeFileSync(path.join(dir, name, "migration.sql"), 'CREATE TABLE "ShouldVanish" (x INT);\nSELECT no_such_column FROM "ShouldVanish";\n');
      await expect(migrate(url, { migrationsDir: dir })).rejects.toThrow(/99999999999999_broken failed and was rolled back: .*line 2/);
      await withClient(url, async (c) => {
        expect((await c.query(`SELECT to_regclass('"ShouldVanish"') AS t`)).rows[0].t).toBeNull();
        expect((await c.query(`SELECT count(*)::int AS n FROM "_prisma_migrations" WHERE migration_name = $1`, [name])).rows[0].n).toBe(0);
      });
    });

    it("refuses to continue while a failed migration is recorded", async () => {
      await withClient(url, (c) =>
        c.query(
          `INSERT INTO "_prisma_migrations" (id, checksum, migration_name, logs, started_at)
           VALUES ($1, $2, '99999999999998_half_applied', 'boom', now())`,
          [crypto.randomUUID(), "0".repeat(64)],
        ),
      );
      try {
        await expect(migrate(url, { migrationsDir })).rejects.toThrow(/failed migrations:\n\s+- 99999999999998_half_applied/);
      } finally {
        await withClient(url, (c) => c.query(`DELETE FROM "_prisma_migrations" WHERE migration_name = '99999999999998_half_applied'`));
      }
      await expect(migrate(url, { migrationsDir })).resolves.toEqual({ applied: [] });
    });
  });
});

describe("schema and migrations", () => {
  it("the committed schema snapshot equals prisma/schema.prisma", () => {
    const schema = fs.readFileSync(schemaPath, "utf8");
    const snapshot = fs.existsSync(snapshotPath) ? fs.readFileSync(snapshotPath, "utf8") : "";
    expect(
      snapshot === schema,
      "prisma/schema.prisma changed without a migration: add prisma/migrations/<timestamp>_<name>/migration.sql, then run `npm run db:snapshot`",
    ).toBe(true);
  });

  it("a database migrated from the files matches the Prisma schema", async () => {
    const url = await createThrowawayDatabase();
    await migrate(url, { migrationsDir });
    const catalog = await withClient(url, readCatalog);
    const diffs = compareSchemaWithCatalog(readDmmfFromFile(schemaPath), fs.readFileSync(schemaPath, "utf8"), catalog);
    expect(diffs, `Schema and migrations disagree:\n  - ${diffs.join("\n  - ")}\n`).toEqual([]);
  }, 60_000);
});

// ───────────────────────── catalog ─────────────────────────

interface CatalogColumn {
  table: string;
  name: string;
  type: string;
  notNull: boolean;
  default: string | null;
}
interface CatalogIndex {
  table: string;
  name: string;
  unique: boolean;
  primary: boolean;
  method: string;
  columns: { col: string | null; desc: boolean; opclass: string | null }[];
}
interface CatalogForeignKey {
  table: string;
  name: string;
  columns: string[];
  refTable: string;
  refColumns: string[];
  onDelete: string;
  onUpdate: string;
}
interface Catalog {
  tables: string[];
  columns: CatalogColumn[];
  indexes: CatalogIndex[];
  foreignKeys: CatalogForeignKey[];
  enums: Map<string, string[]>;
}

async function readCatalog(c: pg.Client): Promise<Catalog> {
  const tables = await c.query(
    `SELECT c.relname FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace
      WHERE n.nspname = current_schema() AND c.relkind IN ('r', 'p') AND c.relname <> '_prisma_migrations'`,
  );
  const columns = await c.query(
    `SELECT c.relname AS table, a.attname AS name, format_type(a.atttypid, a.atttypmod) AS type,
            a.attnotnull AS "notNull", pg_get_expr(d.adbin, d.adrelid) AS default
       FROM pg_attribute a
       JOIN pg_class c ON c.oid = a.attrelid
       JOIN pg_namespace n ON n.oid = c.relnamespace
       LEFT JOIN pg_attrdef d ON d.adrelid = a.attrelid AND d.adnum = a.attnum
      WHERE n.nspname = current_schema() AND c.relkind IN ('r', 'p') AND a.attnum > 0 AND NOT a.attisdropped
        AND c.relname <> '_prisma_migrations'`,
  );
  const indexes = await c.query(
    `SELECT t.relname AS table, i.relname AS name, ix.indisunique AS unique, ix.indisprimary AS primary, am.amname AS method,
            (SELECT json_agg(json_build_object(
                      'col', a.attname,
                      'desc', (ix.indoption[k.ord - 1] & 1) = 1,
                      'opclass', CASE WHEN oc.opcdefault THEN NULL ELSE oc.opcname END) ORDER BY k.ord)
               FROM unnest(ix.indkey::int2[]) WITH ORDINALITY AS k(attnum, ord)
               LEFT JOIN pg_attribute a ON a.attrelid = t.oid AND a.attnum = k.attnum
               LEFT JOIN pg_opclass oc ON oc.oid = ix.indclass[k.ord - 1]) AS columns
       FROM pg_index ix
       JOIN pg_class i ON i.oid = ix.indexrelid
       JOIN pg_class t ON t.oid = ix.indrelid
       JOIN pg_namespace n ON n.oid = t.relnamespace
       JOIN pg_am am ON am.oid = i.relam
      WHERE n.nspname = current_schema() AND t.relname <> '_prisma_migrations'`,
  );
  const foreignKeys = await c.query(
    `SELECT t.relname AS table, con.conname AS name, rt.relname AS "refTable",
            (SELECT json_agg(a.attname ORDER BY k.ord) FROM unnest(con.conkey) WITH ORDINALITY AS k(attnum, ord)
               JOIN pg_attribute a ON a.attrelid = con.conrelid AND a.attnum = k.attnum) AS columns,
            (SELECT json_agg(a.attname ORDER BY k.ord) FROM unnest(con.confkey) WITH ORDINALITY AS k(attnum, ord)
               JOIN pg_attribute a ON a.attrelid = con.confrelid AND a.attnum = k.attnum) AS "refColumns",
            con.confdeltype AS "onDelete", con.confupdtype AS "onUpdate"
       FROM pg_constraint con
       JOIN pg_class t ON t.oid = con.conrelid
       JOIN pg_class rt ON rt.oid = con.confrelid
       JOIN pg_namespace n ON n.oid = t.relnamespace
      WHERE con.contype = 'f' AND n.nspname = current_schema()`,
  );
  const enums = await c.query(
    `SELECT t.typname AS name, json_agg(e.enumlabel ORDER BY e.enumsortorder) AS values
       FROM pg_type t JOIN pg_enum e ON e.enumtypid = t.oid JOIN pg_namespace n ON n.oid = t.typnamespace
      WHERE n.nspname = current_schema() GROUP BY t.typname`,
  );
  return {
    tables: tables.rows.map((r) => r.relname as string),
    columns: columns.rows as CatalogColumn[],
    indexes: indexes.rows as CatalogIndex[],
    foreignKeys: foreignKeys.rows as CatalogForeignKey[],
    enums: new Map(enums.rows.map((r) => [r.name as string, r.values as string[]])),
  };
}

// ───────────────────────── expectations from the DMMF ─────────────────────────

/** format_type() spelling of a Prisma scalar type, from its @db native type or Prisma's default mapping. */
function expectedType(field: DmmfField): string {
  const arg = (args: string[]) => (args.length ? `(${args.join(",")})` : "");
  let base: string;
  if (field.nativeType) {
    const [name, args] = field.nativeType;
    const natives: Record<string, string> = {
      Text: "text",
      VarChar: `character varying${arg(args)}`,
      Char: `character${args.length ? arg(args) : "(1)"}`,
      Uuid: "uuid",
      Xml: "xml",
      Inet: "inet",
      Citext: "citext",
      Bit: `bit${args.length ? arg(args) : "(1)"}`,
      VarBit: `bit varying${arg(args)}`,
      SmallInt: "smallint",
      Integer: "integer",
      Oid: "oid",
      BigInt: "bigint",
      Real: "real",
      DoublePrecision: "double precision",
      Decimal: `numeric${arg(args)}`,
      Money: "money",
      Timestamp: `timestamp${arg(args)} without time zone`,
      Timestamptz: `timestamp${arg(args)} with time zone`,
      Date: "date",
      Time: `time${arg(args)} without time zone`,
      Timetz: `time${arg(args)} with time zone`,
      Boolean: "boolean",
      Json: "json",
      JsonB: "jsonb",
      ByteA: "bytea",
    };
    base = natives[name] ?? `@db.${name}`;
  } else {
    const defaults: Record<string, string> = {
      String: "text",
      Boolean: "boolean",
      Int: "integer",
      BigInt: "bigint",
      Float: "double precision",
      Decimal: "numeric(65,30)",
      DateTime: "timestamp(3) without time zone",
      Json: "jsonb",
      Bytes: "bytea",
    };
    base = field.kind === "enum" ? field.type : (defaults[field.type] ?? field.type);
  }
  return field.isList ? `${base}[]` : base;
}

const normalizeType = (t: string) => t.replace(/"/g, "").replace(/\s+/g, " ").trim().toLowerCase();

type DefaultKind = "none" | "value" | "now" | "autoincrement";
function expectedDefault(field: DmmfField): DefaultKind {
  const d = field.default;
  if (d === undefined) return "none";
  if (typeof d === "object" && d !== null && !Array.isArray(d) && "name" in d) {
    if (d.name === "now") return "now";
    if (d.name === "autoincrement") return "autoincrement";
    if (d.name === "dbgenerated") return typeof d.args[0] === "string" && d.args[0] ? "value" : "none";
    return "none"; // cuid(), uuid(), nanoid(), ulid(): generated by the client
  }
  return "value";
}

function actualDefault(def: string | null): DefaultKind {
  if (def === null) return "none";
  if (/^nextval\(/.test(def)) return "autoincrement";
  if (/^CURRENT_TIMESTAMP$/i.test(def) || /^now\(\)$/i.test(def)) return "now";
  return "value";
}

const ACTIONS: Record<string, string> = { a: "NoAction", r: "Restrict", c: "Cascade", n: "SetNull", d: "SetDefault" };

function compareSchemaWithCatalog(dm: DmmfDatamodel, schemaText: string, catalog: Catalog): string[] {
  const diffs: string[] = [];
  const extras = parseSchemaExtras(schemaText);
  const tableOf = (m: DmmfModel) => m.dbName ?? m.name;
  const modelByName = new Map(dm.models.map((m) => [m.name, m]));
  const columnOf = (m: DmmfModel, fieldName: string) => {
    const f = m.fields.find((x) => x.name === fieldName);
    return f ? (f.dbName ?? f.name) : (extras.models.get(m.name)?.unsupported.get(fieldName)?.dbName ?? fieldName);
  };
  const customIndexNames = new Set(
    extras.sql.flatMap((s) => [...s.sql.matchAll(/CREATE\s+(?:UNIQUE\s+)?INDEX\s+(?:CONCURRENTLY\s+)?(?:IF\s+NOT\s+EXISTS\s+)?"?([\w$]+)"?/gi)].map((m) => m[1])),
  );

  // Enums
  for (const e of dm.enums) {
    const name = e.dbName ?? e.name;
    const values = e.values.map((v) => v.dbName ?? v.name);
    const actual = catalog.enums.get(name);
    if (!actual) diffs.push(`enum ${name}: missing in the database`);
    else if (JSON.stringify(actual) !== JSON.stringify(values)) {
      diffs.push(`enum ${name}: values ${JSON.stringify(actual)} in the database, ${JSON.stringify(values)} in the schema`);
    }
  }
  const schemaEnums = new Set(dm.enums.map((e) => e.dbName ?? e.name));
  for (const name of catalog.enums.keys()) if (!schemaEnums.has(name)) diffs.push(`enum ${name}: in the database but not in the schema`);

  // Tables
  const schemaTables = new Set(dm.models.map(tableOf));
  for (const t of catalog.tables) if (!schemaTables.has(t)) diffs.push(`table ${t}: in the database but not in the schema`);

  for (const model of dm.models) {
    const table = tableOf(model);
    if (!catalog.tables.includes(table)) {
      diffs.push(`table ${table} (model ${model.name}): missing in the database`);
      continue;
    }
    const where = `${table}`;
    const columns = new Map(catalog.columns.filter((c) => c.table === table).map((c) => [c.name, c]));
    const expectedColumns = new Set<string>();

    for (const field of model.fields) {
      if (field.kind === "object") continue;
      const name = field.dbName ?? field.name;
      expectedColumns.add(name);
      const col = columns.get(name);
      if (!col) {
        diffs.push(`${where}.${name}: column missing (field ${model.name}.${field.name})`);
        continue;
      }
      const expected = expectedType(field);
      if (normalizeType(col.type) !== normalizeType(expected)) {
        diffs.push(`${where}.${name}: type ${col.type} in the database, ${expected} expected from the schema`);
      }
      if (!field.isList && col.notNull !== field.isRequired) {
        diffs.push(`${where}.${name}: ${col.notNull ? "NOT NULL" : "nullable"} in the database, ${field.isRequired ? "required" : "optional"} in the schema`);
      }
      const wantDefault = expectedDefault(field);
      const haveDefault = actualDefault(col.default);
      if (wantDefault !== haveDefault) {
        diffs.push(`${where}.${name}: database default ${col.default ?? "none"} (${haveDefault}), schema default ${JSON.stringify(field.default ?? null)} (${wantDefault})`);
      }
    }
    for (const u of extras.models.get(model.name)?.unsupported.values() ?? []) {
      expectedColumns.add(u.dbName);
      const col = columns.get(u.dbName);
      if (!col) diffs.push(`${where}.${u.dbName}: column missing (Unsupported field ${model.name}.${u.name})`);
      else {
        const expected = u.type + (u.isList ? "[]" : "");
        if (normalizeType(col.type) !== normalizeType(expected)) diffs.push(`${where}.${u.dbName}: type ${col.type} in the database, ${expected} in the schema`);
        if (!u.isList && col.notNull === u.optional) diffs.push(`${where}.${u.dbName}: nullability differs (schema: ${u.optional ? "optional" : "required"})`);
        if ((col.default !== null) !== (u.dbGenerated !== undefined)) diffs.push(`${where}.${u.dbName}: default differs (schema: ${u.dbGenerated ?? "none"}, database: ${col.default ?? "none"})`);
      }
    }
    for (const name of columns.keys()) if (!expectedColumns.has(name)) diffs.push(`${where}.${name}: column in the database but not in the schema`);

    // Primary key, unique and normal indexes
    const dbIndexes = catalog.indexes.filter((i) => i.table === table);
    const matched = new Set<string>();
    for (const index of dm.indexes.filter((i) => i.model === model.name)) {
      const cols = index.fields.map((f) => columnOf(model, f.name));
      const kind = index.type === "id" ? "primary key" : index.type === "unique" ? "unique index" : "index";
      const name =
        index.dbName ??
        (index.type === "id" ? primaryKeyName(table) : index.type === "unique" ? uniqueIndexName(table, cols) : indexName(table, cols));
      const actual = dbIndexes.find((i) => i.name === name);
      const label = `${where}: ${kind} ${name} (${cols.join(", ")})`;
      if (!actual) {
        diffs.push(`${label}: missing in the database`);
        continue;
      }
      matched.add(name);
      if (actual.primary !== (index.type === "id") || actual.unique !== (index.type !== "normal")) {
        diffs.push(`${label}: is ${actual.primary ? "a primary key" : actual.unique ? "a unique index" : "a plain index"} in the database`);
      }
      const actualCols = actual.columns.map((c) => c.col ?? "<expression>");
      if (JSON.stringify(actualCols) !== JSON.stringify(cols)) diffs.push(`${label}: columns (${actualCols.join(", ")}) in the database`);
      const method = (index.algorithm ?? "BTree").toLowerCase();
      if (actual.method !== method) diffs.push(`${label}: USING ${actual.method} in the database, ${method} in the schema`);
      index.fields.forEach((f, i) => {
        const desc = f.sortOrder === "desc";
        if (actual.columns[i] && actual.columns[i].desc !== desc) diffs.push(`${label}: ${cols[i]} is ${actual.columns[i].desc ? "DESC" : "ASC"} in the database`);
        const wantOps = f.operatorClass?.toLowerCase().replace(/ops$/, "_ops") ?? null;
        const haveOps = actual.columns[i]?.opclass ?? null;
        // A null opclass in the catalog is the type's default one (e.g. JsonbOps on jsonb).
        if (wantOps !== null && haveOps !== null && haveOps.replace(/_/g, "") !== wantOps.replace(/_/g, "")) {
          diffs.push(`${label}: operator class ${haveOps ?? "default"} in the database, ${f.operatorClass} in the schema`);
        }
      });
    }
    for (const i of dbIndexes) {
      if (!matched.has(i.name) && !customIndexNames.has(i.name)) {
        diffs.push(`${where}: index ${i.name} in the database is neither in the schema nor in a /// sql: block`);
      }
    }

    // Foreign keys
    const dbFks = catalog.foreignKeys.filter((f) => f.table === table);
    const matchedFks = new Set<string>();
    for (const field of model.fields) {
      if (field.kind !== "object" || !field.relationFromFields?.length) continue;
      const target = modelByName.get(field.type)!;
      const cols = field.relationFromFields.map((f) => columnOf(model, f));
      const refCols = (field.relationToFields ?? []).map((f) => columnOf(target, f));
      const name = extras.models.get(model.name)?.relationMaps.get(field.name) ?? foreignKeyName(table, cols);
      const label = `${where}: foreign key ${name} (${model.name}.${field.name})`;
      const actual = dbFks.find((f) => f.name === name);
      if (!actual) {
        diffs.push(`${label}: missing in the database`);
        continue;
      }
      matchedFks.add(name);
      if (JSON.stringify(actual.columns) !== JSON.stringify(cols) || actual.refTable !== tableOf(target) || JSON.stringify(actual.refColumns) !== JSON.stringify(refCols)) {
        diffs.push(`${label}: (${actual.columns.join(", ")}) → ${actual.refTable}(${actual.refColumns.join(", ")}) in the database, (${cols.join(", ")}) → ${tableOf(target)}(${refCols.join(", ")}) in the schema`);
      }
      const onDelete = field.relationOnDelete ?? (field.isRequired ? "Restrict" : "SetNull");
      const onUpdate = field.relationOnUpdate ?? "Cascade";
      if (ACTIONS[actual.onDelete] !== onDelete) diffs.push(`${label}: ON DELETE ${ACTIONS[actual.onDelete]} in the database, ${onDelete} in the schema`);
      if (ACTIONS[actual.onUpdate] !== onUpdate) diffs.push(`${label}: ON UPDATE ${ACTIONS[actual.onUpdate]} in the database, ${onUpdate} in the schema`);
    }
    for (const f of dbFks) if (!matchedFks.has(f.name)) diffs.push(`${where}: foreign key ${f.name} in the database but not in the schema`);
  }
  return diffs;
}
