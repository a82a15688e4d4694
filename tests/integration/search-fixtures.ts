// The fixed document set of the search contract suite (search-contract.ts), shared by every engine.
//
// The words the suite searches for are chosen so that no engine's fuzziness can produce a false positive:
// every query word is no stem or plural of another fixture word and is far (in edit distance, also as a
// prefix) from every other word in the fixtures; filler text uses short words and stop words.
// checkFixtureVocabulary() asserts this, so a fixture edit that would let Meilisearch's typo tolerance or
// PostgreSQL's stemming match something unintended fails loudly.
import { blankDocument, nameKeys, userKeys } from "@/lib/search/documents";
import { editDistance } from "@/lib/search/query-parser";
import type { SearchDocument } from "@/lib/search/types";

const ALICE = { userId: "u-alice", userName: "Alice Martin", userEmail: "alice.martin@acme.example.com" };
const BOB = { userId: "u-bob", userName: "Bob Okafor", userEmail: "bob.okafor@acme.example.com" };
const CHLOE = { userId: "u-chloe", userName: "Chloé Dubois", userEmail: "chloe.dubois@acme.example.com" };
/** A custodian without an email: facets use the id as the value. */
const DMITRI = { userId: "u-dmitri", userName: "Dmitri Ivanov", userEmail: null };
type User = typeof ALICE | typeof DMITRI;

const LEGAL = { gptId: "g-legal01", gptName: "Legal Helper" };
const CODER = { gptId: "g-coder02", gptName: "Code Buddy" };
const AUDIT = { projectId: "proj-audit", projectName: "Q3 Audit" };
const ORION = { projectId: "proj-orion", projectName: "Orion Launch" };

export const FIXTURE_USERS = { ALICE, BOB, CHLOE, DMITRI };
export const FIXTURE_GPTS = { LEGAL, CODER };
export const FIXTURE_PROJECTS = { AUDIT, ORION };

const HOUR = 3_600_000;
/** Base time: 2025-01-10 09:00 UTC; documents are hours apart (distinct times, so sort orders are total). */
const T0 = Date.UTC(2025, 0, 10, 9);
export const JAN_31_LAST_MS = Date.UTC(2025, 0, 31, 23, 59, 59, 999);
export const FEB_1 = Date.UTC(2025, 1, 1);

type Extra = Partial<Omit<SearchDocument, "userKeys" | "gptKeys" | "projectKeys">> & {
  user?: User | null;
  gpt?: typeof LEGAL | null;
  project?: typeof AUDIT | null;
};

function make(type: SearchDocument["type"], itemId: string, hour: number | null, body: string, extra: Extra = {}): SearchDocument {
  const { user = ALICE, gpt = null, project = null, ...rest } = extra;
  return {
    ...blankDocument(type, itemId, "src-1"),
    title: type === "memory" ? null : "Weekly sync",
    body,
    conversationId: type === "message" || type === "file" ? `conv-${itemId}` : null,
    messageId: type === "message" ? itemId : null,
    userId: user?.userId ?? null,
    userName: user?.userName ?? null,
    userEmail: user?.userEmail ?? null,
    userKeys: user ? userKeys(user.userId, user.userName, user.userEmail) : [],
    role: type === "message" ? "user" : null,
    gptId: gpt?.gptId ?? null,
    gptName: gpt?.gptName ?? null,
    gptKeys: gpt ? nameKeys(gpt.gptId, gpt.gptName) : [],
    projectId: project?.projectId ?? null,
    projectName: project?.projectName ?? null,
    projectKeys: project ? nameKeys(project.projectId, project.projectName) : [],
    time: hour === null ? null : T0 + hour * HOUR,
    ...rest,
  };
}

const msg = (n: string, hour: number, body: string, extra?: Extra) => make("message", n, hour, body, extra);

export const SEARCH_FIXTURES: SearchDocument[] = [
  // Single words, case and accents.
  msg("m01", 0, "The team will ship marzipan to the desk next week.", { role: "user", tags: ["privileged"] }),
  msg("m02", 1, "Yes, the marzipan list is done and the data is in.", { role: "assistant", user: BOB }),
  msg("m03", 2, "All the work is done; next step is the call.", { title: "Marzipan order", role: "user", user: CHLOE }),
  msg("m04", 3, "PINEAPPLE crates are on the list for the team.", { role: "assistant", flagged: true }),
  msg("m05", 4, "We met at the crêperie near the desk to plan the week.", { role: "user", user: BOB, held: true }),
  msg("m06", 5, "La reunión del equipo fue muy útil para todos.", { role: "assistant", user: CHLOE }),
  msg("m07", 6, "Итоги: совещание прошло, план готов. 会議は終わりました。", { role: "user", user: DMITRI }),
  // Prefix of the last word ("tanger" → tangerine).
  msg("m08", 7, "A tangerine is on the desk for the team.", { role: "user", project: AUDIT }),
  // Exclusion, OR, parentheses.
  msg("m09", 8, "The lobster and the marzipan are both on the list.", { role: "assistant", user: BOB, project: AUDIT }),
  msg("m10", 9, "A hedgehog was seen near the dock this week.", { role: "user", gpt: LEGAL }),
  msg("m11", 10, "A pelican sat on the dock for the team call.", { role: "assistant", gpt: LEGAL, user: BOB }),
  msg("m12", 11, "The hedgehog and the pelican met at the lighthouse.", { role: "user", gpt: CODER, user: CHLOE }),
  // Phrases and ranking: exact phrase vs the same words scattered vs reversed.
  msg("m13", 12, "Our quarterly forecast is done for the team.", { role: "assistant", tags: ["needs review"] }),
  msg("m14", 13, "The quarterly plan is done. Then we call the team and go over the data and the forecast.", {
    role: "assistant",
    tags: ["needs review", "vendor"],
  }),
  msg("m15", 14, "The forecast quarterly is a typo in the note.", { role: "tool", toolName: "python" }),
  // Title match vs body-only match (similar lengths).
  msg("m16", 15, "Some note for the team about the plan and data.", { title: "Obsidian mirror", role: "user", user: BOB }),
  msg("m17", 16, "Some note for the team: obsidian and the data.", { title: "Weekly sync", role: "user", user: BOB }),
  // Untrusted text: must come back as plain text, never markup.
  msg("m18", 17, 'Run <script>alert("kumquat")</script> kumquat <b>bold</b> & more', { role: "user", user: CHLOE, status: "escalated" }),
  // Review state and roles.
  msg("m19", 18, "System note: the team data is kept for a year.", { role: "system", status: "reviewed" }),
  msg("m20", 19, "Tool call done, the file is ready.", { role: "tool", toolName: "browser", hasFile: true, status: "in_review" }),
  msg("m21", 20, "Here is the file you sent with the plan.", { role: "user", user: BOB, hasFile: true, flagged: true, tags: ["vendor"] }),
  msg("m22", 21, "Next week the team will plan the work.", { role: "assistant", user: DMITRI, held: true, status: "reviewed" }),
  msg("m23", 22, "The team has a desk by the dock.", { role: "user", sourceId: "src-2", user: DMITRI, tags: ["privileged", "vendor"] }),
  msg("m24", 23, "Data from the call is in the list.", { role: "assistant", sourceId: "src-2", project: ORION, status: "in_review" }),
  // Date boundaries around 2025-02-01 00:00 UTC.
  msg("m25", 0, "Last call of the month for the team.", { role: "user", time: JAN_31_LAST_MS, user: BOB }),
  msg("m26", 0, "First call of the month for the team.", { role: "user", time: FEB_1, user: BOB, flagged: true }),
  msg("m27", 0, "Note for the team in March.", { role: "assistant", time: Date.UTC(2025, 2, 3, 12), project: ORION, status: "reviewed" }),
  msg("m28", 0, "Note for the team in late December.", { role: "user", time: Date.UTC(2024, 11, 20, 8), user: CHLOE, held: true }),
  // Other types.
  make("gpt", "gv-legal-1", 30, "Helps with contracts. Instructions: cite the clause. Starters: summarize the marzipan deal", {
    title: "Legal Helper",
    gpt: LEGAL,
    user: ALICE,
  }),
  make("gpt", "gv-coder-1", 31, "Writes code. Instructions: keep it short. Starters: fix the lighthouse bug", {
    title: "Code Buddy",
    gpt: CODER,
    user: BOB,
    sourceId: "src-2",
  }),
  make("memory", "mem-1", 32, "Prefers the pelican emblem for the team deck.", { user: ALICE, tags: ["privileged"] }),
  make("memory", "mem-2", null, "Works from the Lisbon desk on Fridays.", { user: DMITRI }),
  make("file", "file-1", 33, "pineapple-budget.xlsx", { title: "Fruit order", hasFile: true, user: CHLOE, project: ORION }),
  make("file", "file-2", 34, "lighthouse-notes.pdf", { title: "Dock plan", hasFile: true, user: ALICE, flagged: true, held: true }),
  // A document with more than FACET_LIMIT tags (tag facet truncation and ordering).
  msg("m29", 40, "Tagging test note for the team.", {
    role: "user",
    user: ALICE,
    tags: ["vendor", "privileged", "alpha", "bravo", "charlie", "delta", "echo", "foxtrot", "golf", "hotel", "india", "juliet"],
  }),
  msg("m30", 41, "Another test note for the team.", { role: "assistant", user: ALICE, tags: ["alpha", "bravo"] }),
];

/** Fixture ids by their short name ("m01", "gv-legal-1"…). */
export function fid(shortName: string): string {
  const doc = SEARCH_FIXTURES.find((d) => d.itemId === shortName);
  if (!doc) throw new Error(`no fixture ${shortName}`);
  return doc.id;
}

/**
 * Bare words the suite searches for, and the fixture words each one may legitimately hit. (Words inside
 * phrases need no entry: phrases match exactly in both engines.)
 */
export const QUERY_WORDS: Record<string, string[]> = {
  marzipan: ["marzipan"],
  lighthouse: ["lighthouse"],
  pineapple: ["pineapple"],
  creperie: ["creperie"],
  reunion: ["reunion"],
  совещание: ["совещание"],
  tanger: ["tangerine"],
  team: ["team"],
  lobster: ["lobster"],
  hedgehog: ["hedgehog"],
  pelican: ["pelican"],
  emblem: ["emblem"],
  obsidian: ["obsidian"],
  kumquat: ["kumquat"],
  quarterly: ["quarterly"],
  forecast: ["forecast"],
  nonexistentword: [],
  saxophone: [],
  interim: [],
};

const fold = (s: string) => s.normalize("NFD").replace(/\p{M}/gu, "").toLowerCase();


/**
 * Problems with the fixture vocabulary (empty when sound): a query word within typo distance of, or a
 * typo-prefix of, a fixture word it should not match (Meilisearch allows no typo below 5 letters, 1 from
 * 5, 2 from 9; the last query word also matches as a prefix).
 */
export function checkFixtureVocabulary(): string[] {
  const tokens = new Set<string>();
  for (const d of SEARCH_FIXTURES) for (const t of fold(`${d.title ?? ""} ${d.body}`).split(/[^\p{L}\p{N}]+/u)) if (t) tokens.add(t);
  const problems: string[] = [];
  for (const [query, allowed] of Object.entries(QUERY_WORDS)) {
    const q = fold(query);
    const typos = q.length >= 9 ? 2 : q.length >= 5 ? 1 : 0;
    for (const w of tokens) {
      if (allowed.includes(w)) continue;
      for (let k = Math.max(1, q.length - typos); k <= q.length + typos; k++) {
        if (editDistance(q, w.slice(0, k)) <= typos) {
          problems.push(`query word "${query}" is within ${typos} typo(s) of (a prefix of) fixture word "${w}"`);
          break;
        }
      }
    }
  }
  return problems;
}
