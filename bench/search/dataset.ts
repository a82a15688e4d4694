// The search benchmark's corpus: SearchDocuments generated straight from the simulator's seeded
// generator (no HTTP server, no archive), streamed in batches so a million messages are never in memory at
// once. Conversations are planned one at a time (planConversation) and their text rendered per message
// (textOf/titleOf), exactly the text a sync would archive; each message becomes the document
// lib/search/documents.ts would build from the archived row. Review state (tags, flags, holds, statuses)
// does not exist in a fresh archive, so a realistic sprinkling is derived from the seed, per conversation
// and per custodian, so that those filters and facets have something to count.
import { blankDocument, nameKeys, userKeys } from "@/lib/search/documents";
import { documentKey, type SearchDocument } from "@/lib/search/types";
import type { ReviewStatus } from "@/lib/search/query-ast";
import { activeLeafOf, pathTo, planConversation, textOf, titleOf, type ConversationPlan } from "@/lib/simulator/conversation";
import { rngFor, type Rng } from "@/lib/simulator/random";
import { generateWorkspace, type UserState, type Workspace } from "@/lib/simulator/workspace";

export const SOURCE_ID = "bench-source";

/** Review tags reviewers would use (conversation- and message-level). */
export const TAGS = ["privileged", "responsive", "not responsive", "pii", "needs review", "hr", "export control", "finance"] as const;

export interface BenchCorpus {
  workspace: Workspace;
  seed: number;
  /** Custodians under an active legal hold: everything they own is `held`. */
  heldUsers: ReadonlySet<number>;
  gptNames: ReadonlyMap<string, string>;
  projectNames: ReadonlyMap<string, string>;
}

/** Workspace size scaled to the message count: ~700 messages per custodian (1M → ~1,430 users). */
export function createCorpus(seed: number, messages: number): BenchCorpus {
  const users = Math.min(5_000, Math.max(50, Math.round(messages / 700)));
  const workspace = generateWorkspace({
    seed,
    size: {
      users,
      conversations: 0, // conversations are planned on the fly, as many as the message count needs
      messagesPerConversation: 14,
      branchRate: 0.2,
      gpts: Math.max(10, Math.round(users * 0.3)),
      configsPerGpt: 3,
      projects: Math.max(3, Math.round(users * 0.08)),
      configsPerProject: 2,
      memoriesPerUser: 6,
      fileRate: 0.05,
      gptFileRate: 0.5,
    },
  });
  const rng = rngFor(workspace.seed, "bench-holds");
  const heldUsers = new Set<number>();
  for (const u of workspace.users) if (rng.chance(0.08)) heldUsers.add(u.index);
  const gptNames = new Map<string, string>();
  for (const g of workspace.gpts) gptNames.set(g.id, g.configs[g.configs.length - 1].name);
  for (const g of workspace.thirdPartyGpts) gptNames.set(g.id, g.config.name);
  const projectNames = new Map<string, string>();
  for (const p of workspace.projects) projectNames.set(p.id, p.configs[p.configs.length - 1].name);
  return { workspace, seed: workspace.seed, heldUsers, gptNames, projectNames };
}

interface ConversationReview {
  tags: string[];
  flagged: boolean;
  status: ReviewStatus;
}

function conversationReview(rng: Rng): ConversationReview {
  const tags = rng.chance(0.05) ? rng.sample(TAGS, rng.int(1, 2)).slice().sort() : [];
  const status = rng.weighted<ReviewStatus>([
    ["unreviewed", 85],
    ["reviewed", 8],
    ["in_review", 4],
    ["escalated", 3],
  ]);
  return { tags, flagged: rng.chance(0.005), status };
}

function userFields(u: UserState) {
  return { userId: u.id, userName: u.name, userEmail: u.email.toLowerCase(), userKeys: userKeys(u.id, u.name, u.email) };
}

const ms = (seconds: number | null) => (seconds === null ? null : Math.round(seconds * 1000));

/** GPT configuration versions and memory entries: the few thousand non-message documents. */
export function extraDocuments(corpus: BenchCorpus): SearchDocument[] {
  const { workspace: ws } = corpus;
  const out: SearchDocument[] = [];
  for (const g of ws.gpts) {
    const owner = ws.users[g.ownerIdx];
    const review = conversationReview(rngFor(corpus.seed, "bench-review-gpt", g.index));
    g.configs.forEach((c, v) => {
      out.push({
        id: documentKey("gpt", c.id),
        type: "gpt",
        itemType: "GPT_CONFIG",
        itemId: c.id,
        sourceId: SOURCE_ID,
        title: c.name,
        body: [c.description, c.instructions, c.starters.join("\n")].filter((s) => s).join("\n\n"),
        conversationId: null,
        messageId: null,
        ...userFields(owner),
        role: null,
        toolName: null,
        gptId: g.id,
        gptName: c.name,
        gptKeys: nameKeys(g.id, c.name),
        projectId: null,
        projectName: null,
        projectKeys: [],
        time: ms(c.createdAt),
        hasFile: c.files.length > 0,
        onActiveBranch: true,
        deletedAtSource: false,
        tags: review.tags,
        flagged: review.flagged,
        held: corpus.heldUsers.has(g.ownerIdx),
        status: review.status,
        version: v + 1,
      });
    });
  }
  for (const m of ws.memories.values()) {
    const owner = ws.users[m.userIdx];
    for (const c of m.contexts) {
      for (const e of c.entries) {
        out.push({
          ...blankDocument("memory", e.id, SOURCE_ID),
          body: e.content,
          ...userFields(owner),
          time: ms(e.updatedAt),
          held: corpus.heldUsers.has(m.userIdx),
        });
      }
    }
  }
  return out;
}

export interface GenerateOptions {
  /** Message documents to produce. */
  messages: number;
  /** Skip this many message documents first (their text is never rendered). */
  skip?: number;
  batchSize: number;
  /** Also emit file documents for the files of the emitted messages (default true). */
  files?: boolean;
}

export interface GenerateStats {
  messages: number;
  files: number;
  conversations: number;
  /** Time spent inside the generator (planning, text, document building), ms. */
  generateMs: number;
}

/**
 * Message (and file) documents in conversation order, `batchSize` at a time. The same seed gives the same
 * documents, and the first k messages of a larger run are the k messages of a smaller one.
 */
export function* generateDocuments(corpus: BenchCorpus, options: GenerateOptions, stats?: GenerateStats): Generator<SearchDocument[]> {
  const { workspace: ws, seed } = corpus;
  const skip = options.skip ?? 0;
  const end = skip + options.messages;
  const withFiles = options.files ?? true;
  let position = 0; // message documents seen so far (skipped or emitted)
  let batch: SearchDocument[] = [];
  const st: GenerateStats = stats ?? { messages: 0, files: 0, conversations: 0, generateMs: 0 };
  let started = performance.now();
  for (let index = 0; position < end; index++) {
    const plan: ConversationPlan = planConversation(ws.planEnv, index);
    if (position + plan.nodes.length <= skip) {
      position += plan.nodes.length;
      continue;
    }
    st.conversations++;
    const owner = ws.users[plan.ownerIdx];
    const user = userFields(owner);
    const held = corpus.heldUsers.has(plan.ownerIdx);
    const title = titleOf(seed, plan);
    const leaf = activeLeafOf(plan.nodes);
    const active = new Set(leaf ? pathTo(plan.nodes, leaf).map((n) => n.id) : []);
    const review = conversationReview(rngFor(seed, "bench-review", index));
    const msgRng = rngFor(seed, "bench-review-messages", index);
    const gptName = plan.gptId ? (corpus.gptNames.get(plan.gptId) ?? null) : null;
    const projectName = plan.projectId ? (corpus.projectNames.get(plan.projectId) ?? null) : null;
    for (const node of plan.nodes) {
      if (position >= end) break;
      if (position++ < skip) continue;
      const isSystem = node.kind === "root" || node.kind === "hidden";
      const gptId = isSystem ? null : plan.gptId;
      const projectId = isSystem ? null : plan.projectId;
      const messageTags = msgRng.chance(0.005) ? [msgRng.pick(TAGS)] : [];
      const tags = messageTags.length ? [...new Set([...review.tags, ...messageTags])].sort() : review.tags;
      const status = msgRng.chance(0.01) ? "reviewed" : review.status;
      batch.push({
        id: documentKey("message", node.id),
        type: "message",
        itemType: "MESSAGE",
        itemId: node.id,
        sourceId: SOURCE_ID,
        title,
        body: node.contentType === null ? "" : textOf(seed, plan, node),
        conversationId: plan.id,
        messageId: node.id,
        ...user,
        role: node.role,
        toolName: node.toolName,
        gptId,
        gptName: gptId ? gptName : null,
        gptKeys: gptId ? nameKeys(gptId, gptName) : [],
        projectId,
        projectName: projectId ? projectName : null,
        projectKeys: projectId ? nameKeys(projectId, projectName) : [],
        time: ms(node.createdAt),
        hasFile: node.files.length > 0,
        onActiveBranch: active.has(node.id),
        deletedAtSource: false,
        tags,
        flagged: review.flagged || msgRng.chance(0.004),
        held,
        status,
        version: 1,
      });
      st.messages++;
      if (withFiles) {
        for (const f of node.files) {
          batch.push({
            ...blankDocument("file", f.id, SOURCE_ID),
            title: title ?? f.name,
            body: f.name,
            conversationId: plan.id,
            messageId: node.id,
            ...user,
            time: f.expired ? null : ms(f.createdAt),
            hasFile: true,
            tags: review.tags,
            flagged: review.flagged,
            held,
            status: review.status,
          });
          st.files++;
        }
      }
      if (batch.length >= options.batchSize) {
        st.generateMs += performance.now() - started;
        yield batch;
        started = performance.now();
        batch = [];
      }
    }
  }
  st.generateMs += performance.now() - started;
  if (batch.length) yield batch;
}
