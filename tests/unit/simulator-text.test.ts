// Generated text must behave like language for search: a large vocabulary actually used, a Zipf-like
// head and long tail, plus names, numbers, URLs, e-mail addresses, code and some non-English prose.
import { describe, expect, it } from "vitest";
import { generateWorkspace, SIZE_PRESETS } from "@/lib/simulator";
import { inflectVerb, pluralize, ENGLISH_VOCABULARY } from "@/lib/simulator/words-en";
import { Rng, ZipfSampler } from "@/lib/simulator/random";

function corpus(): string[] {
  const ws = generateWorkspace({ seed: 42, size: SIZE_PRESETS.small });
  const texts: string[] = [];
  for (const c of ws.iterateConversations()) for (const m of c.messages.data) if (m.content) texts.push(m.content.value);
  return texts;
}

describe("simulator text", () => {
  const texts = corpus();
  const tokens = texts.join("\n").toLowerCase().match(/[a-z]+/g) ?? [];
  const counts = new Map<string, number>();
  for (const t of tokens) counts.set(t, (counts.get(t) ?? 0) + 1);
  const ranked = [...counts.values()].sort((a, b) => b - a);

  it("uses a large vocabulary with a Zipf-like distribution across the small workspace", () => {
    expect(ENGLISH_VOCABULARY.length).toBeGreaterThan(5_000);
    expect(counts.size).toBeGreaterThan(2_000);
    const top = ranked[0] / tokens.length;
    expect(top).toBeLessThan(0.1);
    expect(top).toBeGreaterThan(0.01);
    // A head of very common words and a long tail of rare ones.
    const head = ranked.slice(0, 10).reduce((a, b) => a + b, 0) / tokens.length;
    expect(head).toBeGreaterThan(0.1);
    const singletons = ranked.filter((n) => n === 1).length;
    expect(singletons / counts.size).toBeGreaterThan(0.1);
  });

  it("contains names, numbers, dates, URLs, e-mail addresses, code and markdown", () => {
    const all = texts.join("\n");
    expect(all).toMatch(/https:\/\/[a-z0-9.-]+\.[a-z]+\//);
    expect(all).toMatch(/[a-z0-9.]+@[a-z0-9-]+\.example\.(com|org)/);
    expect(all).toMatch(/```(python|typescript|sql|bash|json)\n/);
    expect(all).toMatch(/\b20\d\d-\d\d-\d\d\b/);
    expect(all).toMatch(/\$\d+,\d{3}/);
    expect(all).toMatch(/^- /m);
    expect(all).toMatch(/\b(Ana|Li|Olivia|Liam|Emma|Noah|Mateo|Lucas|Yuki|Priya|Chen)\b/);
  });

  it("includes non-English conversations (about 5%)", () => {
    const ws = generateWorkspace({ seed: 8, size: { ...SIZE_PRESETS.small, conversations: 400, messagesPerConversation: 4 } });
    let foreign = 0;
    for (const c of ws.iterateConversations()) {
      const user = c.messages.data.find((m) => m.author.role === "user");
      if (user?.content && /[äöüßéèêçñáíóúãõàì¿\u3040-\u30ff\u4e00-\u9fff\u0400-\u04ff]/.test(user.content.value)) foreign++;
    }
    expect(foreign).toBeGreaterThan(5);
    expect(foreign).toBeLessThan(60);
  });

  it("derives regular inflections correctly", () => {
    expect(pluralize("policy")).toBe("policies");
    expect(pluralize("batch")).toBe("batches");
    expect(pluralize("vendor")).toBe("vendors");
    expect(inflectVerb("approve")).toEqual(["approves", "approved", "approving"]);
    expect(inflectVerb("copy")).toEqual(["copies", "copied", "copying"]);
    expect(inflectVerb("deploy")).toEqual(["deploys", "deployed", "deploying"]);
  });

  it("samples ranks with a flattened Zipf head", () => {
    const z = new ZipfSampler(5_000);
    expect(z.probability(0)).toBeLessThan(0.05);
    expect(z.probability(0)).toBeGreaterThan(z.probability(100) * 20);
    const rng = new Rng(1);
    const hits = new Array(5_000).fill(0);
    for (let i = 0; i < 50_000; i++) hits[z.sample(rng)]++;
    expect(hits[0]).toBeGreaterThan(hits[50]);
    expect(hits.filter((h) => h > 0).length).toBeGreaterThan(3_000);
  });
});
