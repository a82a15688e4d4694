// Worker-thread entry of lib/ingest/page-parser.ts: loads the TypeScript worker through tsx's API, which
// works whichever way the parent runs TypeScript (tsx's loader in the worker and sync processes, Vitest).
import { tsImport } from "tsx/esm/api";

await tsImport("./page-parser.worker.ts", import.meta.url);
