// Text that behaves like real text for search: Zipf-distributed words over a large English vocabulary,
// per-conversation topic words that recur (so queries have a few strong hits rather than matching
// everything), names, numbers, dates, e-mail addresses, URLs, code blocks, markdown, and a share of
// non-English prose. Every function draws only from the Rng it is given, so output is deterministic.
import { Rng, ZipfSampler } from "./random";
import { CONTENT_WORDS, ENGLISH_VOCABULARY, TOPIC_NOUNS } from "./words-en";
import {
  CITIES,
  COMPANY_NAMES,
  DEPARTMENTS,
  FIRST_NAMES,
  JA_ENDINGS,
  JA_PARTICLES,
  LANGUAGES,
  LAST_NAMES,
  MONTHS,
  type Language,
} from "./words-intl";

export type { Language } from "./words-intl";

const englishZipf = new ZipfSampler(ENGLISH_VOCABULARY.length, 1.0, 2.7);
const languageZipf = new Map<Language, ZipfSampler>();
for (const [lang, def] of Object.entries(LANGUAGES)) languageZipf.set(lang as Language, new ZipfSampler(def.words.length, 1.0, 2.7));

/** What a conversation (or GPT, or memory set) is "about": it biases word choice toward a topic. */
export interface TextContext {
  language: Language;
  /** 4–7 content words that recur throughout the conversation. */
  topic: string[];
  /** The workspace's company name, used in URLs and e-mail domains. */
  company: string;
}

const NON_ENGLISH: Array<readonly [Language, number]> = [
  ["es", 3],
  ["de", 3],
  ["fr", 3],
  ["ja", 2],
  ["pt", 1],
  ["it", 1],
  ["zh", 1],
  ["ru", 1],
];

/** ~5% of contexts are non-English (share configurable for tests). */
export function pickLanguage(rng: Rng, nonEnglishShare = 0.05): Language {
  return rng.chance(nonEnglishShare) ? rng.weighted(NON_ENGLISH) : "en";
}

export function makeTopic(rng: Rng): string[] {
  return rng.sample(TOPIC_NOUNS, rng.int(4, 7));
}

export function makeContext(rng: Rng, company: string, nonEnglishShare = 0.05): TextContext {
  return { language: pickLanguage(rng, nonEnglishShare), topic: makeTopic(rng), company };
}

export function englishWord(rng: Rng): string {
  return ENGLISH_VOCABULARY[englishZipf.sample(rng)];
}

const capitalize = (s: string) => (s ? s[0].toUpperCase() + s.slice(1) : s);

export function personName(rng: Rng): { first: string; last: string } {
  return { first: rng.pick(FIRST_NAMES), last: rng.pick(LAST_NAMES) };
}

/** ASCII-only local part for e-mail addresses derived from a name. */
export function emailLocalPart(first: string, last: string): string {
  const clean = (s: string) =>
    s
      .normalize("NFD")
      .replace(/[\u0300-\u036f]/g, "")
      .replace(/ł/g, "l")
      .replace(/[^A-Za-z0-9]/g, "")
      .toLowerCase();
  return `${clean(first)}.${clean(last)}`;
}

export function companyDomain(company: string): string {
  return `${company}.example.com`;
}

export function emailAddress(rng: Rng, ctx: TextContext): string {
  const { first, last } = personName(rng);
  return `${emailLocalPart(first, last)}@${rng.chance(0.8) ? companyDomain(ctx.company) : `${rng.pick(COMPANY_NAMES)}.example.org`}`;
}

const slug = (words: string[]) => words.join("-").toLowerCase().replace(/[^a-z0-9-]/g, "");

export function url(rng: Rng, ctx: TextContext): string {
  const w = () => rng.pick(ctx.topic.length && rng.chance(0.6) ? ctx.topic : CONTENT_WORDS);
  switch (rng.int(0, 6)) {
    case 0:
      return `https://docs.${companyDomain(ctx.company)}/${slug([w(), w()])}`;
    case 1:
      return `https://en.wikipedia.org/wiki/${capitalize(w())}`;
    case 2:
      return `https://github.com/${ctx.company}/${slug([w(), w()])}/blob/main/README.md`;
    case 3:
      return `https://www.${rng.pick(COMPANY_NAMES)}.example.org/blog/${rng.int(2019, 2026)}/${slug([w(), w(), w()])}`;
    case 4:
      return `https://intranet.${companyDomain(ctx.company)}/${rng.pick(DEPARTMENTS).toLowerCase()}/${slug([w()])}?id=${rng.int(100, 99999)}`;
    case 5:
      return `https://news.example.net/${slug([w(), w()])}-${rng.int(1000, 9999)}`;
    default:
      return `https://support.${rng.pick(COMPANY_NAMES)}.example.com/articles/${rng.int(10000, 999999)}`;
  }
}

function numberToken(rng: Rng): string {
  switch (rng.int(0, 7)) {
    case 0:
      return String(rng.int(2, 99));
    case 1:
      return `${rng.int(1, 99)}%`;
    case 2:
      return `$${rng.int(1, 999)},${String(rng.int(0, 999)).padStart(3, "0")}`;
    case 3:
      return `${rng.int(1, 20)}.${rng.int(0, 9)}`;
    case 4:
      return `Q${rng.int(1, 4)}`;
    case 5:
      return String(rng.int(100, 9999));
    case 6:
      return `${rng.int(2, 500)}k`;
    default:
      return `#${rng.int(100, 99999)}`;
  }
}

function dateToken(rng: Rng): string {
  const y = rng.int(2023, 2026);
  const m = rng.int(1, 12);
  const d = rng.int(1, 28);
  switch (rng.int(0, 2)) {
    case 0:
      return `${y}-${String(m).padStart(2, "0")}-${String(d).padStart(2, "0")}`;
    case 1:
      return `${MONTHS[m - 1]} ${d}`;
    default:
      return `${d} ${MONTHS[m - 1]} ${y}`;
  }
}

function identifier(rng: Rng, ctx: TextContext): string {
  const a = rng.pick(ctx.topic.length ? ctx.topic : CONTENT_WORDS);
  const b = englishWord(rng).replace(/[^a-z]/g, "") || "value";
  return rng.chance(0.5) ? `${a}_${b}` : `${a}${capitalize(b)}`;
}

/** One English token: usually a Zipf draw, sometimes a topic word or an entity. */
function englishToken(rng: Rng, ctx: TextContext): string {
  const r = rng.next();
  if (r < 0.11 && ctx.topic.length) return rng.pick(ctx.topic);
  if (r < 0.12) {
    const { first, last } = personName(rng);
    return rng.chance(0.5) ? first : `${first} ${last}`;
  }
  if (r < 0.135) return numberToken(rng);
  if (r < 0.14) return dateToken(rng);
  if (r < 0.143) return capitalize(ctx.company);
  if (r < 0.146) return rng.pick(CITIES);
  if (r < 0.148) return `\`${identifier(rng, ctx)}\``;
  if (r < 0.1495) return emailAddress(rng, ctx);
  if (r < 0.151) return url(rng, ctx);
  return englishWord(rng);
}

function foreignSentence(rng: Rng, ctx: TextContext, question: boolean): string {
  const def = LANGUAGES[ctx.language as Exclude<Language, "en">];
  const zipf = languageZipf.get(ctx.language)!;
  const n = rng.int(4, 14);
  const words: string[] = [];
  for (let i = 0; i < n; i++) {
    if (rng.chance(0.04)) words.push(numberToken(rng));
    else if (rng.chance(0.04) && ctx.topic.length && ctx.language !== "ja" && ctx.language !== "zh") words.push(rng.pick(ctx.topic));
    else words.push(def.words[zipf.sample(rng)]);
  }
  if (ctx.language === "ja") {
    let s = "";
    for (let i = 0; i < words.length; i++) s += words[i] + (i < words.length - 1 ? rng.pick(JA_PARTICLES) : "");
    return s + rng.pick(JA_ENDINGS) + (question ? "か。" : "。");
  }
  const body = words.join(def.joiner);
  const stop = question ? (ctx.language === "zh" ? "？" : "?") : rng.pick(def.stops);
  return (ctx.language === "zh" ? body : capitalize(body)) + stop;
}

/** One sentence in the context's language. */
export function sentence(rng: Rng, ctx: TextContext, question = false): string {
  if (ctx.language !== "en") return foreignSentence(rng, ctx, question);
  const n = rng.int(5, 20);
  let out = "";
  for (let i = 0; i < n; i++) {
    let tok = englishToken(rng, ctx);
    if (tok === "i") tok = "I";
    if (i === 0) out = capitalize(tok);
    else out += (rng.chance(0.06) && i < n - 1 ? ", " : " ") + tok;
  }
  return out + (question ? "?" : rng.chance(0.04) ? "!" : ".");
}

export function paragraph(rng: Rng, ctx: TextContext, sentences = rng.int(2, 5)): string {
  const parts: string[] = [];
  for (let i = 0; i < sentences; i++) parts.push(sentence(rng, ctx, rng.chance(0.08)));
  return parts.join(ctx.language === "ja" || ctx.language === "zh" ? "" : " ");
}

const CODE_LANGS = ["python", "typescript", "sql", "bash", "json"] as const;

export function codeBlock(rng: Rng, ctx: TextContext): string {
  const lang = rng.pick(CODE_LANGS);
  const id = () => identifier(rng, ctx);
  const fn = id();
  const a = id();
  const b = id();
  let body: string;
  switch (lang) {
    case "python":
      body = [
        `import csv`,
        `from datetime import date`,
        ``,
        `def ${fn}(rows, threshold=${rng.int(1, 500)}):`,
        `    """${capitalize(englishWord(rng))} ${englishWord(rng)} ${ctx.topic[0] ?? "records"}."""`,
        `    ${a} = [r for r in rows if float(r["${b}"]) > threshold]`,
        `    return sorted(${a}, key=lambda r: r["${ctx.topic[1] ?? "date"}"])`,
        ``,
        `with open("${slug([ctx.topic[0] ?? "data"])}.csv") as f:`,
        `    print(len(${fn}(list(csv.DictReader(f)))))`,
      ].join("\n");
      break;
    case "typescript":
      body = [
        `export async function ${fn.replace(/_/g, "")}(${a.replace(/_/g, "")}: string[]): Promise<number> {`,
        `  const res = await fetch("${url(rng, ctx)}");`,
        `  const data = (await res.json()) as { ${b.replace(/_/g, "")}: number }[];`,
        `  return data.filter((d) => d.${b.replace(/_/g, "")} > ${rng.int(0, 100)}).length;`,
        `}`,
      ].join("\n");
      break;
    case "sql":
      body = [
        `SELECT ${a}, COUNT(*) AS total, SUM(${b}) AS ${ctx.topic[0] ?? "amount"}_sum`,
        `FROM ${slug([ctx.topic[1] ?? "orders"]).replace(/-/g, "_")}`,
        `WHERE created_at >= DATE '${rng.int(2023, 2026)}-${String(rng.int(1, 12)).padStart(2, "0")}-01'`,
        `GROUP BY ${a}`,
        `ORDER BY total DESC`,
        `LIMIT ${rng.int(5, 100)};`,
      ].join("\n");
      break;
    case "bash":
      body = [
        `#!/usr/bin/env bash`,
        `set -euo pipefail`,
        `for f in ./${slug([ctx.topic[0] ?? "reports"])}/*.csv; do`,
        `  grep -i "${englishWord(rng)}" "$f" | wc -l`,
        `done`,
        `curl -s "${url(rng, ctx)}" | jq '.${b}'`,
      ].join("\n");
      break;
    default:
      body = JSON.stringify({ [a]: rng.int(0, 1000), [b]: englishWord(rng), [fn]: [rng.int(0, 9), rng.int(0, 9)], owner: emailAddress(rng, ctx) }, null, 2);
  }
  return "```" + lang + "\n" + body + "\n```";
}

const USER_OPENERS = [
  "Can you help me",
  "Please summarize",
  "Draft an email to",
  "What is the best way to",
  "Explain",
  "Write a short note about",
  "Review this",
  "Give me three options for",
  "How do I",
  "Compare",
  "Rewrite the following",
  "I need a plan for",
  "Create a checklist for",
  "What are the risks of",
];

/** A user prompt: a short request, sometimes with pasted text or code. */
export function userPrompt(rng: Rng, ctx: TextContext): string {
  if (ctx.language !== "en") {
    const def = LANGUAGES[ctx.language as Exclude<Language, "en">];
    const sep = ctx.language === "ja" || ctx.language === "zh" ? "" : " ";
    return `${rng.pick(def.openers)}${sep}${ctx.topic.slice(0, 2).join(" ")}${sep}${sentence(rng, ctx, rng.chance(0.4))}`;
  }
  const opener = rng.pick(USER_OPENERS);
  const target = opener === "Draft an email to" ? `${personName(rng).first} about` : "";
  const focus = rng.sample(ctx.topic, rng.int(1, 3)).join(" ");
  let text = [opener, target, `the ${focus}`].filter(Boolean).join(" ") + (rng.chance(0.5) ? "?" : ".");
  const extra = rng.weighted([
    ["none", 5],
    ["sentence", 4],
    ["paragraph", 2],
    ["code", 1],
    ["paste", 1],
  ] as const);
  if (extra === "sentence") text += ` ${sentence(rng, ctx, rng.chance(0.3))}`;
  else if (extra === "paragraph") text += `\n\n${paragraph(rng, ctx)}`;
  else if (extra === "code") text += `\n\n${codeBlock(rng, ctx)}`;
  else if (extra === "paste") text += `\n\n"""\n${paragraph(rng, ctx, rng.int(4, 9))}\n"""`;
  return text;
}

/** An assistant answer: markdown paragraphs, lists, sometimes code, with the given URLs cited inline. */
export function assistantReply(rng: Rng, ctx: TextContext, options: { code?: boolean; urls?: readonly string[]; length?: "short" | "normal" | "long" } = {}): string {
  const blocks: string[] = [];
  const length = options.length ?? "normal";
  const count = length === "short" ? 1 : length === "long" ? rng.int(6, 12) : rng.int(2, 5);
  for (let i = 0; i < count; i++) {
    const kind = i === 0 ? "p" : rng.weighted([
      ["p", 6],
      ["list", 3],
      ["heading", 1],
      ["numbered", 2],
      ["table", ctx.language === "en" ? 0.5 : 0],
    ] as const);
    if (kind === "p") blocks.push(paragraph(rng, ctx));
    else if (kind === "heading") blocks.push(`## ${capitalize(rng.pick(ctx.topic))} ${englishWord(rng)}\n\n${paragraph(rng, ctx, rng.int(1, 3))}`);
    else if (kind === "list" || kind === "numbered") {
      const n = rng.int(2, 6);
      const items: string[] = [];
      for (let j = 0; j < n; j++) items.push(`${kind === "list" ? "-" : `${j + 1}.`} ${rng.chance(0.3) ? `**${capitalize(rng.pick(ctx.topic))}**: ` : ""}${sentence(rng, ctx)}`);
      blocks.push(items.join("\n"));
    } else {
      const cols = [capitalize(rng.pick(ctx.topic)), capitalize(englishWord(rng)), "Owner"];
      const rows = [`| ${cols.join(" | ")} |`, `| --- | --- | --- |`];
      for (let j = 0; j < rng.int(2, 4); j++) rows.push(`| ${englishWord(rng)} | ${numberToken(rng)} | ${personName(rng).first} |`);
      blocks.push(rows.join("\n"));
    }
  }
  if (options.code) blocks.splice(Math.min(1, blocks.length), 0, codeBlock(rng, ctx));
  const urls = options.urls ?? [];
  if (urls.length) {
    const sources = urls.map((u, i) => `[${i + 1}] ${u}`).join("\n");
    blocks.push(ctx.language === "en" ? `Sources:\n${sources}` : sources);
  }
  return blocks.join("\n\n");
}

/** Output of a tool call, shaped like what that tool returns in ChatGPT. */
export function toolOutput(rng: Rng, ctx: TextContext, tool: string, urls: readonly string[] = []): string {
  switch (tool) {
    case "python":
      return rng.chance(0.5)
        ? `${rng.int(1, 9999)}\n[${rng.int(0, 99)}, ${rng.int(0, 99)}, ${rng.int(0, 99)}]`
        : `   ${ctx.topic[0] ?? "value"}  ${ctx.topic[1] ?? "count"}\n0  ${englishWord(rng)}  ${rng.int(1, 500)}\n1  ${englishWord(rng)}  ${rng.int(1, 500)}`;
    case "browser":
      return urls.map((u, i) => `【${i}†${capitalize(rng.pick(ctx.topic))} ${englishWord(rng)}†${new URL(u).host}】\n${sentence(rng, ctx)}`).join("\n\n");
    case "myfiles_browser":
      return `${rng.pick(["Sheet1", "Page 2", "Section 3.1", "Appendix A"])}: ${paragraph(rng, ctx, rng.int(1, 3))}`;
    case "dalle":
      return `Generated ${rng.int(1, 2)} image(s) of ${rng.sample(ctx.topic, 2).join(" and ")}.`;
    case "deep_research":
      return assistantReply(rng, ctx, { urls, length: "long" });
    default:
      return sentence(rng, ctx);
  }
}

const TITLE_STOP = new Set(ENGLISH_VOCABULARY.slice(0, 200));

/** A short title derived from a message: its salient words, like ChatGPT's auto-titles. */
export function titleFrom(text: string, ctx: TextContext, rng: Rng): string {
  if (ctx.language === "ja" || ctx.language === "zh") return Array.from(text.replace(/\s+/g, "")).slice(0, rng.int(6, 14)).join("");
  const words = text
    .split(/[\s,.;:!?()"`*#|[\]]+/)
    .filter((w) => /^[\p{L}][\p{L}'-]*$/u.test(w) && w.length > 2 && !TITLE_STOP.has(w.toLowerCase()));
  const picked = words.slice(0, rng.int(2, 5));
  if (!picked.length) return capitalize(ctx.topic.slice(0, 2).join(" "));
  return capitalize(picked.join(" ").toLowerCase());
}

/** A memory entry, phrased like ChatGPT's saved memories. */
export function memoryContent(rng: Rng, ctx: TextContext): string {
  const subject = rng.sample(ctx.topic, rng.int(1, 2)).join(" ");
  switch (rng.int(0, 7)) {
    case 0:
      return `Prefers answers in ${rng.pick(["Spanish", "German", "French", "bullet points", "short paragraphs", "a formal tone", "British English"])}.`;
    case 1:
      return `Works on ${subject} with the ${rng.pick(DEPARTMENTS)} team.`;
    case 2:
      return `Is based in ${rng.pick(CITIES)} and travels to ${rng.pick(CITIES)} for ${subject}.`;
    case 3:
      return `Manager is ${personName(rng).first} ${personName(rng).last}; reports are due ${dateToken(rng)}.`;
    case 4:
      return `Uses ${rng.pick(["Python", "TypeScript", "SQL", "Excel", "PowerPoint", "Go", "R"])} for ${subject}.`;
    case 5:
      return `${capitalize(sentence(rng, ctx).replace(/[.!?]$/, ""))}.`;
    case 6:
      return `Has a ${rng.pick(["dog", "cat", "daughter", "son", "marathon", "conference"])} named or planned for ${subject}.`;
    default:
      return `Is preparing the ${subject} ${rng.pick(["review", "launch", "audit", "budget", "migration", "proposal"])} for ${numberToken(rng)}.`;
  }
}

export const GPT_CATEGORIES = ["productivity", "research", "writing", "programming", "education", "lifestyle", "other"];

export function gptName(rng: Rng, ctx: TextContext): string {
  const noun = rng.pick(["Assistant", "Helper", "Checker", "Coach", "Analyst", "Drafter", "Navigator", "Reviewer", "Bot", "Copilot"]);
  return `${capitalize(rng.pick(ctx.topic))} ${capitalize(rng.pick(ctx.topic))} ${noun}`;
}

export function gptInstructions(rng: Rng, ctx: TextContext): string {
  const rules: string[] = [];
  for (let i = 0; i < rng.int(3, 8); i++) rules.push(`- ${sentence(rng, ctx)}`);
  return `You are a ${rng.pick(["careful", "concise", "friendly", "rigorous"])} assistant for the ${rng.pick(DEPARTMENTS)} team at ${capitalize(ctx.company)}, focused on ${ctx.topic.slice(0, 3).join(", ")}.\n\nRules:\n${rules.join("\n")}\n\n${paragraph(rng, ctx, rng.int(1, 4))}`;
}

export function conversationStarters(rng: Rng, ctx: TextContext): string[] {
  const out: string[] = [];
  for (let i = 0; i < rng.int(0, 4); i++) out.push(`${rng.pick(USER_OPENERS)} ${rng.sample(ctx.topic, 2).join(" ")}`);
  return out;
}

/** The full OpenAPI text a custom action carries (`action_openapi_raw`). */
export function openapiText(rng: Rng, ctx: TextContext, domain: string): string {
  const paths: string[] = [];
  for (let i = 0; i < rng.int(1, 4); i++) {
    const p = rng.pick(ctx.topic);
    paths.push(
      [
        `  /${p}:`,
        `    get:`,
        `      operationId: list${capitalize(p)}`,
        `      summary: ${sentence(rng, ctx).replace(/:/g, "")}`,
        `      parameters:`,
        `        - name: ${englishWord(rng).replace(/[^a-z]/g, "") || "q"}`,
        `          in: query`,
        `          schema: { type: string }`,
        `      responses:`,
        `        "200":`,
        `          description: OK`,
      ].join("\n"),
    );
  }
  return [`openapi: 3.1.0`, `info:`, `  title: ${capitalize(ctx.topic[0] ?? "Service")} API`, `  version: "${rng.int(1, 3)}.${rng.int(0, 9)}.0"`, `servers:`, `  - url: https://${domain}`, `paths:`, ...paths, ""].join("\n");
}
