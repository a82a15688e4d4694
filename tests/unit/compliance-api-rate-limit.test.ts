import { describe, expect, it } from "vitest";
import { parseRetryAfter, RateLimiter } from "@/lib/compliance-api/rate-limit";

/** A virtual clock: sleep() parks until the test advances time; run() drives all sleepers to completion. */
function virtualTime(start = 1_000_000) {
  let now = start;
  const timers: Array<{ at: number; resolve: () => void }> = [];
  const flush = () => new Promise<void>((r) => setImmediate(r));
  return {
    now: () => now,
    sleep: (ms: number) =>
      new Promise<void>((resolve) => {
        timers.push({ at: now + Math.max(0, ms), resolve });
      }),
    async run(done: () => boolean) {
      for (let guard = 0; guard < 100_000; guard++) {
        await flush();
        if (done()) return;
        timers.sort((a, b) => a.at - b.at);
        const next = timers.shift();
        if (!next) throw new Error("deadlock: nothing scheduled and not done");
        now = Math.max(now, next.at);
        next.resolve();
      }
      throw new Error("virtual time did not settle");
    },
  };
}

function maxInAnyWindow(times: number[], windowMs: number): number {
  const sorted = [...times].sort((a, b) => a - b);
  let best = 0;
  for (let i = 0, j = 0; j < sorted.length; j++) {
    while (sorted[j] - sorted[i] >= windowMs) i++;
    best = Math.max(best, j - i + 1);
  }
  return best;
}

describe("RateLimiter", () => {
  it("never grants more than N requests in any 60 s window, even with concurrent callers", async () => {
    const clock = virtualTime();
    const limiter = new RateLimiter({ now: clock.now, sleep: clock.sleep });
    const grants: number[] = [];
    let finished = 0;
    for (let i = 0; i < 230; i++) {
      void limiter.acquire("/users", 45).then(() => {
        grants.push(clock.now());
        finished++;
      });
    }
    await clock.run(() => finished === 230);
    expect(maxInAnyWindow(grants, 60_000)).toBe(45);
    // 230 grants at 45 per window need 5 more windows after the first burst.
    expect(Math.max(...grants) - Math.min(...grants)).toBeGreaterThanOrEqual(5 * 60_000);
    expect(Math.max(...grants) - Math.min(...grants)).toBeLessThan(6 * 60_000);
  });

  it("keeps separate budgets per endpoint and none when the limit is null", async () => {
    const clock = virtualTime();
    const limiter = new RateLimiter({ now: clock.now, sleep: clock.sleep });
    const start = clock.now();
    let done = 0;
    const track = () => done++;
    for (let i = 0; i < 3; i++) void limiter.acquire("/users", 3).then(track);
    for (let i = 0; i < 3; i++) void limiter.acquire("/gpts", 3).then(track);
    for (let i = 0; i < 500; i++) void limiter.acquire("/conversations", null).then(track);
    await clock.run(() => done === 506);
    expect(clock.now()).toBe(start);
  });

  it("honours a Retry-After block for that endpoint only, with the 60 s default and the cap", async () => {
    const clock = virtualTime();
    const limiter = new RateLimiter({ now: clock.now, sleep: clock.sleep, maxRetryAfterMs: 90_000 });
    const start = clock.now();
    expect(limiter.block("/users", 1_000)).toBe(1_000);
    const times: Record<string, number> = {};
    const acquire = (key: string, limit: number | null) =>
      limiter.acquire(key, limit).then(() => {
        times[key] = clock.now();
      });
    void acquire("/users", null);
    void acquire("/gpts", 50);
    await clock.run(() => Object.keys(times).length === 2);
    expect(times["/users"] - start).toBe(1_000);
    expect(times["/gpts"]).toBe(start);

    expect(limiter.block("/memories", null)).toBe(60_000);
    expect(limiter.block("/projects", 3_600_000)).toBe(90_000);
    expect(limiter.blockedForMs("/memories")).toBe(60_000);
    // A shorter block does not shorten a longer one.
    limiter.block("/memories", 5_000);
    expect(limiter.blockedForMs("/memories")).toBe(60_000);
  });
});

describe("parseRetryAfter", () => {
  it("reads delta-seconds and HTTP dates", () => {
    const now = Date.parse("2025-01-01T00:00:00Z");
    expect(parseRetryAfter("1", now)).toBe(1_000);
    expect(parseRetryAfter(" 30 ", now)).toBe(30_000);
    expect(parseRetryAfter("Wed, 01 Jan 2025 00:00:05 GMT", now)).toBe(5_000);
    expect(parseRetryAfter("Tue, 31 Dec 2024 23:00:00 GMT", now)).toBe(0);
    expect(parseRetryAfter(null, now)).toBeNull();
    expect(parseRetryAfter("soon", now)).toBeNull();
  });
});
