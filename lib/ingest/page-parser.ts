// Parses conversation pages (lib/ingest/conversation-page.ts) on a worker thread, so that a sync's
// parsing, validation and hashing of page N+1 run on the second core while the main thread writes page N
// and downloads files: on a two-core machine shared with the database, the main thread was the limit.
// One worker, pages in order. If the worker cannot start or dies, pages are parsed on the calling
// thread from then on (slower, same result): nothing is lost, and the run says so in its log.
import path from "node:path";
import { fileURLToPath } from "node:url";
import { Worker } from "node:worker_threads";
import { InvalidPageError } from "@/lib/compliance-api/pagination";
import { parseConversationPage, type ParsedConversationPage } from "@/lib/ingest/conversation-page";

type Pending = { body: Buffer; resolve: (page: ParsedConversationPage) => void; reject: (err: unknown) => void };
type Reply = { ready: true } | { id: number; page: ParsedConversationPage } | { id: number; error: { message: string; invalidPage: string | null } };

/** The worker's heap; its pages are short-lived, so most of it is young generation. */
const WORKER_LIMITS = { maxOldGenerationSizeMb: 64, maxYoungGenerationSizeMb: 24 };
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

  /** The page's envelope and records. Throws InvalidPageError when the bytes are not a list page. */
  parse(body: Buffer): Promise<ParsedConversationPage> {
    const worker = this.ensureWorker();
    if (!worker) return Promise.resolve().then(() => parseConversationPage(body));
    return new Promise((resolve, reject) => {
      const id = ++this.nextId;
      this.pending.set(id, { body, resolve, reject });
      // A copy goes over (transferred, not cloned): the caller keeps `body` for the database.
      const copy = new Uint8Array(body.byteLength);
      copy.set(body);
      worker.ref();
      worker.postMessage({ id, body: copy }, [copy.buffer]);
    });
  }

  async close(): Promise<void> {
    const worker = this.worker;
    this.worker = null;
    this.disabled = true;
    this.failPending(null);
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
    if ("ready" in reply) return;
    const p = this.pending.get(reply.id);
    if (!p) return;
    this.pending.delete(reply.id);
    if (!this.pending.size) this.worker?.unref();
    if ("page" in reply) p.resolve(reply.page);
    else p.reject(reply.error.invalidPage !== null ? new InvalidPageError(reply.error.invalidPage) : new Error(reply.error.message));
  }

  /** The worker is gone: parse here from now on, including the pages it had not answered. */
  private fallBack(err: unknown): void {
    if (this.disabled) return;
    console.warn(`[ingest] parsing pages on the main thread: ${err instanceof Error ? err.message : String(err)}`);
    const worker = this.worker;
    this.worker = null;
    this.disabled = true;
    void worker?.terminate();
    this.failPending(parseConversationPage);
  }

  private failPending(retry: ((body: Buffer) => ParsedConversationPage) | null): void {
    for (const [id, p] of this.pending) {
      this.pending.delete(id);
      if (!retry) p.reject(new Error("the page parser was closed"));
      else {
        try {
          p.resolve(retry(p.body));
        } catch (e) {
          p.reject(e);
        }
      }
    }
  }
}
