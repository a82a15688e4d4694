// One conversation, generated on demand from (seed, index). Generation is split in two so a million
// messages never need to be in memory at once: planConversation() builds the cheap skeleton (ids, tree,
// roles, tools, times, files) from which the workspace index takes counts and times; the expensive text is
// produced only when renderConversation() is asked for the payload, from a per-message seeded stream.
//
// Tree shape follows ChatGPT: a hidden root system node (content null, created_at null), user/assistant
// turns, tool calls in between, and branches: an edited prompt is a sibling user message under the same
// parent with its own reply subtree, a regenerated answer is a sibling assistant message. Events happen in
// time order and the conversation always continues on the newest branch, so the active leaf is the leaf
// with the greatest created_at (compliance-api.md §12.2).
import { fileIdFrom, conversationIdFrom, messageIdFrom } from "./ids";
import { generatedImageName, sharedDocumentKey, uploadFileName, type FileRef } from "./files";
import { Rng, rngFor, roundMicros, ZipfSampler } from "./random";
import { assistantReply, codeBlock, makeContext, titleFrom, toolOutput, url, userPrompt, type TextContext } from "./text";
import type { ApiConversation, ApiConversationFile, ApiConversationFileInfo, ApiMessage, ApiMessageContent, FileFormat } from "./types";

export type NodeKind = "root" | "hidden" | "user" | "assistant" | "assistant-code" | "tool";
export type Role = "system" | "user" | "assistant" | "tool";

export interface NodePlan {
  /** Creation order within the conversation; seeds the message's text. */
  ordinal: number;
  id: string;
  parentId: string | null;
  kind: NodeKind;
  role: Role;
  toolName: string | null;
  /** null ⇒ the API shows `content: null` (system scaffolding, unsupported tools). */
  contentType: string | null;
  createdAt: number | null;
  files: FileRef[];
  /** URLs the message cites (browser results, url_citation annotations). */
  urls: string[];
  code?: boolean;
  longForm?: boolean;
  /** Text fixed at creation (messages added by mutations); otherwise generated from the seed. */
  text?: string;
}

export interface ConversationPlan {
  index: number;
  id: string;
  ownerIdx: number;
  createdAt: number;
  /** Latest message time, or the auto-title time when that is later. */
  lastActiveAt: number;
  /** Hidden update time as generated (≥ lastActiveAt; sometimes much later, like a migration). */
  updatedAt: number;
  gptId: string | null;
  projectId: string | null;
  ctx: TextContext;
  titleIsNull: boolean;
  nodes: NodePlan[];
  /** Order of `nodes` in the served list: deliberately not topological. */
  listOrder: number[];
}

/** What the planner needs from the workspace. */
export interface PlanEnv {
  seed: number;
  /** Unix seconds: nothing generated is later than this (except mutations, which use the clock). */
  now: number;
  company: string;
  userCount: number;
  messagesPerConversation: number;
  branchRate: number;
  fileRate: number;
  nonEnglishShare: number;
  gptIds: readonly string[];
  thirdPartyGptIds: readonly string[];
  projectIds: readonly string[];
  /** Owner of each project (user index), so project chats mostly belong to project owners. */
  projectOwners: readonly number[];
  /** Maps a Zipf rank to a user index: a few heavy users, a long tail of occasional ones. */
  ownerRanks: readonly number[];
}

/** Options for conversations created later by mutations. */
export interface PlanAnchor {
  /** The conversation ends at this time (Unix seconds). */
  endsAt: number;
}

const HISTORY_SPAN_SECONDS = 180 * 86_400;

const ownerZipfCache = new Map<number, ZipfSampler>();
function ownerZipf(n: number): ZipfSampler {
  let z = ownerZipfCache.get(n);
  if (!z) {
    z = new ZipfSampler(n, 0.9, 3);
    ownerZipfCache.set(n, z);
  }
  return z;
}

export function ownerOf(env: PlanEnv, index: number): number {
  return env.ownerRanks[ownerZipf(env.userCount).sample(rngFor(env.seed, "conv-owner", index))];
}

type Tool = "python" | "browser" | "myfiles_browser" | "dalle" | "deep_research" | "unsupported" | "canmore";

interface Turn {
  parentOfUser: string;
  user: string;
  /** Parent of the assistant reply: the user message or the last tool output. */
  replyParent: string;
}

/** Builds the skeleton of conversation `index`. Pure in (env, index, anchor). */
export function planConversation(env: PlanEnv, index: number, anchor?: PlanAnchor): ConversationPlan {
  const rng = rngFor(env.seed, "conv", index);
  const idRng = rngFor(env.seed, "conv-ids", index);
  const ctx = makeContext(rngFor(env.seed, "conv-ctx", index), env.company, env.nonEnglishShare);
  const compact = anchor !== undefined;

  let ownerIdx = ownerOf(env, index);
  let projectId: string | null = null;
  let gptId: string | null = null;
  if (env.projectIds.length && rng.chance(0.1)) {
    const p = rng.int(0, env.projectIds.length - 1);
    projectId = env.projectIds[p];
    if (rng.chance(0.7)) ownerIdx = env.projectOwners[p];
  } else if (rng.chance(0.15) && (env.gptIds.length || env.thirdPartyGptIds.length)) {
    const thirdParty = env.thirdPartyGptIds.length && (!env.gptIds.length || rng.chance(0.15));
    gptId = thirdParty ? rng.pick(env.thirdPartyGptIds) : env.gptIds[Math.min(env.gptIds.length - 1, Math.floor(Math.pow(rng.next(), 1.8) * env.gptIds.length))];
  }

  const nodes: NodePlan[] = [];
  // Times are relative to 0 while planning, then shifted into place.
  let t = 0;
  const add = (n: Omit<NodePlan, "ordinal">): NodePlan => {
    const node = n as NodePlan;
    node.ordinal = nodes.length;
    nodes.push(node);
    return node;
  };

  // Hidden scaffolding: the root (parent null, or a synthetic client-created id not in the list) and,
  // sometimes, a second hidden system node under it.
  const root = add({
    id: messageIdFrom(idRng),
    parentId: rng.chance(0.1) ? messageIdFrom(idRng) : null,
    kind: "root",
    role: "system",
    toolName: null,
    contentType: null,
    createdAt: null,
    files: [],
    urls: [],
  });
  let top = root.id;
  if (rng.chance(0.3)) {
    top = add({ id: messageIdFrom(idRng), parentId: root.id, kind: "hidden", role: "system", toolName: null, contentType: null, createdAt: null, files: [], urls: [] }).id;
  }

  const target = Math.max(3, rng.count(Math.max(1, env.messagesPerConversation - 1), 3, 0.6));
  let branchesLeft = rng.chance(env.branchRate) ? rng.int(1, 3) : 0;
  const path: Turn[] = [];

  const step = (lo: number, hi: number) => {
    t += rng.float(lo, hi);
    return t;
  };
  const turnGap = () => {
    if (compact) return Math.min(600, rng.exp(60));
    const r = rng.next();
    if (r < 0.85) return rng.exp(240) + 5;
    if (r < 0.97) return rng.float(3_600, 30 * 3_600);
    return rng.float(2 * 86_400, 20 * 86_400);
  };

  const userFiles = (at: number): FileRef[] => {
    if (!rng.chance(env.fileRate)) return [];
    const n = rng.weighted([
      [1, 75],
      [2, 20],
      [3, 5],
    ] as const);
    const files: FileRef[] = [];
    for (let k = 0; k < n; k++) {
      const shared = rng.chance(0.08) ? sharedDocumentKey(rng) : null;
      const id = fileIdFrom(idRng);
      files.push({
        id,
        name: shared ? shared.name : uploadFileName(rng, ctx),
        scope: "user",
        createdAt: at - rng.float(0.5, 40),
        contentKey: shared ? shared.contentKey : `user:${id}`,
        expired: rng.chance(0.15),
      });
    }
    return files;
  };

  /** Tool calls and the assistant reply under `parent`; returns the reply parent and the reply id. */
  const reply = (parent: string, hadFiles: boolean, forceNoTool = false): { replyParent: string; assistant: string } => {
    let cursor = parent;
    let urls: string[] = [];
    let tool: Tool | null = null;
    if (!forceNoTool && (hadFiles ? rng.chance(0.7) : rng.chance(0.22))) {
      tool = hadFiles
        ? "myfiles_browser"
        : rng.weighted([
            ["python", 30],
            ["browser", 30],
            ["dalle", 10],
            ["deep_research", 6],
            ["unsupported", 8],
            ["canmore", 4],
            ["myfiles_browser", 4],
          ] as const);
    }
    if (tool === "python") {
      cursor = add({ id: messageIdFrom(idRng), parentId: cursor, kind: "assistant-code", role: "assistant", toolName: null, contentType: "code", createdAt: step(2, 20), files: [], urls: [] }).id;
      cursor = add({ id: messageIdFrom(idRng), parentId: cursor, kind: "tool", role: "tool", toolName: "python", contentType: "execution_output", createdAt: step(0.5, 8), files: [], urls: [] }).id;
    } else if (tool === "browser" || tool === "deep_research") {
      const n = tool === "browser" ? rng.int(1, 4) : rng.int(3, 8);
      for (let k = 0; k < n; k++) urls.push(url(rng, ctx));
      urls = Array.from(new Set(urls));
      cursor = add({
        id: messageIdFrom(idRng),
        parentId: cursor,
        kind: "tool",
        role: "tool",
        toolName: tool,
        contentType: tool === "browser" ? "tether_browsing_display" : "text",
        createdAt: tool === "browser" ? step(1, 10) : step(120, 1_500),
        files: [],
        urls,
        longForm: tool === "deep_research",
      }).id;
    } else if (tool === "myfiles_browser") {
      cursor = add({ id: messageIdFrom(idRng), parentId: cursor, kind: "tool", role: "tool", toolName: "myfiles_browser", contentType: rng.chance(0.5) ? "tether_quote" : "text", createdAt: step(1, 6), files: [], urls: [] }).id;
    } else if (tool === "dalle") {
      const at = step(8, 30);
      const id = fileIdFrom(idRng);
      const image: FileRef = { id, name: generatedImageName(rng, ctx), scope: "user", createdAt: at, contentKey: `user:${id}`, expired: rng.chance(0.1) };
      cursor = add({ id: messageIdFrom(idRng), parentId: cursor, kind: "tool", role: "tool", toolName: "dalle", contentType: rng.chance(0.5) ? null : "text", createdAt: at, files: [image], urls: [] }).id;
    } else if (tool === "unsupported" || tool === "canmore") {
      cursor = add({
        id: messageIdFrom(idRng),
        parentId: cursor,
        kind: "tool",
        role: "tool",
        toolName: tool === "canmore" ? "canmore.create_textdoc" : null,
        contentType: null,
        createdAt: step(1, 10),
        files: [],
        urls: [],
      }).id;
    }
    const replyParent = cursor;
    const assistant = add({
      id: messageIdFrom(idRng),
      parentId: cursor,
      kind: "assistant",
      role: "assistant",
      toolName: null,
      contentType: rng.chance(0.04) ? "multimodal_text" : "text",
      createdAt: step(2, 45),
      files: [],
      urls: tool === "browser" || tool === "deep_research" ? urls.slice(0, rng.int(1, urls.length)) : [],
      code: tool !== "python" && rng.chance(0.1),
      longForm: rng.chance(0.08),
    });
    return { replyParent, assistant: assistant.id };
  };

  const newTurn = (parentOfUser: string) => {
    t += path.length === 0 && nodes.length <= 2 ? rng.float(0.2, 2) : turnGap();
    const at = t;
    const files = userFiles(at);
    const user = add({ id: messageIdFrom(idRng), parentId: parentOfUser, kind: "user", role: "user", toolName: null, contentType: "text", createdAt: at, files, urls: [] });
    const r = reply(user.id, files.length > 0);
    return { parentOfUser, user: user.id, replyParent: r.replyParent, assistant: r.assistant };
  };

  let lastAssistant = "";
  while (nodes.length < target || (branchesLeft > 0 && path.length > 0)) {
    if (branchesLeft > 0 && path.length > 0 && (nodes.length >= target || rng.chance(0.3))) {
      branchesLeft--;
      const k = rng.int(0, path.length - 1);
      if (rng.chance(0.55)) {
        // Edited prompt: a sibling user message under the same parent, with its own replies.
        const turn = newTurn(path[k].parentOfUser);
        path.length = k;
        path.push(turn);
        lastAssistant = turn.assistant;
      } else {
        // Regenerated answer: a sibling assistant reply.
        t += rng.float(5, 600);
        const a = add({
          id: messageIdFrom(idRng),
          parentId: path[k].replyParent,
          kind: "assistant",
          role: "assistant",
          toolName: null,
          contentType: "text",
          createdAt: step(2, 45),
          files: [],
          urls: [],
          code: rng.chance(0.1),
        });
        const turn = { ...path[k] };
        path.length = k;
        path.push(turn);
        lastAssistant = a.id;
      }
      continue;
    }
    const turn = newTurn(path.length ? lastAssistant : top);
    path.push(turn);
    lastAssistant = turn.assistant;
  }

  // Place the conversation in time.
  const lastRel = t;
  const titleDelay = rng.float(0.5, 3);
  let firstAssistantRel = Infinity;
  for (const n of nodes) if (n.kind === "assistant" && n.createdAt !== null) firstAssistantRel = Math.min(firstAssistantRel, n.createdAt);
  let base: number;
  if (anchor) {
    base = anchor.endsAt - Math.max(lastRel, firstAssistantRel + titleDelay);
  } else {
    const age = HISTORY_SPAN_SECONDS * Math.pow(rng.next(), 1.4);
    base = env.now - age;
    const end = base + Math.max(lastRel, firstAssistantRel + titleDelay);
    if (end > env.now - 60) base -= end - (env.now - 60) + rng.float(0, 3_600);
  }
  const firstUserRel = nodes.find((n) => n.kind === "user")?.createdAt ?? 0;
  for (const n of nodes) {
    if (n.createdAt !== null) n.createdAt = roundMicros(base + n.createdAt);
    for (const f of n.files) f.createdAt = roundMicros(base + f.createdAt);
  }
  const createdAt = roundMicros(base + firstUserRel - rng.float(0.2, 2));
  const lastActiveAt = roundMicros(base + Math.max(lastRel, firstAssistantRel + titleDelay));
  let updatedAt = roundMicros(lastActiveAt + rng.float(0.01, 2));
  if (!anchor && rng.chance(0.05)) updatedAt = roundMicros(Math.min(env.now - 1, lastActiveAt + rng.float(3_600, 20 * 86_400)));
  if (anchor) updatedAt = anchor.endsAt;
  updatedAt = Math.max(updatedAt, lastActiveAt);

  const id = conversationIdFrom(rngFor(env.seed, "conv-id", index), createdAt);
  return {
    index,
    id,
    ownerIdx,
    createdAt,
    lastActiveAt,
    updatedAt,
    gptId,
    projectId,
    ctx,
    titleIsNull: rng.chance(0.01),
    nodes,
    listOrder: listOrderFor(rng, nodes.length),
  };
}

/** A non-topological order: shuffled, reversed, or chronological with the root displaced. */
function listOrderFor(rng: Rng, n: number): number[] {
  const order = Array.from({ length: n }, (_, i) => i);
  const mode = rng.weighted([
    ["shuffle", 5],
    ["reverse", 2],
    ["displaced", 3],
  ] as const);
  if (mode === "shuffle") {
    rng.shuffle(order);
    // Make sure the root is not first, so a parent-before-child reader fails visibly.
    if (order[0] === 0 && n > 1) [order[0], order[1]] = [order[1], order[0]];
  } else if (mode === "reverse") order.reverse();
  else {
    const root = order.shift()!;
    order.splice(rng.int(1, order.length), 0, root);
    for (let i = 1; i < order.length; i++) if (rng.chance(0.1)) [order[i - 1], order[i]] = [order[i], order[i - 1]];
  }
  return order;
}

/** The leaf with the greatest created_at (ties: the later-created node). */
export function activeLeafOf(nodes: readonly NodePlan[]): string | null {
  const hasChild = new Set<string>();
  for (const n of nodes) if (n.parentId) hasChild.add(n.parentId);
  let best: NodePlan | null = null;
  for (const n of nodes) {
    if (hasChild.has(n.id) || n.createdAt === null) continue;
    if (!best || n.createdAt > (best.createdAt ?? -Infinity) || (n.createdAt === best.createdAt && n.ordinal > best.ordinal)) best = n;
  }
  return best ? best.id : null;
}

/** Messages with more than one child: where edits and regenerations forked the conversation. */
export function branchPointsOf(nodes: readonly NodePlan[]): string[] {
  const counts = new Map<string, number>();
  for (const n of nodes) if (n.parentId) counts.set(n.parentId, (counts.get(n.parentId) ?? 0) + 1);
  return nodes.filter((n) => (counts.get(n.id) ?? 0) > 1).map((n) => n.id);
}

/** Path from the root to `leafId` (inclusive), root first. */
export function pathTo(nodes: readonly NodePlan[], leafId: string): NodePlan[] {
  const byId = new Map(nodes.map((n) => [n.id, n]));
  const out: NodePlan[] = [];
  let cur = byId.get(leafId);
  while (cur) {
    out.push(cur);
    cur = cur.parentId ? byId.get(cur.parentId) : undefined;
  }
  return out.reverse();
}

/** Generates a message's text from its own stream: independent of every other message. */
export function textOf(seed: number, plan: ConversationPlan, node: NodePlan): string {
  if (node.text !== undefined) return node.text;
  const rng = rngFor(seed, "text", plan.index, node.ordinal);
  const ctx = plan.ctx;
  switch (node.kind) {
    case "user":
      return userPrompt(rng, ctx);
    case "assistant":
      return assistantReply(rng, ctx, { code: node.code, urls: node.urls, length: node.longForm ? "long" : undefined });
    case "assistant-code":
      return codeBlock(rng, ctx).replace(/^```\w*\n|\n```$/g, "");
    case "tool":
      return toolOutput(rng, ctx, node.toolName ?? "", node.urls);
    default:
      return "";
  }
}

/** Title: the first prompt's salient words (null for a few conversations, as seen in practice). */
export function titleOf(seed: number, plan: ConversationPlan): string | null {
  if (plan.titleIsNull) return null;
  const first = plan.nodes.find((n) => n.kind === "user");
  if (!first) return null;
  return titleFrom(textOf(seed, plan, first), plan.ctx, rngFor(seed, "title", plan.index));
}

function annotationsFor(urls: readonly string[]): ApiMessageContent["annotations"] {
  const out: ApiMessageContent["annotations"] = [];
  for (let i = 0; i < urls.length; ) {
    const take = urls.length - i >= 2 && i % 3 === 2 ? 2 : 1;
    out.push({ type: "url_citation", urls: urls.slice(i, i + take) });
    i += take;
  }
  return out;
}

/** Mutable state layered over a generated conversation. */
export interface ConversationOverlay {
  /** undefined: generated title; otherwise the replacement (possibly null). */
  title?: string | null;
  extraNodes: NodePlan[];
  lastActiveAt?: number;
}

export interface RenderContext {
  seed: number;
  workspaceId: string;
  owner: { id: string; email: string };
  isFileExpired: (file: FileRef) => boolean;
}

export interface RenderOptions {
  fileFormat?: FileFormat;
  /** Signs a live file's URL; without it `download_url` is null (dataset hashing ignores it anyway). */
  fileUrl?: (file: FileRef, conversationId: string, ownerId: string) => string;
}

/** All nodes in list order: generated ones in their planned order, added ones spliced in by id hash. */
export function orderedNodes(plan: ConversationPlan, overlay: ConversationOverlay | undefined): NodePlan[] {
  const out = plan.listOrder.map((i) => plan.nodes[i]);
  for (const extra of overlay?.extraNodes ?? []) {
    const pos = parseInt(extra.id.slice(0, 6), 16) % (out.length + 1);
    out.splice(pos, 0, extra);
  }
  return out;
}

export function allNodes(plan: ConversationPlan, overlay: ConversationOverlay | undefined): NodePlan[] {
  return overlay?.extraNodes.length ? plan.nodes.concat(overlay.extraNodes) : plan.nodes;
}

export function renderMessage(rc: RenderContext, plan: ConversationPlan, node: NodePlan, options: RenderOptions): ApiMessage {
  const fileFormat = options.fileFormat ?? "url";
  const files: Array<ApiConversationFile | ApiConversationFileInfo> = node.files.map((f) => {
    if (fileFormat === "id") return { object: "compliance.workspace.conversation.message.file_info", id: f.id, name: f.name, user_id: rc.owner.id };
    const expired = rc.isFileExpired(f);
    return {
      object: "compliance.workspace.conversation.message.file",
      id: f.id,
      name: f.name,
      created_at: expired ? null : f.createdAt,
      download_url: expired || !options.fileUrl ? null : options.fileUrl(f, plan.id, rc.owner.id),
    };
  });
  const isSystem = node.kind === "root" || node.kind === "hidden";
  return {
    object: "compliance.workspace.conversation.message",
    id: node.id,
    parent_id: node.parentId,
    created_at: node.createdAt,
    gpt_id: isSystem ? null : plan.gptId,
    project_id: isSystem ? null : plan.projectId,
    author: { object: "compliance.workspace.conversation.message.author", role: node.role, tool_name: node.toolName },
    content: node.contentType === null ? null : { type: node.contentType, value: textOf(rc.seed, plan, node), annotations: annotationsFor(node.urls) },
    files: { object: "list", data: files, has_more: false, last_id: null },
  };
}

export function renderConversation(rc: RenderContext, plan: ConversationPlan, overlay: ConversationOverlay | undefined, options: RenderOptions = {}): ApiConversation {
  const messages = orderedNodes(plan, overlay).map((n) => renderMessage(rc, plan, n, options));
  return {
    object: "compliance.workspace.conversation",
    id: plan.id,
    workspace_id: rc.workspaceId,
    user_id: rc.owner.id,
    user_email: rc.owner.email,
    created_at: plan.createdAt,
    last_active_at: overlay?.lastActiveAt ?? plan.lastActiveAt,
    title: overlay && overlay.title !== undefined ? overlay.title : titleOf(rc.seed, plan),
    messages: { object: "list", data: messages, has_more: false, last_id: null },
  };
}
