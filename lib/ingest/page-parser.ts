// Parses conversation pages (lib/ingest/conversation-page.ts) on a worker thread, so that a sync's
// parsing, validation and hashing of page N+1 run on the second core while the main thread writes page N
// and downloads files: on a two-core machine shared with the database, the main thread was the limit.
// One worker, pages in order; a page's bytes are transferred to the worker and back, not copied.
// If the worker cannot start or dies, pages are parsed on the calling thread from then on (slower, same
// result); a page it had not answered fails with InvalidPageError, so the client fetches it again.
import path from "node:path";
import { fileURLToPath } from "node:url";
import { Worker } from "node:worker_threads";
import { InvalidPageError } from "@/lib/compliance-api/pagination";
import { parseConversationPage, type ParsedConversationPage } from "@/lib/ingest/conversation-page";

export type ParsedPageWithBytes = ParsedConversationPage & { body: Buffer };

type Pending = { resolve: (page: ParsedPageWithBytes) => void; reject: (err: unknown) => void };
type Reply =
  | { id: number; bytes: ArrayBuffer; page: ParsedConversationPage }
  | { id: number; bytes: ArrayBuffer; error: { message: string; invalidPage: string | null } };

/**
 * The worker's heap. Its pages die young, but the young generation is what a process's peak memory
 * follows (bench:ingest (c)): these limits keep the sync process under 300 MB without slowing it.
 */
const WORKER_LIMITS = { maxOldGenerationSizeMb: 48, maxYoungGenerationSizeMb: 8 };
// Not a static `new URL(…)`: bundlers (the Next.js build sees this module) must not try to bundle it.
const WORKER_ENTRY = "page-parser.worker.mjs";

export class PageParser {
  private worker: Worker | null = null;
  private disabled: boolean;
  private nextId = 0;
  private readonly pending = new Map<number, Pending>();

  /** `threads: false` parses on the calling thread. */
  constructor(opts: { threads?: boolean } = {}) {
    this.disabled = opts.threads === false;
  }

  /**
   * The page's envelope and records, and its bytes as `body`. Takes ownership of `body` (it may be
   * handed to the worker): use the returned `body`. Throws InvalidPageError when the bytes are not a
   * list page, or when the worker died before answering (fetch the page again).
   */
  parse(body: Buffer): Promise<ParsedPageWithBytes> {
    const worker = this.ensureWorker();
    if (!worker) return Promise.resolve().then(() => ({ ...parseConversationPage(body), body }));
    // A Buffer sharing Node's pool (small bodies) or a larger allocation cannot be transferred alone.
    const own = body.byteOffset === 0 && body.byteLength === body.buffer.byteLength && body.buffer instanceof ArrayBuffer;
    const bytes = own ? (body.buffer as ArrayBuffer) : new Uint8Array(body).buffer;
    return new Promise((resolve, reject) => {
      const id = ++this.nextId;
      this.pending.set(id, { resolve, reject });
      worker.ref();
      worker.postMessage({ id, bytes }, [bytes]);
    });
  }

  async close(): Promise<void> {
    const worker = this.worker;
    this.worker = null;
    this.disabled = true;
    this.failPending(new Error("the page parser was closed"));
    if (worker) await worker.terminate();
  }

  private ensureWorker(): Worker | null {
    if (this.worker || this.disabled) return this.worker;
    try {
      const entry = path.join(path.dirname(fileURLToPath(import.meta.url)), WORKER_ENTRY);
      const worker = new Worker(entry, { resourceLimits: WORKER_LIMITS });
      worker.on("message", (reply: Reply) => this.onReply(reply));
      worker.on("error", (err) => this.fallBack(err));
      worker.on("exit", (code) => {
        if (this.worker === worker) this.fallBack(new Error(`the page parser thread exited (code ${code})`));
      });
      worker.unref();
      this.worker = worker;
    } catch (err) {
      this.fallBack(err);
    }
    return this.worker;
  }

  private onReply(reply: Reply): void {
    const p = this.pending.get(reply.id);
    if (!p) return;
    this.pending.delete(reply.id);
    if (!this.pending.size) this.worker?.unref();
    if ("page" in reply) p.resolve({ ...reply.page, body: Buffer.from(reply.bytes) });
    else p.reject(reply.error.invalidPage !== null ? new InvalidPageError(reply.error.invalidPage) : new Error(reply.error.message));
  }

  /** The worker is gone: parse here from now on; the pages it held are fetched again. */
  private fallBack(err: unknown): void {
    if (this.disabled) return;
    const why = err instanceof Error ? err.message : String(err);
    console.warn(`[ingest] parsing pages on the main thread: ${why}`);
    const worker = this.worker;
    this.worker = null;
    this.disabled = true;
    void worker?.terminate();
    this.failPending(new InvalidPageError(`a page the parser thread did not answer (it stopped: ${why})`));
  }

  private failPending(err: Error): void {
    for (const [id, p] of this.pending) {
      this.pending.delete(id);
      p.reject(err);
    }
  }
}
