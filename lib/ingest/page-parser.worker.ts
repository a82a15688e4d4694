// Worker thread of lib/ingest/page-parser.ts: parses conversation pages as the main thread sends them,
// and hands each page's bytes back with the result (transferred both ways, never copied).
import { parentPort } from "node:worker_threads";
import { InvalidPageError } from "@/lib/compliance-api/pagination";
import { parseConversationPage } from "@/lib/ingest/conversation-page";

parentPort!.on("message", (msg: { id: number; bytes: ArrayBuffer }) => {
  const transfer = [msg.bytes];
  try {
    parentPort!.postMessage({ id: msg.id, bytes: msg.bytes, page: parseConversationPage(new Uint8Array(msg.bytes)) }, transfer);
  } catch (err) {
    const invalidPage = err instanceof InvalidPageError ? err.reason : null;
    parentPort!.postMessage({ id: msg.id, bytes: msg.bytes, error: { message: err instanceof Error ? err.message : String(err), invalidPage } }, transfer);
  }
});
