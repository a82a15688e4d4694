// SearchDocuments as rows of PostgreSQL's COPY text format, for the benchmark's bulk load. The columns and
// their types are those of the engine's own upsert record (jsonb_to_recordset … AS j(<columns>)), read
// from the statement it runs, so each value is exactly what the engine would receive as JSON.
import type { SearchDocument } from "@/lib/search/types";

export interface RecordColumn {
  name: string;
  /** The record type of the column: text, text[], int8, int4, boolean … */
  type: string;
}

/** Parses `"id" text, "userKeys" text[], "time" int8, …` (the engine's record definition). */
export function parseRecordColumns(definition: string): RecordColumn[] {
  const columns: RecordColumn[] = [];
  for (const m of definition.matchAll(/"([^"]+)"\s+([a-z0-9_]+(?:\[\])?)/gi)) columns.push({ name: m[1], type: m[2].toLowerCase() });
  return columns;
}

const NULL = "\\N";
const COPY_SPECIAL = /[\\\n\r\t]/g;
const COPY_ESCAPES: Record<string, string> = { "\\": "\\\\", "\n": "\\n", "\r": "\\r", "\t": "\\t" };

/** One field of COPY text format (PostgreSQL text cannot hold U+0000: the generator never makes it). */
function field(value: string): string {
  return value.replace(COPY_SPECIAL, (c) => COPY_ESCAPES[c]);
}

/** A text[] literal: every element quoted, `"` and `\` backslash-escaped. */
function arrayLiteral(values: readonly unknown[]): string {
  return `{${values.map((v) => (v === null ? "NULL" : `"${String(v).replace(/["\\]/g, (c) => `\\${c}`)}"`)).join(",")}}`;
}

export function copyRow(doc: SearchDocument, columns: readonly RecordColumn[]): string {
  const record = doc as unknown as Record<string, unknown>;
  const cells: string[] = [];
  for (const { name, type } of columns) {
    const v = record[name];
    if (v === null || v === undefined) cells.push(NULL);
    else if (Array.isArray(v)) cells.push(field(arrayLiteral(v)));
    else if (typeof v === "boolean") cells.push(v ? "t" : "f");
    else if (typeof v === "number") cells.push(type.startsWith("int") ? String(Math.trunc(v)) : String(v));
    else cells.push(field(String(v)));
  }
  return `${cells.join("\t")}\n`;
}
