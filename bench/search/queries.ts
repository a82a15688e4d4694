// The benchmark's queries: what reviewers type, built deterministically from the generated corpus itself.
// A QuerySampler watches documents as they are generated (word document-frequencies over the first
// messages, short phrases cut from actual message text, custodians and GPTs weighted by how much they
// own); buildQueries() then draws each class from those pools with a seeded stream. Every query string
// goes through the real parser, so a query that does not parse is a bug here, not a benchmark result.
import { parseQuery, type ParsedQuery } from "@/lib/search/query-parser";
import type { SearchDocument } from "@/lib/search/types";
import { rngFor, type Rng } from "@/lib/simulator/random";
import { ENGLISH_VOCABULARY } from "@/lib/simulator/words-en";
import { CITIES, FIRST_NAMES, LAST_NAMES, LANGUAGES } from "@/lib/simulator/words-intl";
import { TAGS } from "./dataset";

export const QUERY_CLASSES = [
  "word-common",
  "word-mid",
  "word-rare",
  "two-words",
  "phrase",
  "exclusion",
  "or",
  "one-filter",
  "two-filters",
  "filters-only",
] as const;
export type QueryClass = (typeof QUERY_CLASSES)[number];

/** Share of each class in a 200-query run. "two-filters" is the class the p95 target applies to. */
const CLASS_COUNTS: Record<QueryClass, number> = {
  "word-common": 16,
  "word-mid": 16,
  "word-rare": 16,
  "two-words": 20,
  phrase: 20,
  exclusion: 14,
  or: 14,
  "one-filter": 24,
  "two-filters": 50,
  "filters-only": 10,
};

export interface BenchQuery {
  class: QueryClass;
  text: string;
  parsed: ParsedQuery;
}

// PostgreSQL's english.stop (Snowball): such words vanish from a tsquery, nobody searches for them alone.
const STOP_WORDS = new Set(
  `a about above after again against all am an and any are as at be because been before being below between both but by can
  did do does doing down during each few for from further had has have having he her here hers herself him himself his how i if
  in into is it its itself just me more most my myself no nor not now of off on once only or other our ours ourselves out over
  own same she should so some such than that the their theirs them themselves then there these they this those through to too
  under until up very was we were what when where which while who whom why will with you your yours yourself yourselves`.split(/\s+/),
);

// URL pieces are words to the tokenizer, but nobody searches for them.
for (const w of ["https", "http", "www", "com", "org", "net", "html"]) STOP_WORDS.add(w);

/**
 * Words a person could type: the generator's vocabularies (English, the other languages, names, cities).
 * Code identifiers (`budgetReview` → "budgetreview") are tokens too, but not realistic queries.
 */
const DICTIONARY = new Set(
  [...ENGLISH_VOCABULARY, ...Object.values(LANGUAGES).flatMap((l) => l.words), ...FIRST_NAMES, ...LAST_NAMES, ...CITIES].map((w) => w.toLowerCase()),
);

const WORD_RE = /^\p{L}{4,16}$/u;
const DAY_MS = 86_400_000;

interface Owner {
  id: string;
  name: string;
  email: string;
  docs: number;
}

export class QuerySampler {
  /** Message documents whose words are counted (document frequency). */
  sampled = 0;
  private readonly df = new Map<string, number>();
  private readonly phrases: string[] = [];
  private readonly users = new Map<string, Owner>();
  private readonly gpts = new Map<string, { id: string; name: string | null; docs: number }>();
  private seen = 0;
  private minTime = Infinity;
  private maxTime = -Infinity;

  constructor(
    private readonly seed: number,
    /** Expected message count: spreads phrase sampling over the whole run. */
    private readonly expected: number,
    private readonly wordSample = 40_000,
  ) {}

  observe(doc: SearchDocument): void {
    if (doc.type !== "message") return;
    const position = this.seen++;
    if (doc.userId && doc.userName && doc.userEmail) {
      const u = this.users.get(doc.userId);
      if (u) u.docs++;
      else this.users.set(doc.userId, { id: doc.userId, name: doc.userName, email: doc.userEmail, docs: 1 });
    }
    if (doc.gptId) {
      const g = this.gpts.get(doc.gptId);
      if (g) g.docs++;
      else this.gpts.set(doc.gptId, { id: doc.gptId, name: doc.gptName, docs: 1 });
    }
    if (doc.time !== null) {
      this.minTime = Math.min(this.minTime, doc.time);
      this.maxTime = Math.max(this.maxTime, doc.time);
    }
    if (!doc.body) return;
    if (this.sampled < this.wordSample) {
      this.sampled++;
      const words = new Set(doc.body.toLowerCase().split(/[^\p{L}]+/u));
      for (const w of words) if (WORD_RE.test(w) && !STOP_WORDS.has(w) && DICTIONARY.has(w)) this.df.set(w, (this.df.get(w) ?? 0) + 1);
    }
    const every = Math.max(1, Math.floor(this.expected / 600));
    if (position % every === 0) {
      const phrase = this.cutPhrase(doc.body, rngFor(this.seed, "bench-phrase", position));
      if (phrase) this.phrases.push(phrase);
    }
  }

  /** 2–3 adjacent plain words of one sentence (not all stop words), as a reviewer would quote them. */
  private cutPhrase(body: string, rng: Rng): string | null {
    const sentences = body.split(/[.!?\n]+/).map((s) => s.trim()).filter((s) => s.length > 20 && !/[`|#*_[\]{}()<>=/\\$%]/.test(s));
    if (!sentences.length) return null;
    const words = rng.pick(sentences).split(/[\s,;:]+/).filter(Boolean);
    const n = rng.int(2, 3);
    if (words.length < n) return null;
    const start = rng.int(0, words.length - n);
    const picked = words.slice(start, start + n);
    if (!picked.every((w) => /^\p{L}[\p{L}'-]*$/u.test(w))) return null;
    if (!picked.some((w) => w.length >= 4 && !STOP_WORDS.has(w.toLowerCase()))) return null;
    return picked.join(" ");
  }

  /** Words by document frequency band (share of sampled messages containing them). */
  bands(): { common: string[]; mid: string[]; rare: string[] } {
    const S = Math.max(1, this.sampled);
    const sorted = [...this.df.entries()].sort((a, b) => b[1] - a[1] || (a[0] < b[0] ? -1 : 1));
    const common = sorted.filter(([, n]) => n / S >= 0.02).map(([w]) => w);
    const mid = sorted.filter(([, n]) => n / S < 0.02 && n / S >= 0.001).map(([w]) => w);
    const rare = sorted.filter(([, n]) => n >= 2 && n / S < 0.0003).map(([w]) => w);
    return { common, mid, rare };
  }

  pools() {
    const byDocs = <T extends { docs: number; id: string }>(xs: Iterable<T>) => [...xs].sort((a, b) => b.docs - a.docs || (a.id < b.id ? -1 : 1));
    return {
      ...this.bands(),
      phrases: this.phrases,
      users: byDocs(this.users.values()),
      gpts: byDocs(this.gpts.values()),
      minTime: this.minTime,
      maxTime: this.maxTime,
    };
  }
}

type Pools = ReturnType<QuerySampler["pools"]>;

/** Picks with weight ∝ docs^0.7: busy custodians are searched more, but not only them. */
function pickWeighted<T extends { docs: number }>(rng: Rng, items: readonly T[]): T {
  return rng.weighted(items.map((x) => [x, Math.pow(x.docs, 0.7)] as const));
}

const isoDay = (t: number) => new Date(Math.floor(t / DAY_MS) * DAY_MS).toISOString().slice(0, 10);
const quote = (s: string) => (/\s/.test(s) ? `"${s}"` : s);

class QueryBuilder {
  constructor(
    private readonly rng: Rng,
    private readonly p: Pools,
  ) {}

  common = () => this.rng.pick(this.p.common.slice(0, 150));
  mid = () => this.rng.pick(this.p.mid);
  rare = () => this.rng.pick(this.p.rare.length ? this.p.rare : this.p.mid);
  phrase = () => `"${this.rng.pick(this.p.phrases)}"`;

  /** The free-text part of a filtered query: mostly a mid or common word, sometimes a phrase or two words. */
  text(): string {
    return this.rng.weighted<() => string>([
      [this.mid, 40],
      [this.common, 25],
      [this.rare, 10],
      [this.phrase, 15],
      [() => `${this.mid()} ${this.mid()}`, 10],
    ])();
  }

  user(): string {
    const u = pickWeighted(this.rng, this.p.users);
    const value = this.rng.weighted<() => string>([
      [() => u.name.split(" ")[0], 30],
      [() => u.name, 25],
      [() => u.email.slice(0, u.email.indexOf("@")), 25],
      [() => u.email, 20],
    ])();
    return `user:${quote(value)}`;
  }

  gpt(): string {
    const g = pickWeighted(this.rng, this.p.gpts);
    return this.rng.chance(0.5) || !g.name ? `gpt:${g.id}` : `gpt:${quote(g.name)}`;
  }

  role = () => `role:${this.rng.weighted([["user", 45], ["assistant", 45], ["tool", 10]] as const)}`;
  type = () => `type:${this.rng.weighted([["message", 80], ["memory", 7], ["gpt", 7], ["file", 6]] as const)}`;

  /** A day in the corpus' span, at least `margin` days from either end. */
  private day(margin: number): number {
    const lo = this.p.minTime + margin * DAY_MS;
    const hi = this.p.maxTime - margin * DAY_MS;
    return hi > lo ? this.rng.float(lo, hi) : this.p.maxTime;
  }
  after = () => `after:${isoDay(this.day(3))}`;
  before = () => `before:${isoDay(this.day(3))}`;

  /** A date window: after:D1 before:D2, 7–90 days wide. */
  window(): [string, string] {
    const start = this.day(10);
    const end = Math.min(this.p.maxTime, start + this.rng.int(7, 90) * DAY_MS);
    return [`after:${isoDay(start)}`, `before:${isoDay(end + DAY_MS)}`];
  }

  oneFilter(): string {
    return this.rng.weighted<() => string>([
      [() => this.user(), 25],
      [this.role, 15],
      [this.after, 10],
      [this.before, 5],
      [() => this.gpt(), 10],
      [this.type, 10],
      [() => `tag:${quote(this.rng.pick(TAGS))}`, 8],
      [() => "flagged:yes", 4],
      [() => "held:yes", 5],
      [() => "has:file", 4],
      [() => `status:${this.rng.pick(["reviewed", "escalated", "in_review"])}`, 4],
    ])();
  }

  /** Two distinct filters from user/role/after/before/gpt/type, never contradictory. */
  twoFilters(): string[] {
    const kinds = ["user", "role", "after", "before", "gpt", "type"] as const;
    const [a, b] = this.rng.sample(kinds, 2);
    const pair = new Set([a, b]);
    if (pair.has("after") && pair.has("before")) return this.window();
    const make = (k: (typeof kinds)[number]): string => {
      switch (k) {
        case "user":
          return this.user();
        case "role":
          return this.role();
        case "after":
          return this.after();
        case "before":
          return this.before();
        case "gpt":
          return this.gpt();
        case "type":
          // role: and gpt: only ever match messages (and GPT configs): keep the pair satisfiable.
          return pair.has("role") || pair.has("gpt") ? "type:message" : this.type();
      }
    };
    return [make(a), make(b)];
  }

  build(cls: QueryClass): string {
    const r = this.rng;
    switch (cls) {
      case "word-common":
        return this.common();
      case "word-mid":
        return this.mid();
      case "word-rare":
        return this.rare();
      case "two-words":
        return r.chance(0.5) ? `${this.mid()} ${this.mid()}` : `${this.common()} ${this.mid()}`;
      case "phrase":
        return this.phrase();
      case "exclusion":
        return r.chance(0.5) ? `${this.mid()} -${this.common()}` : `${this.common()} -${this.mid()}`;
      case "or":
        return r.chance(0.6) ? `${this.mid()} OR ${this.mid()}` : `(${this.mid()} OR ${this.rare()}) ${this.common()}`;
      case "one-filter":
        return `${this.text()} ${this.oneFilter()}`;
      case "two-filters":
        return [this.text(), ...this.twoFilters()].join(" ");
      case "filters-only":
        return r.weighted<() => string>([
          [() => `${this.user()} ${this.after()}`, 3],
          [() => `${this.user()} ${this.role()}`, 2],
          [() => `held:yes ${this.role()}`, 1],
          [() => `${this.gpt()} ${this.after()}`, 1],
          [() => `tag:${quote(r.pick(TAGS))} ${this.user()}`, 1],
          [() => this.window().join(" "), 1],
        ])();
    }
  }
}

/** `total` queries in class proportions (order shuffled, so classes interleave as in real use). */
export function buildQueries(pools: Pools, seed: number, total: number, label = "bench-queries"): BenchQuery[] {
  const rng = rngFor(seed, label);
  const builder = new QueryBuilder(rng, pools);
  const sum = Object.values(CLASS_COUNTS).reduce((a, b) => a + b, 0);
  const plan: QueryClass[] = [];
  for (const cls of QUERY_CLASSES) {
    const n = Math.max(1, Math.round((CLASS_COUNTS[cls] * total) / sum));
    for (let i = 0; i < n; i++) plan.push(cls);
  }
  while (plan.length > total) plan.splice(plan.lastIndexOf("two-filters"), 1);
  while (plan.length < total) plan.push("two-filters");
  rng.shuffle(plan);
  const seen = new Set<string>();
  return plan.map((cls) => {
    for (let attempt = 0; ; attempt++) {
      const text = builder.build(cls);
      if (seen.has(text) && attempt < 20) continue;
      const parsed = parseQuery(text);
      if (!parsed.ok) {
        if (attempt < 20) continue;
        throw new Error(`benchmark query ${JSON.stringify(text)} does not parse: ${parsed.error.message}`);
      }
      seen.add(text);
      return { class: cls, text, parsed: parsed.query };
    }
  });
}
