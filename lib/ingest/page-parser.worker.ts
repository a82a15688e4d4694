// Worker thread of lib/ingest/page-parser.ts: parses conversation pages as the main thread sends them.
import { parentPort } from "node:worker_threads";
import { InvalidPageError } from "@/lib/compliance-api/pagination";
import { parseConversationPage } from "@/lib/ingest/conversation-page";

parentPort!.on("message", (msg: { id: number; body: Uint8Array }) => {
  try {
    parentPort!.postMessage({ id: msg.id, page: parseConversationPage(msg.body) });
  } catch (err) {
    const invalidPage = err instanceof InvalidPageError ? err.reason : null;
    parentPort!.postMessage({ id: msg.id, error: { message: err instanceof Error ? err.message : String(err), invalidPage } });
  }
});
parentPort!.postMessage({ ready: true });
