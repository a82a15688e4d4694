// The seeded synthetic workspace: the simulator's single source of truth. Users, GPTs, projects and
// memories are small and live in memory. Conversations do not: the workspace keeps a compact index
// (id, owner, hidden update time, message count) and regenerates any conversation from (seed, index) on
// demand, with mutation overlays (added messages, new titles, expired files, deletions) applied on top.
// The hidden update time is what the conversations endpoint orders and filters by; it is never served.
import { userIdFrom, workspaceIdFrom } from "./ids";
import {
  activeLeafOf,
  allNodes,
  branchPointsOf,
  planConversation,
  textOf,
  renderConversation,
  type ConversationOverlay,
  type ConversationPlan,
  type NodePlan,
  type PlanAnchor,
  type PlanEnv,
  type RenderContext,
  type RenderOptions,
} from "./conversation";
import { fileBodyOf, type FileBody, type FileRef } from "./files";
import { generateGizmos, generateThirdPartyGpts, type GizmoState, type ThirdPartyGpt } from "./gizmos";
import { generateUserMemory, type UserMemoryState } from "./memories";
import { workspaceSizeSchema, type WorkspaceSize } from "./presets";
import { rngFor, roundMicros, seedToInt, type Rng, type Seed } from "./random";
import { emailLocalPart, companyDomain, personName } from "./text";
import type { ApiConversation, ApiUser, GizmoKind } from "./types";
import { COMPANY_NAMES } from "./words-intl";

/** Default generation time (ms): fixed, so the same seed gives the same bytes on any day. */
export const DEFAULT_NOW_MS = Date.UTC(2026, 9, 1);

export interface GenerateWorkspaceOptions {
  seed: Seed;
  size: WorkspaceSize;
  /** Defaults to a UUID derived from the seed. */
  workspaceId?: string;
  /** Generation time in ms since the epoch (default DEFAULT_NOW_MS); generated data lies before it. */
  now?: number | Date;
  /** Share of conversations written in a language other than English (default 0.05). */
  nonEnglishShare?: number;
}

export interface UserState {
  index: number;
  id: string;
  email: string;
  name: string;
  createdAt: number;
  role: ApiUser["role"];
  status: ApiUser["status"];
}

export interface ConversationIndexEntry {
  index: number;
  id: string;
  ownerIdx: number;
  createdAt: number;
  /** Hidden update time (Unix seconds): ordering and `since_timestamp` key. */
  updatedAt: number;
  messageCount: number;
  deleted: boolean;
  /** Set for conversations created by mutations. */
  anchor?: PlanAnchor;
}

/** Sort key of the conversations list: (hidden update time, id). */
export interface ConversationKey {
  updatedAt: number;
  id: string;
}

export function compareKeys(a: ConversationKey, b: ConversationKey): number {
  return a.updatedAt - b.updatedAt || (a.id < b.id ? -1 : a.id > b.id ? 1 : 0);
}

class Lru<K, V> {
  private readonly map = new Map<K, V>();
  constructor(private readonly capacity: number) {}
  get(key: K): V | undefined {
    const v = this.map.get(key);
    if (v !== undefined) {
      this.map.delete(key);
      this.map.set(key, v);
    }
    return v;
  }
  set(key: K, value: V): void {
    this.map.delete(key);
    this.map.set(key, value);
    if (this.map.size > this.capacity) this.map.delete(this.map.keys().next().value as K);
  }
  delete(key: K): void {
    this.map.delete(key);
  }
  clear(): void {
    this.map.clear();
  }
}

export interface UserFileLocation {
  file: FileRef;
  conversationIndex: number;
}

export interface GizmoFileLocation {
  file: FileRef;
  /** Every GPT/project (of that kind) whose configuration history references the file. */
  gizmos: GizmoState[];
}

export class Workspace {
  readonly seed: number;
  readonly seedInput: Seed;
  readonly size: WorkspaceSize;
  readonly id: string;
  /** Generation time, Unix seconds. */
  readonly now: number;
  readonly company: string;
  readonly users: UserState[];
  readonly gpts: GizmoState[];
  readonly projects: GizmoState[];
  readonly thirdPartyGpts: ThirdPartyGpt[];
  /** By user index. */
  readonly memories = new Map<number, UserMemoryState>();
  readonly conversations: ConversationIndexEntry[] = [];
  readonly overlays = new Map<number, ConversationOverlay>();
  /** Files expired by mutations (chat uploads also expire at generation, see FileRef.expired). */
  readonly expiredFiles = new Set<string>();
  readonly planEnv: PlanEnv;
  /** Mutations applied so far: seeds each next mutation's choices. */
  mutationCount = 0;
  /** Latest hidden update time handed out (Unix seconds); mutation times never go below it. */
  lastUpdateAt = 0;

  private readonly userIdx = new Map<string, number>();
  private readonly conversationIdx = new Map<string, number>();
  private readonly gizmoIdx = new Map<string, GizmoState>();
  private readonly planCache = new Lru<number, ConversationPlan>(512);
  /** Every plan with its text, once pregenerate() ran; files' bodies likewise. */
  private pinned: Map<number, ConversationPlan> | null = null;
  private fileBodies: Map<string, FileBody> | null = null;
  /** Pregenerated: the served JSON of each conversation whose rendering never varies (no files, no overlay). */
  private servedJson: Map<number, Buffer> | null = null;
  private sorted: number[] | null = null;
  private userFiles: Map<number, Map<string, UserFileLocation>> = new Map();
  private gizmoFiles: Map<string, GizmoFileLocation> | null = null;

  constructor(options: GenerateWorkspaceOptions) {
    const size = workspaceSizeSchema.parse(options.size);
    this.size = size;
    this.seedInput = options.seed;
    this.seed = seedToInt(options.seed);
    const nowMs = options.now === undefined ? DEFAULT_NOW_MS : options.now instanceof Date ? options.now.getTime() : options.now;
    this.now = Math.floor(nowMs / 1000);
    this.id = options.workspaceId ?? workspaceIdFrom(rngFor(this.seed, "workspace"));
    this.company = rngFor(this.seed, "company").pick(COMPANY_NAMES);

    this.users = generateUsers(this.seed, this.now, this.company, size.users);
    this.users.forEach((u) => this.userIdx.set(u.id, u.index));

    const gizmoEnv = { seed: this.seed, now: this.now, company: this.company, users: this.users };
    this.gpts = generateGizmos(gizmoEnv, "gpt", size.gpts, size.configsPerGpt, size.gptFileRate);
    this.projects = generateGizmos(gizmoEnv, "project", size.projects, size.configsPerProject, size.gptFileRate);
    for (const g of [...this.gpts, ...this.projects]) this.gizmoIdx.set(g.id, g);
    this.thirdPartyGpts = generateThirdPartyGpts(this.seed, this.now, Math.min(8, Math.max(2, Math.ceil(size.gpts / 5))));

    const memoryEnv = { seed: this.seed, now: this.now, company: this.company, memoriesPerUser: size.memoriesPerUser, projectIds: this.projects.map((p) => p.id) };
    for (const u of this.users) {
      const m = generateUserMemory(memoryEnv, u.index, u.id, u.createdAt);
      if (m) this.memories.set(u.index, m);
    }

    const ownerRanks = rngFor(this.seed, "owner-ranks").shuffle(this.users.map((u) => u.index));
    this.planEnv = {
      seed: this.seed,
      now: this.now,
      company: this.company,
      userCount: this.users.length,
      messagesPerConversation: size.messagesPerConversation,
      branchRate: size.branchRate,
      fileRate: size.fileRate,
      nonEnglishShare: options.nonEnglishShare ?? 0.05,
      gptIds: this.gpts.map((g) => g.id),
      thirdPartyGptIds: this.thirdPartyGpts.map((g) => g.id),
      projectIds: this.projects.map((p) => p.id),
      projectOwners: this.projects.map((p) => p.ownerIdx),
      ownerRanks,
    };

    for (let i = 0; i < size.conversations; i++) this.indexConversation(i);
    for (const m of this.memories.values()) this.lastUpdateAt = Math.max(this.lastUpdateAt, m.updatedAt);
  }

  /** Plans conversation `index` once to record its index entry (the plan itself is not kept). */
  indexConversation(index: number, anchor?: PlanAnchor): ConversationIndexEntry {
    const plan = planConversation(this.planEnv, index, anchor);
    const entry: ConversationIndexEntry = {
      index,
      id: plan.id,
      ownerIdx: plan.ownerIdx,
      createdAt: plan.createdAt,
      updatedAt: plan.updatedAt,
      messageCount: plan.nodes.length,
      deleted: false,
      anchor,
    };
    this.conversations[index] = entry;
    this.pinned?.delete(index);
    this.servedJson?.delete(index);
    this.conversationIdx.set(plan.id, index);
    this.lastUpdateAt = Math.max(this.lastUpdateAt, plan.updatedAt);
    this.sorted = null;
    this.userFiles.delete(plan.ownerIdx);
    return entry;
  }

  // -- users ------------------------------------------------------------------------------------------

  userById(id: string): UserState | undefined {
    const i = this.userIdx.get(id);
    return i === undefined ? undefined : this.users[i];
  }

  /** User indices in ascending user_id order (the users and memories lists' order). */
  usersInIdOrder(): UserState[] {
    return this.users.slice().sort((a, b) => (a.id < b.id ? -1 : a.id > b.id ? 1 : 0));
  }

  renderUser(u: UserState): ApiUser {
    return { object: "compliance.workspace.user", id: u.id, email: u.email, name: u.name, created_at: u.createdAt, role: u.role, status: u.status };
  }

  // -- conversations ----------------------------------------------------------------------------------

  conversationIndexOf(id: string): number | undefined {
    return this.conversationIdx.get(id);
  }

  /** Index entry of a live (not deleted) conversation. */
  conversationEntry(id: string): ConversationIndexEntry | undefined {
    const i = this.conversationIdx.get(id);
    const e = i === undefined ? undefined : this.conversations[i];
    return e && !e.deleted ? e : undefined;
  }

  plan(index: number): ConversationPlan {
    const pinned = this.pinned?.get(index);
    if (pinned) return pinned;
    let p = this.planCache.get(index);
    if (!p) {
      p = planConversation(this.planEnv, index, this.conversations[index]?.anchor);
      this.planCache.set(index, p);
    }
    return p;
  }

  /** Plan without touching the cache: bulk iteration must not evict (or fill) it. */
  private planUncached(index: number): ConversationPlan {
    return this.pinned?.get(index) ?? this.planCache.get(index) ?? planConversation(this.planEnv, index, this.conversations[index]?.anchor);
  }

  /**
   * Generates every conversation (plan and text) and every file's bytes now and keeps them, so serving
   * generates nothing afterwards. For benchmarks: there the simulator stands in for an API serving stored
   * data while it shares the machine with what is measured. Costs memory: about the workspace's text and
   * files. Mutations still work (a changed plan is generated again).
   */
  pregenerate(): { conversations: number; files: number; fileBytes: number } {
    this.pinned = new Map();
    this.fileBodies = new Map();
    this.servedJson = new Map();
    let fileBytes = 0;
    for (const e of this.conversations) {
      if (!e || e.deleted) continue;
      const plan = this.planUncached(e.index);
      let hasFiles = false;
      for (const node of plan.nodes) {
        if (node.text === undefined && node.contentType !== null) node.text = textOf(this.seed, plan, node);
        for (const f of node.files) fileBytes += this.fileBody(f).bytes.length;
        hasFiles ||= node.files.length > 0;
      }
      this.pinned.set(e.index, plan);
      if (!hasFiles) this.servedJson.set(e.index, Buffer.from(JSON.stringify(renderConversation(this.renderContext(e.index), plan, undefined))));
    }
    for (const g of [...this.gpts, ...this.projects]) for (const c of g.configs) for (const f of c.files) fileBytes += this.fileBody(f).bytes.length;
    return { conversations: this.pinned.size, files: this.fileBodies.size, fileBytes };
  }

  /**
   * The conversation's JSON as served, when it was pregenerated and its rendering cannot vary (no files,
   * whose URLs are signed per request; no mutation since). Otherwise null: render it.
   */
  servedConversationJson(index: number): Buffer | null {
    if (!this.servedJson || this.overlays.has(index)) return null;
    return this.servedJson.get(index) ?? null;
  }

  /** A file's bytes and their digests (kept when pregenerated). */
  fileBody(file: FileRef): FileBody {
    const key = `${file.contentKey}\u0000${file.name}`;
    const kept = this.fileBodies?.get(key);
    if (kept) return kept;
    const body = fileBodyOf(this.seed, file.contentKey, file.name);
    this.fileBodies?.set(key, body);
    return body;
  }

  /** Every message node (generated and added) of a conversation. */
  nodesOf(index: number): NodePlan[] {
    return allNodes(this.plan(index), this.overlays.get(index));
  }

  renderContext(index: number): RenderContext {
    const owner = this.users[this.conversations[index].ownerIdx];
    return { seed: this.seed, workspaceId: this.id, owner: { id: owner.id, email: owner.email }, isFileExpired: (f) => this.isFileExpired(f) };
  }

  renderConversationAt(index: number, options: RenderOptions = {}, cached = true): ApiConversation {
    const plan = cached ? this.plan(index) : this.planUncached(index);
    return renderConversation(this.renderContext(index), plan, this.overlays.get(index), options);
  }

  /** The conversation as the API serves it (download_url null unless `options.fileUrl` signs). */
  getConversation(id: string, options: RenderOptions = {}): ApiConversation | null {
    const e = this.conversationEntry(id);
    return e ? this.renderConversationAt(e.index, options) : null;
  }

  /** All live conversations in generation order, one at a time (nothing is retained between them). */
  *iterateConversations(options: RenderOptions = {}): Generator<ApiConversation> {
    for (const e of this.conversations) {
      if (!e || e.deleted) continue;
      yield this.renderConversationAt(e.index, options, false);
    }
  }

  /** The leaf the reader should show as current: the newest leaf (max created_at). */
  expectedActiveLeaf(conversationId: string): string | null {
    const e = this.conversationEntry(conversationId);
    return e ? activeLeafOf(this.nodesOf(e.index)) : null;
  }

  /** Message ids with more than one child (edit/regenerate fork points). */
  branchPoints(conversationId: string): string[] {
    const e = this.conversationEntry(conversationId);
    return e ? branchPointsOf(this.nodesOf(e.index)) : [];
  }

  liveConversationCount(): number {
    let n = 0;
    for (const e of this.conversations) if (e && !e.deleted) n++;
    return n;
  }

  liveMessageCount(): number {
    let n = 0;
    for (const e of this.conversations) if (e && !e.deleted) n += e.messageCount;
    return n;
  }

  /** Live conversation indices ordered by (hidden update time, id): the conversations list order. */
  conversationsInUpdateOrder(): readonly number[] {
    if (!this.sorted) {
      const live = this.conversations.filter((e) => e && !e.deleted);
      live.sort(compareKeys);
      this.sorted = live.map((e) => e.index);
    }
    return this.sorted;
  }

  /** Position of the first conversation strictly after `key` (or at/after `since` seconds) in update order. */
  updateOrderPosition(bound: { after: ConversationKey } | { since: number } | null): number {
    const order = this.conversationsInUpdateOrder();
    if (!bound) return 0;
    let lo = 0;
    let hi = order.length;
    while (lo < hi) {
      const mid = (lo + hi) >>> 1;
      const e = this.conversations[order[mid]];
      const before = "after" in bound ? compareKeys(e, bound.after) <= 0 : e.updatedAt < bound.since;
      if (before) lo = mid + 1;
      else hi = mid;
    }
    return lo;
  }

  /** Records a change to a conversation at hidden time `t`. */
  touchConversation(index: number, t: number): void {
    const e = this.conversations[index];
    e.updatedAt = t;
    this.lastUpdateAt = Math.max(this.lastUpdateAt, t);
    this.sorted = null;
  }

  overlayOf(index: number): ConversationOverlay {
    let o = this.overlays.get(index);
    if (!o) {
      o = { extraNodes: [] };
      this.overlays.set(index, o);
    }
    return o;
  }

  /** Adds messages to a conversation's overlay (message count and the file lookup follow). */
  appendNodes(index: number, nodes: NodePlan[]): void {
    const o = this.overlayOf(index);
    o.extraNodes.push(...nodes);
    this.conversations[index].messageCount += nodes.length;
    this.userFiles.delete(this.conversations[index].ownerIdx);
  }

  deleteConversation(id: string): boolean {
    const e = this.conversationEntry(id);
    if (!e) return false;
    e.deleted = true;
    this.sorted = null;
    this.userFiles.delete(e.ownerIdx);
    this.planCache.delete(e.index);
    this.pinned?.delete(e.index);
    this.servedJson?.delete(e.index);
    return true;
  }

  // -- files ------------------------------------------------------------------------------------------

  isFileExpired(file: FileRef): boolean {
    return Boolean(file.expired) || this.expiredFiles.has(file.id);
  }

  /** A user's chat file (upload or generated), in a live conversation of that user. */
  findUserFile(userId: string, fileId: string): UserFileLocation | null {
    const u = this.userById(userId);
    if (!u) return null;
    let files = this.userFiles.get(u.index);
    if (!files) {
      files = new Map();
      for (const e of this.conversations) {
        if (!e || e.deleted || e.ownerIdx !== u.index) continue;
        for (const n of allNodes(this.planUncached(e.index), this.overlays.get(e.index))) {
          for (const f of n.files) files.set(f.id, { file: f, conversationIndex: e.index });
        }
      }
      this.userFiles.set(u.index, files);
    }
    return files.get(fileId) ?? null;
  }

  /** A GPT or project knowledge file, with the gizmos referencing it (deleted ones included). */
  findGizmoFile(kind: GizmoKind, fileId: string): GizmoFileLocation | null {
    if (!this.gizmoFiles) {
      this.gizmoFiles = new Map();
      for (const g of [...this.gpts, ...this.projects]) {
        for (const c of g.configs) {
          for (const f of c.files) {
            const key = `${g.kind}:${f.id}`;
            const loc = this.gizmoFiles.get(key) ?? { file: f, gizmos: [] };
            if (!loc.gizmos.includes(g)) loc.gizmos.push(g);
            this.gizmoFiles.set(key, loc);
          }
        }
      }
    }
    return this.gizmoFiles.get(`${kind}:${fileId}`) ?? null;
  }

  /** Call after changing any gizmo's configurations. */
  invalidateGizmoFiles(): void {
    this.gizmoFiles = null;
  }

  // -- GPTs and projects ------------------------------------------------------------------------------

  gizmos(kind: GizmoKind): GizmoState[] {
    return kind === "gpt" ? this.gpts : this.projects;
  }

  /** A live workspace GPT/project by id. */
  getGizmo(kind: GizmoKind, id: string): GizmoState | undefined {
    const g = this.gizmoIdx.get(id);
    return g && g.kind === kind && !g.deleted ? g : undefined;
  }

  /** Live gizmos in ascending id order (the list endpoints' order, so `after` survives deletions). */
  gizmosInIdOrder(kind: GizmoKind): GizmoState[] {
    return this.gizmos(kind)
      .filter((g) => !g.deleted)
      .sort((a, b) => (a.id < b.id ? -1 : a.id > b.id ? 1 : 0));
  }

  thirdPartyGpt(id: string): ThirdPartyGpt | undefined {
    return this.thirdPartyGpts.find((g) => g.id === id);
  }

  deleteGizmo(kind: GizmoKind, id: string): boolean {
    const g = this.getGizmo(kind, id);
    if (!g) return false;
    g.deleted = true;
    return true;
  }

  // -- memories ---------------------------------------------------------------------------------------

  /** Users with a memory object, ascending user_id. */
  memoriesInIdOrder(): UserMemoryState[] {
    return Array.from(this.memories.values()).sort((a, b) => (a.userId < b.userId ? -1 : a.userId > b.userId ? 1 : 0));
  }

  deleteMemoryEntry(userId: string, contextId: string, entryId: string, t: number): boolean {
    const u = this.userById(userId);
    const m = u ? this.memories.get(u.index) : undefined;
    const c = m?.contexts.find((x) => x.id === contextId);
    const i = c ? c.entries.findIndex((e) => e.id === entryId) : -1;
    if (!m || !c || i < 0) return false;
    c.entries.splice(i, 1);
    this.touchMemory(m, t);
    return true;
  }

  touchMemory(m: UserMemoryState, t: number): void {
    m.updatedAt = t;
    this.lastUpdateAt = Math.max(this.lastUpdateAt, t);
  }

  // -- time and mutation seeds ------------------------------------------------------------------------

  /**
   * The hidden time for a change made now: the clock (Unix seconds, µs precision), but never at or before
   * the latest update already handed out, so a changed object always moves to the end of the order.
   */
  nextUpdateTime(clockMs: number): number {
    const t = roundMicros(Math.max(clockMs / 1000, this.lastUpdateAt + 0.000001));
    this.lastUpdateAt = t;
    return t;
  }

  /** A fresh deterministic stream for the next mutation. */
  nextMutationRng(op: string): Rng {
    return rngFor(this.seed, "mutation", this.mutationCount++, op);
  }
}

function generateUsers(seed: number, now: number, company: string, count: number): UserState[] {
  const users: UserState[] = [];
  const emails = new Set<string>();
  for (let i = 0; i < count; i++) {
    const rng = rngFor(seed, "user", i);
    const id = userIdFrom(rng);
    const { first, last } = personName(rng);
    let local = emailLocalPart(first, last);
    for (let k = 2; emails.has(local); k++) local = `${emailLocalPart(first, last)}${k}`;
    emails.add(local);
    users.push({
      index: i,
      id,
      email: `${local}@${companyDomain(company)}`,
      name: `${first} ${last}`,
      createdAt: roundMicros(now - rng.float(200, 720) * 86_400),
      role: i === 0 ? "account-owner" : rng.chance(0.06) ? "account-admin" : "standard-user",
      status: i > 0 && rng.chance(0.08) ? "inactive" : "active",
    });
  }
  return users;
}

/** Generates a workspace. Same seed and size (and now) ⇒ identical payloads, byte for byte. */
export function generateWorkspace(options: GenerateWorkspaceOptions): Workspace {
  return new Workspace(options);
}
