// Renders prisma/schema.prisma as the PostgreSQL DDL that `prisma migrate diff --from-empty` would print.
// Prisma's schema engine is a native binary we cannot download here, so this mirrors its Postgres renderer:
// column types, defaults, constraint naming (incl. the 63-byte truncation), section comments and order.
//
// The DMMF (lib/db/dmmf.ts) omits two things Migrate needs, which a small line parser recovers from the
// schema text: `Unsupported("…")` fields and the `map:` names of foreign keys. SQL that Prisma cannot
// express is declared with `/// sql: <statement>;` doc comments (continuing on following `///` lines up to
// the closing `;`); `CREATE EXTENSION` statements go first, all others after the generated DDL.
import { getDmmf, type DmmfDatamodel, type DmmfField, type DmmfModel } from "./dmmf";

const MAX_IDENTIFIER_LENGTH = 63;
const INDENT = "    ";

export type ReferentialAction = "CASCADE" | "RESTRICT" | "NO ACTION" | "SET NULL" | "SET DEFAULT";

export interface ColumnSpec {
  field: string;
  name: string;
  /** Rendered type, e.g. `TEXT`, `TIMESTAMPTZ(3)`, `"Role"[]`, `BIGSERIAL`, `tsvector`. */
  type: string;
  notNull: boolean;
  /** Rendered default expression, if the database has one (SERIAL columns get theirs implicitly). */
  default?: string;
  isAutoincrement: boolean;
  isList: boolean;
  /** Enum type name when the column is an enum (or enum list). */
  enumName?: string;
  isUnsupported: boolean;
}

export interface IndexColumnSpec {
  name: string;
  sortOrder?: "ASC" | "DESC";
  operatorClass?: string;
}

export interface IndexSpec {
  name: string;
  unique: boolean;
  /** `BTREE` (default), `HASH`, `GIST`, `GIN`, `SPGIST`, `BRIN`. */
  algorithm: string;
  columns: IndexColumnSpec[];
}

export interface ForeignKeySpec {
  name: string;
  columns: string[];
  referencedTable: string;
  referencedColumns: string[];
  onDelete: ReferentialAction;
  onUpdate: ReferentialAction;
}

export interface TableSpec {
  model: string;
  name: string;
  columns: ColumnSpec[];
  primaryKey: { name: string; columns: string[] } | null;
  indexes: IndexSpec[];
  foreignKeys: ForeignKeySpec[];
}

export interface EnumSpec {
  name: string;
  values: string[];
}

export interface CustomSql {
  line: number;
  sql: string;
}

export interface SchemaSpec {
  enums: EnumSpec[];
  tables: TableSpec[];
  extensions: CustomSql[];
  customSql: CustomSql[];
}

// ───────────────────────── Schema text: what the DMMF leaves out ─────────────────────────

interface UnsupportedField {
  name: string;
  dbName: string;
  type: string;
  optional: boolean;
  isList: boolean;
  dbGenerated?: string;
}

interface RawModel {
  fieldOrder: string[];
  unsupported: Map<string, UnsupportedField>;
  relationMaps: Map<string, string>;
}

interface SchemaExtras {
  models: Map<string, RawModel>;
  sql: CustomSql[];
}

const STRING = String.raw`"(?:[^"\\]|\\.)*"`;

function parseStringLiteral(literal: string): string {
  return JSON.parse(literal) as string;
}

/** Returns the text between the parentheses of `attr(...)` on a line, respecting string literals. */
function attributeArgs(line: string, attr: string): string | undefined {
  const re = new RegExp(`${attr.replace(/[@]/g, "\\@")}\\s*\\(`, "g");
  const match = re.exec(line);
  if (!match) return undefined;
  let depth = 1;
  let inString = false;
  for (let i = match.index + match[0].length; i < line.length; i++) {
    const c = line[i];
    if (inString) {
      if (c === "\\") i++;
      else if (c === '"') inString = false;
    } else if (c === '"') inString = true;
    else if (c === "(") depth++;
    else if (c === ")" && --depth === 0) return line.slice(match.index + match[0].length, i);
  }
  return undefined;
}

/** Removes a `//` comment (but not `///` doc comments handled elsewhere) outside string literals. */
function stripLineComment(line: string): string {
  let inString = false;
  for (let i = 0; i < line.length; i++) {
    const c = line[i];
    if (inString) {
      if (c === "\\") i++;
      else if (c === '"') inString = false;
    } else if (c === '"') inString = true;
    else if (c === "/" && line[i + 1] === "/") return line.slice(0, i);
  }
  return line;
}

export function parseSchemaExtras(schema: string): SchemaExtras {
  const lines = schema.split(/\r?\n/);
  const models = new Map<string, RawModel>();
  const sql: CustomSql[] = [];
  let current: RawModel | null = null;
  let pending: CustomSql | null = null;

  lines.forEach((rawLine, index) => {
    const lineNo = index + 1;
    const doc = /^\s*\/\/\/\s?(.*)$/.exec(rawLine);
    if (pending) {
      if (!doc) throw new Error(`schema.prisma:${pending.line}: "/// sql:" statement is not terminated by ";"`);
      pending.sql += `\n${doc[1]}`;
      if (pending.sql.trimEnd().endsWith(";")) {
        sql.push({ line: pending.line, sql: pending.sql.trim() });
        pending = null;
      }
      return;
    }
    if (doc) {
      const start = /^sql:\s?(.*)$/.exec(doc[1]);
      if (start) {
        pending = { line: lineNo, sql: start[1] };
        if (pending.sql.trimEnd().endsWith(";")) {
          sql.push({ line: lineNo, sql: pending.sql.trim() });
          pending = null;
        }
      }
      return;
    }

    const line = stripLineComment(rawLine).trim();
    if (!line) return;
    const block = /^(model|view|enum|type|datasource|generator)\s+(\w+)\s*\{$/.exec(line);
    if (block) {
      current = block[1] === "model" ? { fieldOrder: [], unsupported: new Map(), relationMaps: new Map() } : null;
      if (current) models.set(block[2], current);
      return;
    }
    if (line === "}") {
      current = null;
      return;
    }
    if (!current || line.startsWith("@@")) return;

    const field = new RegExp(String.raw`^(\w+)\s+(Unsupported\(\s*(${STRING})\s*\)|[\w.]+)(\[\]|\?)?(.*)$`).exec(line);
    if (!field) return;
    const [, name, , unsupportedType, modifier, attrs] = field;
    current.fieldOrder.push(name);
    if (unsupportedType) {
      const map = attributeArgs(attrs, "@map");
      const def = attributeArgs(attrs, "@default");
      const dbGenerated = def ? new RegExp(String.raw`^\s*dbgenerated\(\s*(${STRING})?\s*\)\s*$`).exec(def) : null;
      if (def && !dbGenerated) {
        throw new Error(`schema.prisma:${lineNo}: only @default(dbgenerated("…")) is supported on Unsupported fields`);
      }
      current.unsupported.set(name, {
        name,
        dbName: map ? parseStringLiteral(new RegExp(`^\\s*(${STRING})`).exec(map)![1]) : name,
        type: parseStringLiteral(unsupportedType),
        optional: modifier === "?",
        isList: modifier === "[]",
        dbGenerated: dbGenerated?.[1] ? parseStringLiteral(dbGenerated[1]) : undefined,
      });
    }
    const relation = attributeArgs(attrs, "@relation");
    if (relation) {
      const map = new RegExp(String.raw`\bmap\s*:\s*(${STRING})`).exec(relation);
      if (map) current.relationMaps.set(name, parseStringLiteral(map[1]));
    }
  });
  if (pending) throw new Error(`schema.prisma:${(pending as CustomSql).line}: "/// sql:" statement is not terminated by ";"`);
  return { models, sql };
}

// ───────────────────────── Naming (psl constraint_names.rs) ─────────────────────────

function truncateBytes(s: string, maxBytes: number): string {
  const bytes = Buffer.from(s, "utf8");
  if (bytes.length <= maxBytes) return s;
  let end = maxBytes;
  // Back off to a UTF-8 character boundary.
  while (end > 0 && (bytes[end] & 0xc0) === 0x80) end--;
  return bytes.subarray(0, end).toString("utf8");
}

function byteLength(s: string): number {
  return Buffer.byteLength(s, "utf8");
}

export function primaryKeyName(table: string): string {
  const t = byteLength(table) >= MAX_IDENTIFIER_LENGTH - 5 ? truncateBytes(table, MAX_IDENTIFIER_LENGTH - 5) : table;
  return `${t}_pkey`;
}

function indexNameImpl(table: string, columns: string[], suffix: string): string {
  let out = `${table}_${columns.join("_")}`;
  if (byteLength(out) >= MAX_IDENTIFIER_LENGTH - suffix.length) out = truncateBytes(out, MAX_IDENTIFIER_LENGTH - suffix.length);
  return out + suffix;
}

export const uniqueIndexName = (table: string, columns: string[]) => indexNameImpl(table, columns, "_key");
export const indexName = (table: string, columns: string[]) => indexNameImpl(table, columns, "_idx");

export function foreignKeyName(table: string, columns: string[]): string {
  let joined = `${table}_${columns.join("_")}`;
  if (byteLength(joined) >= MAX_IDENTIFIER_LENGTH - 5) joined = truncateBytes(joined, MAX_IDENTIFIER_LENGTH - 5);
  return `${joined}_fkey`;
}

// ───────────────────────── Types and defaults (postgres_renderer.rs) ─────────────────────────

const DEFAULT_NATIVE: Record<string, string> = {
  String: "TEXT",
  Boolean: "BOOLEAN",
  Int: "INTEGER",
  BigInt: "BIGINT",
  Float: "DOUBLE PRECISION",
  Decimal: "DECIMAL(65,30)",
  DateTime: "TIMESTAMP(3)",
  Json: "JSONB",
  Bytes: "BYTEA",
};

const NATIVE_NAMES: Record<string, string> = {
  Text: "TEXT",
  VarChar: "VARCHAR",
  Char: "CHAR",
  Uuid: "UUID",
  Xml: "XML",
  Inet: "INET",
  Citext: "CITEXT",
  Bit: "BIT",
  VarBit: "VARBIT",
  SmallInt: "SMALLINT",
  Integer: "INTEGER",
  Oid: "OID",
  BigInt: "BIGINT",
  Real: "REAL",
  DoublePrecision: "DOUBLE PRECISION",
  Decimal: "DECIMAL",
  Money: "MONEY",
  Timestamp: "TIMESTAMP",
  Timestamptz: "TIMESTAMPTZ",
  Date: "DATE",
  Time: "TIME",
  Timetz: "TIMETZ",
  Boolean: "BOOLEAN",
  Json: "JSON",
  JsonB: "JSONB",
  ByteA: "BYTEA",
};

const SERIAL: Record<string, string> = { SMALLINT: "SMALLSERIAL", INTEGER: "SERIAL", BIGINT: "BIGSERIAL" };

const quoteIdent = (name: string) => `"${name}"`;
const quoteString = (value: string) => `'${value.replace(/'/g, "''")}'`;

function scalarType(field: DmmfField): string {
  if (field.nativeType) {
    const [native, args] = field.nativeType;
    const base = NATIVE_NAMES[native];
    if (!base) throw new Error(`Unsupported native type @db.${native} on field ${field.name}`);
    return args.length ? `${base}(${args.join(",")})` : base;
  }
  const base = DEFAULT_NATIVE[field.type];
  if (!base) throw new Error(`Unsupported scalar type ${field.type} on field ${field.name}`);
  return base;
}

function isFunctionDefault(value: unknown): value is { name: string; args: unknown[] } {
  return typeof value === "object" && value !== null && !Array.isArray(value) && "name" in value;
}

function renderLiteral(value: unknown, field: DmmfField, enumValues: Map<string, Map<string, string>>): string {
  if (field.kind === "enum") {
    const db = enumValues.get(field.type)?.get(String(value));
    return quoteString(db ?? String(value));
  }
  switch (field.type) {
    case "String":
    case "Json":
    case "DateTime":
      return quoteString(String(value));
    case "Bytes":
      return `'\\x${Buffer.from(String(value), "base64").toString("hex")}'`;
    default:
      return String(value);
  }
}

function renderDefault(
  field: DmmfField,
  columnType: string,
  enumValues: Map<string, Map<string, string>>,
): { sql?: string; autoincrement: boolean } {
  const def = field.default;
  if (def === undefined) return { autoincrement: false };
  if (isFunctionDefault(def)) {
    switch (def.name) {
      case "autoincrement":
        return { autoincrement: true };
      case "now":
        return { sql: "CURRENT_TIMESTAMP", autoincrement: false };
      case "dbgenerated":
        return { sql: typeof def.args[0] === "string" && def.args[0] !== "" ? def.args[0] : undefined, autoincrement: false };
      default:
        // cuid(), uuid(), nanoid(), ulid(): generated by the client, no database default.
        return { autoincrement: false };
    }
  }
  if (Array.isArray(def)) {
    const items = def.map((v) => renderLiteral(v, field, enumValues)).join(", ");
    return { sql: `ARRAY[${items}]::${columnType}`, autoincrement: false };
  }
  return { sql: renderLiteral(def, field, enumValues), autoincrement: false };
}

const REFERENTIAL: Record<string, ReferentialAction> = {
  Cascade: "CASCADE",
  Restrict: "RESTRICT",
  NoAction: "NO ACTION",
  SetNull: "SET NULL",
  SetDefault: "SET DEFAULT",
};

const OPERATOR_CLASSES: Record<string, string> = {
  InetOps: "inet_ops",
  JsonbOps: "jsonb_ops",
  JsonbPathOps: "jsonb_path_ops",
  ArrayOps: "array_ops",
  TextOps: "text_ops",
  BitMinMaxOps: "bit_minmax_ops",
  VarBitMinMaxOps: "varbit_minmax_ops",
  BpcharBloomOps: "bpchar_bloom_ops",
  BpcharMinMaxOps: "bpchar_minmax_ops",
  ByteaBloomOps: "bytea_bloom_ops",
  ByteaMinMaxOps: "bytea_minmax_ops",
  DateBloomOps: "date_bloom_ops",
  DateMinMaxOps: "date_minmax_ops",
  DateMinMaxMultiOps: "date_minmax_multi_ops",
  Float4BloomOps: "float4_bloom_ops",
  Float4MinMaxOps: "float4_minmax_ops",
  Float4MinMaxMultiOps: "float4_minmax_multi_ops",
  Float8BloomOps: "float8_bloom_ops",
  Float8MinMaxOps: "float8_minmax_ops",
  Float8MinMaxMultiOps: "float8_minmax_multi_ops",
  Int2BloomOps: "int2_bloom_ops",
  Int2MinMaxOps: "int2_minmax_ops",
  Int2MinMaxMultiOps: "int2_minmax_multi_ops",
  Int4BloomOps: "int4_bloom_ops",
  Int4MinMaxOps: "int4_minmax_ops",
  Int4MinMaxMultiOps: "int4_minmax_multi_ops",
  Int8BloomOps: "int8_bloom_ops",
  Int8MinMaxOps: "int8_minmax_ops",
  Int8MinMaxMultiOps: "int8_minmax_multi_ops",
  NumericBloomOps: "numeric_bloom_ops",
  NumericMinMaxOps: "numeric_minmax_ops",
  NumericMinMaxMultiOps: "numeric_minmax_multi_ops",
  OidBloomOps: "oid_bloom_ops",
  OidMinMaxOps: "oid_minmax_ops",
  OidMinMaxMultiOps: "oid_minmax_multi_ops",
  TextBloomOps: "text_bloom_ops",
  TextMinMaxOps: "text_minmax_ops",
  TimestampBloomOps: "timestamp_bloom_ops",
  TimestampMinMaxOps: "timestamp_minmax_ops",
  TimestampMinMaxMultiOps: "timestamp_minmax_multi_ops",
  TimestampTzBloomOps: "timestamptz_bloom_ops",
  TimestampTzMinMaxOps: "timestamptz_minmax_ops",
  TimestampTzMinMaxMultiOps: "timestamptz_minmax_multi_ops",
  TimeBloomOps: "time_bloom_ops",
  TimeMinMaxOps: "time_minmax_ops",
  TimeMinMaxMultiOps: "time_minmax_multi_ops",
  TimeTzBloomOps: "timetz_bloom_ops",
  TimeTzMinMaxOps: "timetz_minmax_ops",
  TimeTzMinMaxMultiOps: "timetz_minmax_multi_ops",
  UuidBloomOps: "uuid_bloom_ops",
  UuidMinMaxOps: "uuid_minmax_ops",
  UuidMinMaxMultiOps: "uuid_minmax_multi_ops",
};

function operatorClass(name: string | undefined): string | undefined {
  if (!name) return undefined;
  // raw("…") operator classes arrive verbatim; named ones are Prisma's PascalCase enum members.
  return OPERATOR_CLASSES[name] ?? name;
}

// ───────────────────────── DMMF → table specs ─────────────────────────

function tableName(model: DmmfModel): string {
  if (model.schema) throw new Error(`Model ${model.name}: multi-schema (@@schema) is not supported by schema-sql`);
  return model.dbName ?? model.name;
}

export function buildSchemaSpec(datamodel: DmmfDatamodel, schemaText: string): SchemaSpec {
  const extras = parseSchemaExtras(schemaText);
  const enumValues = new Map(datamodel.enums.map((e) => [e.name, new Map(e.values.map((v) => [v.name, v.dbName ?? v.name]))]));
  const enumDbName = new Map(datamodel.enums.map((e) => [e.name, e.dbName ?? e.name]));
  const modelsByName = new Map(datamodel.models.map((m) => [m.name, m]));

  const columnOf = (model: DmmfModel, fieldName: string): string => {
    const field = model.fields.find((f) => f.name === fieldName);
    if (field) return field.dbName ?? field.name;
    const unsupported = extras.models.get(model.name)?.unsupported.get(fieldName);
    if (unsupported) return unsupported.dbName;
    throw new Error(`Model ${model.name} has no field ${fieldName}`);
  };

  const tables: TableSpec[] = datamodel.models.map((model) => {
    const raw = extras.models.get(model.name);
    if (!raw) throw new Error(`Model ${model.name} not found in the schema text`);
    const table = tableName(model);

    const columns: ColumnSpec[] = [];
    for (const fieldName of raw.fieldOrder) {
      const unsupported = raw.unsupported.get(fieldName);
      if (unsupported) {
        columns.push({
          field: fieldName,
          name: unsupported.dbName,
          type: unsupported.type + (unsupported.isList ? "[]" : ""),
          notNull: !unsupported.optional && !unsupported.isList,
          default: unsupported.dbGenerated,
          isAutoincrement: false,
          isList: unsupported.isList,
          isUnsupported: true,
        });
        continue;
      }
      const field = model.fields.find((f) => f.name === fieldName);
      if (!field || field.kind === "object") continue;
      let type: string;
      if (field.kind === "enum") {
        type = quoteIdent(enumDbName.get(field.type) ?? field.type);
      } else {
        type = scalarType(field);
      }
      if (field.isList) type += "[]";
      const def = renderDefault(field, type, enumValues);
      if (def.autoincrement) {
        const serial = SERIAL[type];
        if (!serial) throw new Error(`${model.name}.${field.name}: autoincrement() needs an Int or BigInt column`);
        type = serial;
      }
      columns.push({
        field: field.name,
        name: field.dbName ?? field.name,
        type,
        notNull: field.isRequired && !field.isList,
        default: def.sql,
        isAutoincrement: def.autoincrement,
        isList: field.isList,
        enumName: field.kind === "enum" ? (enumDbName.get(field.type) ?? field.type) : undefined,
        isUnsupported: false,
      });
    }

    let primaryKey: TableSpec["primaryKey"] = null;
    const indexes: IndexSpec[] = [];
    for (const index of datamodel.indexes.filter((i) => i.model === model.name)) {
      const cols = index.fields.map((f) => columnOf(model, f.name));
      if (index.type === "id") {
        primaryKey = { name: index.dbName ?? primaryKeyName(table), columns: cols };
        continue;
      }
      if (index.type === "fulltext") throw new Error(`Model ${model.name}: @@fulltext is MySQL-only`);
      const unique = index.type === "unique";
      indexes.push({
        name: index.dbName ?? (unique ? uniqueIndexName(table, cols) : indexName(table, cols)),
        unique,
        algorithm: (index.algorithm ?? "BTree").toUpperCase(),
        columns: index.fields.map((f, i) => ({
          name: cols[i],
          sortOrder: f.sortOrder ? (f.sortOrder.toUpperCase() as "ASC" | "DESC") : undefined,
          operatorClass: operatorClass(f.operatorClass),
        })),
      });
    }

    const foreignKeys: ForeignKeySpec[] = [];
    for (const field of model.fields) {
      if (field.kind !== "object" || !field.relationFromFields?.length) continue;
      const target = modelsByName.get(field.type);
      if (!target) throw new Error(`${model.name}.${field.name}: unknown related model ${field.type}`);
      const fkColumns = field.relationFromFields.map((f) => columnOf(model, f));
      // Prisma's defaults: required relation → ON DELETE RESTRICT, optional → SET NULL; ON UPDATE CASCADE.
      const onDeleteDefault = field.isRequired ? "Restrict" : "SetNull";
      foreignKeys.push({
        name: raw.relationMaps.get(field.name) ?? foreignKeyName(table, fkColumns),
        columns: fkColumns,
        referencedTable: tableName(target),
        referencedColumns: (field.relationToFields ?? []).map((f) => columnOf(target, f)),
        onDelete: REFERENTIAL[field.relationOnDelete ?? onDeleteDefault],
        onUpdate: REFERENTIAL[field.relationOnUpdate ?? "Cascade"],
      });
    }

    return { model: model.name, name: table, columns, primaryKey, indexes, foreignKeys };
  });

  const enums: EnumSpec[] = datamodel.enums.map((e) => ({
    name: e.dbName ?? e.name,
    values: e.values.map((v) => v.dbName ?? v.name),
  }));

  const isExtension = (s: CustomSql) => /^\s*CREATE\s+EXTENSION\b/i.test(s.sql);
  return {
    enums,
    tables,
    extensions: extras.sql.filter(isExtension),
    customSql: extras.sql.filter((s) => !isExtension(s)),
  };
}

// ───────────────────────── Rendering (migration.sql layout) ─────────────────────────

function renderIndex(table: TableSpec, index: IndexSpec): string {
  const using = index.algorithm === "BTREE" ? "" : ` USING ${index.algorithm} `;
  const cols = index.columns
    .map((c) => [quoteIdent(c.name), c.operatorClass, c.sortOrder].filter(Boolean).join(" "))
    .join(", ");
  return `CREATE ${index.unique ? "UNIQUE " : ""}INDEX ${quoteIdent(index.name)} ON ${quoteIdent(table.name)}${using}(${cols})`;
}

function renderTable(table: TableSpec): string {
  const columns = table.columns.map((c) => {
    const notNull = c.notNull ? " NOT NULL" : "";
    const def = c.default ? ` DEFAULT ${c.default}` : "";
    return `${INDENT}${quoteIdent(c.name)} ${c.type}${notNull}${def}`;
  });
  const pk = table.primaryKey
    ? `,\n\n${INDENT}CONSTRAINT ${quoteIdent(table.primaryKey.name)} PRIMARY KEY (${table.primaryKey.columns.map(quoteIdent).join(",")})`
    : "";
  return `CREATE TABLE ${quoteIdent(table.name)} (\n${columns.join(",\n")}${pk}\n)`;
}

function renderForeignKey(table: TableSpec, fk: ForeignKeySpec): string {
  return (
    `ALTER TABLE ${quoteIdent(table.name)} ADD CONSTRAINT ${quoteIdent(fk.name)} ` +
    `FOREIGN KEY (${fk.columns.map(quoteIdent).join(", ")}) ` +
    `REFERENCES ${quoteIdent(fk.referencedTable)}(${fk.referencedColumns.map(quoteIdent).join(", ")}) ` +
    `ON DELETE ${fk.onDelete} ON UPDATE ${fk.onUpdate}`
  );
}

export function renderSchemaSpec(spec: SchemaSpec): string {
  const steps: string[] = [];
  const step = (comment: string, sql: string) => steps.push(`-- ${comment}\n${sql.replace(/;\s*$/, "")};`);
  for (const ext of spec.extensions) step("CreateExtension", ext.sql);
  for (const e of spec.enums) step("CreateEnum", `CREATE TYPE ${quoteIdent(e.name)} AS ENUM (${e.values.map(quoteString).join(", ")})`);
  for (const t of spec.tables) step("CreateTable", renderTable(t));
  for (const t of spec.tables) for (const i of t.indexes) step("CreateIndex", renderIndex(t, i));
  for (const t of spec.tables) for (const fk of t.foreignKeys) step("AddForeignKey", renderForeignKey(t, fk));
  for (const s of spec.customSql) step(`CustomSql (/// sql: at schema.prisma line ${s.line})`, s.sql);
  return `${steps.join("\n\n")}\n`;
}

/** Schema text → full migration.sql for an empty database. */
export function renderSchemaSql(schemaText: string, schemaPath = "schema.prisma"): string {
  return renderSchemaSpec(buildSchemaSpec(getDmmf(schemaText, schemaPath), schemaText));
}
