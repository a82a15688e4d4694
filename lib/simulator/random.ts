// Seeded randomness for the simulator. Everything the simulator generates is a pure function of
// (seed, labels…): each conversation, message text or file body gets its own stream derived by hashing
// its coordinates, so any single object can be regenerated on demand without replaying the others.
// Math.random is never used here; the same seed always yields the same bytes.

export type Seed = number | string;

/** 32-bit FNV-1a over a string, then avalanche-mixed. */
function hashString(s: string, h = 0x811c9dc5): number {
  for (let i = 0; i < s.length; i++) {
    h ^= s.charCodeAt(i);
    h = Math.imul(h, 0x01000193);
  }
  return mix32(h);
}

/** murmur3 finaliser: spreads every input bit over the whole word. */
export function mix32(h: number): number {
  h ^= h >>> 16;
  h = Math.imul(h, 0x85ebca6b);
  h ^= h >>> 13;
  h = Math.imul(h, 0xc2b2ae35);
  h ^= h >>> 16;
  return h >>> 0;
}

/** Normalises a user-facing seed (number or string) to 32 bits. */
export function seedToInt(seed: Seed): number {
  if (typeof seed === "number" && Number.isInteger(seed) && seed >= 0 && seed <= 0xffffffff) return mix32(seed ^ 0x9e3779b9);
  return hashString(String(seed));
}

/** Derives an independent 32-bit stream seed from a base seed and a path of labels/indices. */
export function deriveSeed(base: number, ...parts: Array<string | number>): number {
  let h = base >>> 0;
  for (const part of parts) {
    if (typeof part === "number") {
      // Mix both halves so indices above 2^32 (never expected, but cheap) still differ.
      h = mix32((h ^ mix32((part >>> 0) + 0x632be5ab)) + Math.floor(part / 0x100000000));
    } else {
      h = hashString(part, h ^ 0x811c9dc5);
    }
  }
  return h >>> 0;
}

const ALNUM = "0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz";
const BYTE_HEX = Array.from({ length: 256 }, (_, i) => i.toString(16).padStart(2, "0"));

/** sfc32: small, fast, good statistical quality; 128-bit state seeded through splitmix32. */
export class Rng {
  private a: number;
  private b: number;
  private c: number;
  private d: number;

  constructor(seed: number) {
    let s = seed >>> 0;
    const next = () => {
      s = (s + 0x9e3779b9) >>> 0;
      let z = s;
      z = Math.imul(z ^ (z >>> 16), 0x85ebca6b);
      z = Math.imul(z ^ (z >>> 13), 0xc2b2ae35);
      return (z ^ (z >>> 16)) >>> 0;
    };
    this.a = next();
    this.b = next();
    this.c = next();
    this.d = next();
    for (let i = 0; i < 12; i++) this.u32();
  }

  u32(): number {
    const t = (((this.a + this.b) | 0) + this.d) | 0;
    this.d = (this.d + 1) | 0;
    this.a = this.b ^ (this.b >>> 9);
    this.b = (this.c + (this.c << 3)) | 0;
    this.c = (this.c << 21) | (this.c >>> 11);
    this.c = (this.c + t) | 0;
    return t >>> 0;
  }

  /** Uniform in [0, 1). */
  next(): number {
    return this.u32() / 4294967296;
  }

  /** Integer in [lo, hi] inclusive. */
  int(lo: number, hi: number): number {
    if (hi <= lo) return lo;
    return lo + Math.floor(this.next() * (hi - lo + 1));
  }

  float(lo: number, hi: number): number {
    return lo + this.next() * (hi - lo);
  }

  chance(p: number): boolean {
    return p > 0 && this.next() < p;
  }

  pick<T>(items: readonly T[]): T {
    return items[Math.floor(this.next() * items.length)];
  }

  /** Picks by relative weights (weights need not sum to 1). */
  weighted<T>(entries: ReadonlyArray<readonly [T, number]>): T {
    let total = 0;
    for (const [, w] of entries) total += w;
    let r = this.next() * total;
    for (const [v, w] of entries) {
      r -= w;
      if (r < 0) return v;
    }
    return entries[entries.length - 1][0];
  }

  shuffle<T>(items: T[]): T[] {
    for (let i = items.length - 1; i > 0; i--) {
      const j = Math.floor(this.next() * (i + 1));
      const t = items[i];
      items[i] = items[j];
      items[j] = t;
    }
    return items;
  }

  /** k distinct items (k clamped to the population), in draw order. */
  sample<T>(items: readonly T[], k: number): T[] {
    const n = Math.min(k, items.length);
    if (n * 4 < items.length) {
      // Sparse draw: no copy of a large population.
      const picked = new Set<number>();
      const out: T[] = [];
      while (out.length < n) {
        const i = Math.floor(this.next() * items.length);
        if (!picked.has(i)) {
          picked.add(i);
          out.push(items[i]);
        }
      }
      return out;
    }
    const copy = items.slice();
    for (let i = 0; i < n; i++) {
      const j = i + Math.floor(this.next() * (copy.length - i));
      const t = copy[i];
      copy[i] = copy[j];
      copy[j] = t;
    }
    return copy.slice(0, n);
  }

  /** Standard normal (Box–Muller). */
  normal(): number {
    const u = 1 - this.next();
    const v = this.next();
    return Math.sqrt(-2 * Math.log(u)) * Math.cos(2 * Math.PI * v);
  }

  /** Exponential with the given mean. */
  exp(mean: number): number {
    return -Math.log(1 - this.next()) * mean;
  }

  /**
   * A positive integer count with the given mean and a long right tail (log-normal), at least `min`.
   * Used for "messages per conversation"-style sizes, where a few objects are much bigger than most.
   */
  count(mean: number, min = 0, sigma = 0.6): number {
    if (mean <= min) return Math.max(min, Math.round(mean));
    const mu = Math.log(Math.max(mean - min, 1e-9)) - (sigma * sigma) / 2;
    return min + Math.round(Math.exp(mu + sigma * this.normal()));
  }

  hex(n: number): string {
    let out = "";
    while (out.length < n) {
      const v = this.u32();
      out += BYTE_HEX[v & 255] + BYTE_HEX[(v >>> 8) & 255] + BYTE_HEX[(v >>> 16) & 255] + BYTE_HEX[v >>> 24];
    }
    return out.length === n ? out : out.slice(0, n);
  }

  alnum(n: number): string {
    let out = "";
    for (let i = 0; i < n; i++) out += ALNUM[this.u32() % 62];
    return out;
  }

  /** RFC 4122 version-4 UUID. */
  uuid(): string {
    const h = this.hex(32);
    const variant = "89ab"[this.u32() & 3];
    return `${h.slice(0, 8)}-${h.slice(8, 12)}-4${h.slice(13, 16)}-${variant}${h.slice(17, 20)}-${h.slice(20, 32)}`;
  }

  /** Fills a buffer with pseudo-random bytes. */
  fill(buf: Uint8Array): Uint8Array {
    let i = 0;
    for (; i + 4 <= buf.length; i += 4) {
      const v = this.u32();
      buf[i] = v & 255;
      buf[i + 1] = (v >>> 8) & 255;
      buf[i + 2] = (v >>> 16) & 255;
      buf[i + 3] = v >>> 24;
    }
    for (; i < buf.length; i++) buf[i] = this.u32() & 255;
    return buf;
  }
}

/** A stream for one coordinate, e.g. rngFor(seed, "conversation", 17). */
export function rngFor(base: number, ...parts: Array<string | number>): Rng {
  return new Rng(deriveSeed(base, ...parts));
}

/**
 * Zipf–Mandelbrot sampler over ranks 0..n-1: P(r) ∝ 1 / (r + 1 + q)^s. The offset q flattens the head
 * so the most common word stays a few percent of tokens (as in real English) instead of ~10%.
 */
export class ZipfSampler {
  private readonly cdf: Float64Array;

  constructor(n: number, s = 1.0, q = 2.7) {
    this.cdf = new Float64Array(n);
    let total = 0;
    for (let r = 0; r < n; r++) {
      total += 1 / Math.pow(r + 1 + q, s);
      this.cdf[r] = total;
    }
    for (let r = 0; r < n; r++) this.cdf[r] /= total;
  }

  get size(): number {
    return this.cdf.length;
  }

  /** Probability of rank r (for tests and diagnostics). */
  probability(r: number): number {
    return this.cdf[r] - (r > 0 ? this.cdf[r - 1] : 0);
  }

  sample(rng: Rng): number {
    const u = rng.next();
    let lo = 0;
    let hi = this.cdf.length - 1;
    while (lo < hi) {
      const mid = (lo + hi) >>> 1;
      if (this.cdf[mid] < u) lo = mid + 1;
      else hi = mid;
    }
    return lo;
  }
}

/** Rounds Unix seconds to microseconds, the precision the real API shows. */
export function roundMicros(seconds: number): number {
  return Math.round(seconds * 1e6) / 1e6;
}
