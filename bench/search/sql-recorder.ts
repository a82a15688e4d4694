// Records the SQL an engine runs through its pg.Pool (text, values, duration), so the benchmark can show
// which statement of a slow search was slow and EXPLAIN ANALYZE it with the very same parameters.
import type pg from "pg";

export interface RecordedStatement {
  text: string;
  values: unknown[];
  ms: number;
}

type QueryFn = (...args: unknown[]) => unknown;

export class SqlRecorder {
  private log: RecordedStatement[] | null = null;

  /** Start collecting; `stop()` returns what ran in between. */
  start(): void {
    this.log = [];
  }

  stop(): RecordedStatement[] {
    const out = this.log ?? [];
    this.log = null;
    return out;
  }

  private wrapQuery(target: { query: QueryFn }): QueryFn {
    const original = target.query.bind(target);
    return (...args: unknown[]) => {
      const log = this.log;
      const first = args[0];
      // Only the promise form with text (+ values) or a config object is recorded; streams pass through.
      const isText = typeof first === "string";
      const isConfig = first !== null && typeof first === "object" && typeof (first as { text?: unknown }).text === "string" && typeof (first as { submit?: unknown }).submit !== "function";
      const hasCallback = args.some((a) => typeof a === "function");
      if (!log || hasCallback || (!isText && !isConfig)) return original(...args);
      const text = isText ? first : (first as { text: string }).text;
      const values = ((isText ? args[1] : (first as { values?: unknown[] }).values) ?? []) as unknown[];
      const started = performance.now();
      const result = original(...args) as Promise<unknown>;
      return result.then((r) => {
        log.push({ text, values, ms: performance.now() - started });
        return r;
      });
    };
  }

  /** A pool that behaves like `pool` but records statements run on it or on clients it hands out. */
  wrap(pool: pg.Pool): pg.Pool {
    const wrapClient = (client: pg.PoolClient): pg.PoolClient =>
      new Proxy(client, {
        get: (target, prop, receiver) => {
          if (prop === "query") return this.wrapQuery(target as unknown as { query: QueryFn });
          const v = Reflect.get(target, prop, receiver);
          return typeof v === "function" ? v.bind(target) : v;
        },
      });
    return new Proxy(pool, {
      get: (target, prop, receiver) => {
        if (prop === "query") return this.wrapQuery(target as unknown as { query: QueryFn });
        if (prop === "connect") {
          return (cb?: unknown) => {
            if (typeof cb === "function") return target.connect(cb as never);
            return target.connect().then(wrapClient);
          };
        }
        const v = Reflect.get(target, prop, receiver);
        return typeof v === "function" ? v.bind(target) : v;
      },
    });
  }
}
