// Client-side pacing for the Compliance API. OpenAI limits each API key per endpoint (50 requests/min for
// lists, 100/min for single objects and file content; compliance-api.md §8), so one limiter is shared by
// every call a client makes and keyed by the endpoint *template* (all `/gpts/{gpt_id}/configs` calls share
// one bucket). A sliding window guarantees that no 60 s window ever holds more than N grants, which a
// token bucket with a burst would not. A 429's Retry-After blocks its endpoint for everyone until it
// elapses, even when pacing is disabled (`limits: null`, used with the simulator).

export type RateLimits = { listPerMinute: number; objectPerMinute: number };

/** What OpenAI documents. */
export const API_RATE_LIMITS: Readonly<RateLimits> = { listPerMinute: 50, objectPerMinute: 100 };
/** What the client uses by default: slightly under, because server arrival times jitter. */
export const DEFAULT_RATE_LIMITS: Readonly<RateLimits> = { listPerMinute: 45, objectPerMinute: 90 };

export const DEFAULT_RETRY_AFTER_MS = 60_000;

export type RateLimiterOptions = {
  windowMs?: number;
  /** Used when a 429 carries no (parseable) Retry-After. Default 60 s. */
  defaultRetryAfterMs?: number;
  /** Upper bound for a Retry-After block. Default 5 min. */
  maxRetryAfterMs?: number;
  now?: () => number;
  sleep?: (ms: number) => Promise<void>;
};

export const realSleep = (ms: number): Promise<void> => new Promise((resolve) => setTimeout(resolve, ms));

export class RateLimiter {
  private readonly windowMs: number;
  private readonly defaultRetryAfterMs: number;
  private readonly maxRetryAfterMs: number;
  private readonly now: () => number;
  private readonly sleep: (ms: number) => Promise<void>;
  /** Grant times inside the current window, oldest first, per endpoint. */
  private readonly grants = new Map<string, number[]>();
  private readonly blocked = new Map<string, number>();

  constructor(opts: RateLimiterOptions = {}) {
    this.windowMs = opts.windowMs ?? 60_000;
    this.defaultRetryAfterMs = opts.defaultRetryAfterMs ?? DEFAULT_RETRY_AFTER_MS;
    this.maxRetryAfterMs = opts.maxRetryAfterMs ?? 300_000;
    this.now = opts.now ?? Date.now;
    this.sleep = opts.sleep ?? realSleep;
  }

  /**
   * Resolves when a request to `key` may be sent: after any Retry-After block and, when `perMinute` is a
   * number, once fewer than `perMinute` requests were granted in the last window. The check and the grant
   * happen without an await in between, so concurrent callers cannot overshoot.
   */
  async acquire(key: string, perMinute: number | null): Promise<void> {
    if (perMinute !== null && !(Number.isInteger(perMinute) && perMinute >= 1)) {
      throw new RangeError(`Rate limit for ${key} must be a positive integer, got ${perMinute}`);
    }
    for (;;) {
      const now = this.now();
      const until = this.blocked.get(key);
      if (until !== undefined) {
        if (now < until) {
          await this.sleep(until - now);
          continue;
        }
        this.blocked.delete(key);
      }
      if (perMinute === null) return;
      const times = this.grants.get(key) ?? [];
      while (times.length > 0 && times[0] <= now - this.windowMs) times.shift();
      if (times.length < perMinute) {
        times.push(now);
        this.grants.set(key, times);
        return;
      }
      await this.sleep(times[0] + this.windowMs - now);
    }
  }

  /**
   * Blocks `key` for `retryAfterMs` (null → the default), capped by maxRetryAfterMs. Returns the block
   * applied. A longer existing block is kept.
   */
  block(key: string, retryAfterMs: number | null): number {
    const ms = Math.min(Math.max(0, retryAfterMs ?? this.defaultRetryAfterMs), this.maxRetryAfterMs);
    const until = this.now() + ms;
    const current = this.blocked.get(key) ?? 0;
    if (until > current) this.blocked.set(key, until);
    return ms;
  }

  /** Milliseconds until `key` is unblocked (0 if it is not blocked). */
  blockedForMs(key: string): number {
    const until = this.blocked.get(key);
    return until === undefined ? 0 : Math.max(0, until - this.now());
  }
}

/** `Retry-After` as delta-seconds or an HTTP date → milliseconds from `nowMs`; null if absent or unparseable. */
export function parseRetryAfter(value: string | null | undefined, nowMs: number): number | null {
  if (value === null || value === undefined) return null;
  const text = value.trim();
  if (!text) return null;
  if (/^\d+(\.\d+)?$/.test(text)) return Math.ceil(Number(text) * 1000);
  const date = Date.parse(text);
  if (Number.isNaN(date)) return null;
  return Math.max(0, date - nowMs);
}
