// Reads the Prisma schema's DMMF offline, through the prisma-schema wasm module that the `prisma` package
// ships (node_modules/prisma/build/prisma_schema_build_bg.wasm) — the same engine `prisma generate` uses.
// `@prisma/internals` is not a dependency, so this is a minimal wasm-bindgen binding for `get_dmmf` only.
// Used by scripts/schema-sql.ts (schema → DDL) and the schema/migrations agreement test.
import fs from "node:fs";
import path from "node:path";
import { createRequire } from "node:module";

export type DmmfFieldKind = "scalar" | "object" | "enum" | "unsupported";

export interface DmmfDefault {
  name: string;
  args: unknown[];
}

export interface DmmfField {
  name: string;
  dbName: string | null;
  kind: DmmfFieldKind;
  isList: boolean;
  isRequired: boolean;
  isUnique: boolean;
  isId: boolean;
  isReadOnly: boolean;
  hasDefaultValue: boolean;
  type: string;
  nativeType?: [string, string[]] | null;
  /** A function default (`{ name, args }`), a literal, or a list of literals. */
  default?: DmmfDefault | string | number | boolean | unknown[];
  relationName?: string;
  relationFromFields?: string[];
  relationToFields?: string[];
  relationOnDelete?: string;
  relationOnUpdate?: string;
  isGenerated: boolean;
  isUpdatedAt: boolean;
  documentation?: string;
}

export interface DmmfModel {
  name: string;
  dbName: string | null;
  schema: string | null;
  fields: DmmfField[];
  primaryKey: { name: string | null; fields: string[] } | null;
  uniqueFields: string[][];
  uniqueIndexes: { name: string | null; fields: string[] }[];
  documentation?: string;
}

export interface DmmfEnum {
  name: string;
  dbName?: string | null;
  values: { name: string; dbName: string | null }[];
  documentation?: string;
}

export interface DmmfIndexField {
  name: string;
  sortOrder?: "asc" | "desc";
  length?: number;
  operatorClass?: string;
}

export interface DmmfIndex {
  model: string;
  type: "id" | "unique" | "normal" | "fulltext";
  isDefinedOnField: boolean;
  name?: string;
  dbName?: string;
  algorithm?: string;
  clustered?: boolean;
  fields: DmmfIndexField[];
}

export interface DmmfDatamodel {
  models: DmmfModel[];
  enums: DmmfEnum[];
  types: unknown[];
  indexes: DmmfIndex[];
}

interface SchemaWasmExports {
  memory: WebAssembly.Memory;
  get_dmmf(ptr: number, len: number): [number, number, number, number];
  __wbindgen_malloc(size: number, align: number): number;
  __wbindgen_free(ptr: number, len: number, align: number): void;
  __wbindgen_externrefs: WebAssembly.Table;
  __externref_table_dealloc(index: number): void;
  __wbindgen_start(): void;
}

let wasm: SchemaWasmExports | null = null;
let panicMessage = "";

const decoder = new TextDecoder("utf-8", { ignoreBOM: true, fatal: true });
const encoder = new TextEncoder();

function readString(ptr: number, len: number): string {
  return decoder.decode(new Uint8Array(wasm!.memory.buffer).subarray(ptr >>> 0, (ptr >>> 0) + len));
}

function locateWasm(): string {
  const require = createRequire(import.meta.url);
  const prismaDir = path.dirname(require.resolve("prisma/package.json"));
  const file = path.join(prismaDir, "build", "prisma_schema_build_bg.wasm");
  if (!fs.existsSync(file)) throw new Error(`Prisma schema wasm not found at ${file} (is the prisma package installed?)`);
  return file;
}

function loadWasm(): SchemaWasmExports {
  if (wasm) return wasm;
  // The only imports this module needs: error construction, throwing, panic messages, externref table setup.
  const imports = {
    __wbindgen_placeholder__: {
      __wbg_Error_e83987f665cf5504: (ptr: number, len: number) => new Error(readString(ptr, len)),
      __wbg___wbindgen_throw_b855445ff6a94295: (ptr: number, len: number) => {
        throw new Error(readString(ptr, len));
      },
      __wbg_set_message_f22ac4a6869ee695: (ptr: number, len: number) => {
        panicMessage = readString(ptr, len);
      },
      __wbindgen_init_externref_table: () => {
        const table = wasm!.__wbindgen_externrefs;
        const offset = table.grow(4);
        table.set(0, undefined);
        table.set(offset + 0, undefined);
        table.set(offset + 1, null);
        table.set(offset + 2, true);
        table.set(offset + 3, false);
      },
    },
  };
  const wasmModule = new WebAssembly.Module(fs.readFileSync(locateWasm()));
  const instance = new WebAssembly.Instance(wasmModule, imports as unknown as WebAssembly.Imports);
  wasm = instance.exports as unknown as SchemaWasmExports;
  wasm.__wbindgen_start();
  return wasm;
}

/** Parses a schema and returns its DMMF datamodel; throws the engine's validation errors verbatim. */
export function getDmmf(schema: string, schemaPath = "schema.prisma"): DmmfDatamodel {
  const w = loadWasm();
  const params = encoder.encode(JSON.stringify({ prismaSchema: [[schemaPath, schema]], noColor: true }));
  const ptr = w.__wbindgen_malloc(params.length, 1) >>> 0;
  new Uint8Array(w.memory.buffer).set(params, ptr);
  let result: [number, number, number, number];
  try {
    result = w.get_dmmf(ptr, params.length);
  } catch (err) {
    // A Rust panic leaves the instance unusable: drop it so the next call starts fresh.
    wasm = null;
    throw new Error(`Prisma schema engine panicked: ${panicMessage || String(err)}`);
  }
  const [outPtr, outLen, errRef, isErr] = result;
  if (isErr) {
    const error = w.__wbindgen_externrefs.get(errRef) as unknown;
    w.__externref_table_dealloc(errRef);
    const message = error instanceof Error ? error.message : String(error);
    throw new Error(`Invalid Prisma schema ${schemaPath}:\n${formatEngineError(message)}`);
  }
  try {
    const dmmf = JSON.parse(readString(outPtr, outLen)) as { datamodel: DmmfDatamodel };
    return dmmf.datamodel;
  } finally {
    w.__wbindgen_free(outPtr, outLen, 1);
  }
}

export function readDmmfFromFile(schemaPath: string): DmmfDatamodel {
  return getDmmf(fs.readFileSync(schemaPath, "utf8"), schemaPath);
}

function formatEngineError(message: string): string {
  try {
    const parsed = JSON.parse(message) as { message?: string };
    return parsed.message ?? message;
  } catch {
    return message;
  }
}
