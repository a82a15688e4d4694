// Changes to the workspace between syncs, as users and admins make them: new chats and messages
// (appended, edited prompts, regenerated answers), retitles, GPT edits and re-shares, memory edits, and
// deletions. Choices are deterministic given the seed and the sequence of mutations; times come from the
// clock through Workspace.nextUpdateTime, so every change lands after everything before it and is picked up
// by `since_timestamp`. Each mutation returns the ids it touched, so tests can assert on them.
import { z } from "zod";
import { activeLeafOf, pathTo, type NodePlan } from "./conversation";
import { uploadFileName, type FileRef } from "./files";
import { fileIdFrom, messageIdFrom } from "./ids";
import { nextConfig, recipientsFor } from "./gizmos";
import { newMemoryEntry } from "./memories";
import { roundMicros, type Rng } from "./random";
import { assistantReply, makeContext, titleFrom, userPrompt } from "./text";
import { VISIBILITIES } from "./types";
import type { Workspace } from "./workspace";

export const MUTATION_OPS = [
  "addConversations",
  "addMessages",
  "postMessage",
  "retitleConversation",
  "editGptConfig",
  "changeSharing",
  "changeMemories",
  "addMemories",
  "deleteMemories",
  "deleteConversations",
  "deleteGpts",
  "expireFiles",
] as const;
export type MutationOp = (typeof MUTATION_OPS)[number];

export type AddMessagesMode = "append" | "edit" | "regenerate" | "mixed";

export interface MutationResult {
  op: MutationOp;
  /** Hidden update time of the last change (Unix seconds); null when nothing changed. */
  at: number | null;
  conversationIds: string[];
  messageIds: string[];
  gptIds: string[];
  configIds: string[];
  userIds: string[];
  memoryIds: string[];
  fileIds: string[];
  /** retitleConversation: the new title. */
  title?: string | null;
}

const count = z.number().int().min(1).max(100_000);
/** Body of POST /__control/mutate. */
export const mutationRequestSchema = z.discriminatedUnion("op", [
  z.object({ op: z.literal("addConversations"), n: count }),
  z.object({
    op: z.literal("addMessages"),
    conversations: count,
    messagesEach: z.number().int().min(1).max(1_000),
    mode: z.enum(["append", "edit", "regenerate", "mixed"]).optional(),
  }),
  z.object({
    op: z.literal("postMessage"),
    conversationId: z.string().min(1).optional(),
    role: z.enum(["user", "assistant"]).default("user"),
    text: z.string().min(1).max(100_000),
  }),
  z.object({ op: z.literal("retitleConversation"), id: z.string().optional() }),
  z.object({ op: z.literal("editGptConfig"), n: count }),
  z.object({ op: z.literal("changeSharing"), n: count }),
  z.object({ op: z.literal("changeMemories"), n: count, userId: z.string().min(1).optional() }),
  z.object({ op: z.literal("addMemories"), n: count }),
  z.object({ op: z.literal("deleteMemories"), n: count, userId: z.string().min(1).optional() }),
  z.object({ op: z.literal("deleteConversations"), n: count }),
  z.object({ op: z.literal("deleteGpts"), n: count }),
  z.object({ op: z.literal("expireFiles"), n: count }),
]);
export type MutationRequest = z.infer<typeof mutationRequestSchema>;

export class MutationError extends Error {
  constructor(
    readonly status: 400 | 404,
    message: string,
  ) {
    super(message);
    this.name = "MutationError";
  }
}

export interface Mutator {
  addConversations(n: number): MutationResult;
  addMessages(args: { conversations: number; messagesEach: number; mode?: AddMessagesMode }): MutationResult;
  /** Appends one message with exactly `text` to a conversation's active leaf (a random live one if no id). */
  postMessage(args: { conversationId?: string; role?: "user" | "assistant"; text: string }): MutationResult;
  retitleConversation(id?: string): MutationResult;
  editGptConfig(n: number): MutationResult;
  changeSharing(n: number): MutationResult;
  /** `userId` limits the choice to that user's memory entries. */
  changeMemories(n: number, userId?: string): MutationResult;
  addMemories(n: number): MutationResult;
  deleteMemories(n: number, userId?: string): MutationResult;
  deleteConversations(n: number): MutationResult;
  deleteGpts(n: number): MutationResult;
  expireFiles(n: number): MutationResult;
  /** Dispatches a control-API request. */
  apply(request: MutationRequest): MutationResult;
}

function emptyResult(op: MutationOp): MutationResult {
  return { op, at: null, conversationIds: [], messageIds: [], gptIds: [], configIds: [], userIds: [], memoryIds: [], fileIds: [] };
}

/** Mutations over `workspace`, timed by `clock` (ms; default Date.now). */
export function createMutator(workspace: Workspace, clock: () => number = Date.now): Mutator {
  const ws = workspace;
  const liveIndices = () => ws.conversations.filter((e) => e && !e.deleted).map((e) => e.index);
  const now = () => ws.nextUpdateTime(clock());
  const memoriesOf = (userId?: string) => {
    const all = Array.from(ws.memories.values());
    if (userId === undefined) return all;
    if (!ws.users.some((u) => u.id === userId)) throw new MutationError(404, `Unknown user: ${userId}`);
    return all.filter((m) => m.userId === userId);
  };

  function newMessages(rng: Rng, index: number, mode: Exclude<AddMessagesMode, "mixed">, howMany: number, t0: number): NodePlan[] {
    const plan = ws.plan(index);
    const nodes = ws.nodesOf(index);
    const leafId = activeLeafOf(nodes);
    const path = leafId ? pathTo(nodes, leafId) : [];
    let parent: string | null = leafId ?? nodes[0]?.id ?? null;
    let role: "user" | "assistant" = "user";
    if (mode === "edit") {
      const users = path.filter((n) => n.role === "user");
      if (users.length) {
        parent = rng.pick(users).parentId;
        role = "user";
      }
    } else if (mode === "regenerate") {
      const assistants = path.filter((n) => n.kind === "assistant");
      if (assistants.length) {
        parent = rng.pick(assistants).parentId;
        role = "assistant";
      }
    } else if (path.length && path[path.length - 1].role === "user") {
      role = "assistant";
    }
    const ctx = plan.ctx;
    const out: NodePlan[] = [];
    const baseOrdinal = nodes.length;
    for (let j = 0; j < howMany; j++) {
      const at = roundMicros(t0 + j * 0.001);
      const files: FileRef[] = [];
      if (role === "user" && rng.chance(ws.size.fileRate)) {
        const id = fileIdFrom(rng);
        files.push({ id, name: uploadFileName(rng, ctx), scope: "user", createdAt: roundMicros(at - 2), contentKey: `user:${id}` });
      }
      const node: NodePlan = {
        ordinal: baseOrdinal + j,
        id: messageIdFrom(rng),
        parentId: parent,
        kind: role,
        role,
        toolName: null,
        contentType: "text",
        createdAt: at,
        files,
        urls: [],
        text: role === "user" ? userPrompt(rng, ctx) : assistantReply(rng, ctx),
      };
      out.push(node);
      parent = node.id;
      role = role === "user" ? "assistant" : "user";
    }
    return out;
  }

  const mutator: Mutator = {
    addConversations(n) {
      const result = emptyResult("addConversations");
      for (let k = 0; k < n; k++) {
        const t = now();
        const entry = ws.indexConversation(ws.conversations.length, { endsAt: t });
        result.conversationIds.push(entry.id);
        result.userIds.push(ws.users[entry.ownerIdx].id);
        result.at = t;
      }
      return result;
    },

    addMessages({ conversations, messagesEach, mode = "mixed" }) {
      const result = emptyResult("addMessages");
      const rng = ws.nextMutationRng("addMessages");
      for (const index of rng.sample(liveIndices(), conversations)) {
        const m: Exclude<AddMessagesMode, "mixed"> =
          mode === "mixed"
            ? rng.weighted([
                ["append", 6],
                ["edit", 2],
                ["regenerate", 2],
              ] as const)
            : mode;
        const t0 = now();
        const nodes = newMessages(rng, index, m, messagesEach, t0);
        const last = nodes[nodes.length - 1].createdAt as number;
        ws.appendNodes(index, nodes);
        ws.overlayOf(index).lastActiveAt = last;
        ws.touchConversation(index, last);
        result.conversationIds.push(ws.conversations[index].id);
        for (const node of nodes) {
          result.messageIds.push(node.id);
          for (const f of node.files) result.fileIds.push(f.id);
        }
        result.at = last;
      }
      return result;
    },

    postMessage({ conversationId, role = "user", text }) {
      const result = emptyResult("postMessage");
      const rng = ws.nextMutationRng("postMessage");
      let index: number;
      if (conversationId !== undefined) {
        const e = ws.conversationEntry(conversationId);
        if (!e || e.deleted) throw new MutationError(404, `Unknown conversation: ${conversationId}`);
        index = e.index;
      } else {
        const live = liveIndices();
        if (!live.length) return result;
        index = rng.pick(live);
      }
      const t = now();
      const nodes = ws.nodesOf(index);
      const node: NodePlan = {
        ordinal: nodes.length,
        id: messageIdFrom(rng),
        parentId: activeLeafOf(nodes) ?? nodes[0]?.id ?? null,
        kind: role,
        role,
        toolName: null,
        contentType: "text",
        createdAt: t,
        files: [],
        urls: [],
        text,
      };
      ws.appendNodes(index, [node]);
      ws.overlayOf(index).lastActiveAt = t;
      ws.touchConversation(index, t);
      result.conversationIds.push(ws.conversations[index].id);
      result.messageIds.push(node.id);
      result.at = t;
      return result;
    },

    retitleConversation(id) {
      const result = emptyResult("retitleConversation");
      const rng = ws.nextMutationRng("retitleConversation");
      let index: number;
      if (id !== undefined) {
        const e = ws.conversationEntry(id);
        if (!e) throw new MutationError(404, `Unknown conversation: ${id}`);
        index = e.index;
      } else {
        const live = liveIndices();
        if (!live.length) return result;
        index = rng.pick(live);
      }
      const ctx = makeContext(rng, ws.company, 0);
      const title = `${titleFrom(userPrompt(rng, { ...ctx, topic: ws.plan(index).ctx.topic }), ctx, rng)} (${rng.pick(["renamed", "v2", "follow-up", "final", "notes"])})`;
      const t = now();
      ws.overlayOf(index).title = title;
      ws.touchConversation(index, t);
      result.conversationIds.push(ws.conversations[index].id);
      result.title = title;
      result.at = t;
      return result;
    },

    editGptConfig(n) {
      const result = emptyResult("editGptConfig");
      const rng = ws.nextMutationRng("editGptConfig");
      for (const g of rng.sample(ws.gpts.filter((x) => !x.deleted), n)) {
        const t = now();
        const writers = [g.ownerIdx, ...g.recipients.filter((r) => r.canWrite).map((r) => r.userIdx)];
        const config = nextConfig(g, rng, rng, t, rng.pick(writers));
        g.configs.push(config);
        g.edits++;
        result.gptIds.push(g.id);
        result.configIds.push(config.id);
        for (const f of config.files) if (!g.configs[g.configs.length - 2]?.files.some((x) => x.id === f.id)) result.fileIds.push(f.id);
        result.at = t;
      }
      ws.invalidateGizmoFiles();
      return result;
    },

    changeSharing(n) {
      const result = emptyResult("changeSharing");
      const rng = ws.nextMutationRng("changeSharing");
      for (const g of rng.sample(ws.gpts.filter((x) => !x.deleted), n)) {
        g.visibility = rng.pick(VISIBILITIES.filter((v) => v !== g.visibility));
        g.recipients = recipientsFor(rng, { seed: ws.seed, now: ws.now, company: ws.company, users: ws.users }, g.ownerIdx, g.visibility);
        g.permissions = { ...g.permissions, canViewConfig: !g.permissions.canViewConfig };
        result.gptIds.push(g.id);
        for (const r of g.recipients) result.userIds.push(ws.users[r.userIdx].id);
        result.at = now();
      }
      return result;
    },

    changeMemories(n, userId) {
      const result = emptyResult("changeMemories");
      const rng = ws.nextMutationRng("changeMemories");
      const all = memoriesOf(userId).flatMap((m) => m.contexts.flatMap((c) => c.entries.map((e) => ({ m, e }))));
      for (const { m, e } of rng.sample(all, n)) {
        const t = now();
        e.content = `${newMemoryEntry(rng, m.ctx, t).content}`;
        e.updatedAt = t;
        ws.touchMemory(m, t);
        result.userIds.push(m.userId);
        result.memoryIds.push(e.id);
        result.at = t;
      }
      return result;
    },

    addMemories(n) {
      const result = emptyResult("addMemories");
      const rng = ws.nextMutationRng("addMemories");
      for (let k = 0; k < n; k++) {
        const user = rng.pick(ws.users);
        let m = ws.memories.get(user.index);
        if (!m) {
          m = { userIdx: user.index, userId: user.id, contexts: [{ id: user.id, entries: [] }], updatedAt: 0, ctx: makeContext(rng, ws.company, 0) };
          ws.memories.set(user.index, m);
        }
        const t = now();
        const entry = newMemoryEntry(rng, m.ctx, t);
        m.contexts[0].entries.push(entry);
        ws.touchMemory(m, t);
        result.userIds.push(user.id);
        result.memoryIds.push(entry.id);
        result.at = t;
      }
      return result;
    },

    deleteMemories(n, userId) {
      const result = emptyResult("deleteMemories");
      const rng = ws.nextMutationRng("deleteMemories");
      const all = memoriesOf(userId).flatMap((m) => m.contexts.flatMap((c) => c.entries.map((e) => ({ m, c, e }))));
      for (const { m, c, e } of rng.sample(all, n)) {
        const t = now();
        ws.deleteMemoryEntry(m.userId, c.id, e.id, t);
        result.userIds.push(m.userId);
        result.memoryIds.push(e.id);
        result.at = t;
      }
      return result;
    },

    deleteConversations(n) {
      const result = emptyResult("deleteConversations");
      const rng = ws.nextMutationRng("deleteConversations");
      for (const index of rng.sample(liveIndices(), n)) {
        const id = ws.conversations[index].id;
        ws.deleteConversation(id);
        result.conversationIds.push(id);
      }
      result.at = result.conversationIds.length ? now() : null;
      return result;
    },

    deleteGpts(n) {
      const result = emptyResult("deleteGpts");
      const rng = ws.nextMutationRng("deleteGpts");
      for (const g of rng.sample(ws.gpts.filter((x) => !x.deleted), n)) {
        ws.deleteGizmo("gpt", g.id);
        result.gptIds.push(g.id);
      }
      result.at = result.gptIds.length ? now() : null;
      return result;
    },

    expireFiles(n) {
      const result = emptyResult("expireFiles");
      const rng = ws.nextMutationRng("expireFiles");
      const order = rng.shuffle(liveIndices());
      for (const index of order) {
        if (result.fileIds.length >= n) break;
        const live = ws.nodesOf(index).flatMap((node) => node.files.filter((f) => !ws.isFileExpired(f)));
        if (!live.length) continue;
        const t = now();
        for (const f of live.slice(0, n - result.fileIds.length)) {
          ws.expiredFiles.add(f.id);
          result.fileIds.push(f.id);
        }
        ws.touchConversation(index, t);
        result.conversationIds.push(ws.conversations[index].id);
        result.at = t;
      }
      return result;
    },

    apply(request) {
      switch (request.op) {
        case "addConversations":
          return mutator.addConversations(request.n);
        case "addMessages":
          return mutator.addMessages(request);
        case "postMessage":
          return mutator.postMessage(request);
        case "retitleConversation":
          return mutator.retitleConversation(request.id);
        case "editGptConfig":
          return mutator.editGptConfig(request.n);
        case "changeSharing":
          return mutator.changeSharing(request.n);
        case "changeMemories":
          return mutator.changeMemories(request.n, request.userId);
        case "addMemories":
          return mutator.addMemories(request.n);
        case "deleteMemories":
          return mutator.deleteMemories(request.n, request.userId);
        case "deleteConversations":
          return mutator.deleteConversations(request.n);
        case "deleteGpts":
          return mutator.deleteGpts(request.n);
        case "expireFiles":
          return mutator.expireFiles(request.n);
      }
    },
  };
  return mutator;
}
