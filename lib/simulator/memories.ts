// ChatGPT memories: one Memory per user (id = user_id), holding contexts (the primary one also has the
// user's id; others, e.g. a project's, have their own), holding entries with `updated_at` (§5.6). Each
// user's memory carries a hidden update time that `since_timestamp` filters on, bumped by any change,
// including deletions (which leave no entry behind to carry a newer `updated_at`).
import { memoryEntryIdFrom } from "./ids";
import { rngFor, roundMicros, type Rng } from "./random";
import { makeContext, memoryContent, type TextContext } from "./text";
import type { ApiMemory } from "./types";

export interface MemoryEntryState {
  id: string;
  content: string;
  updatedAt: number;
}

export interface MemoryContextState {
  id: string;
  entries: MemoryEntryState[];
}

export interface UserMemoryState {
  userIdx: number;
  userId: string;
  contexts: MemoryContextState[];
  /** Hidden: max entry time, or the time of the last change (deletions included). */
  updatedAt: number;
  ctx: TextContext;
}

export interface MemoryEnv {
  seed: number;
  now: number;
  company: string;
  memoriesPerUser: number;
  projectIds: readonly string[];
}

export function newMemoryEntry(rng: Rng, ctx: TextContext, at: number): MemoryEntryState {
  return { id: memoryEntryIdFrom(rng), content: memoryContent(rng, { ...ctx, language: "en" }), updatedAt: roundMicros(at) };
}

/** Memory for one user, or null when the user has none. */
export function generateUserMemory(env: MemoryEnv, userIdx: number, userId: string, userCreatedAt: number): UserMemoryState | null {
  const rng = rngFor(env.seed, "memory", userIdx);
  const ctx = makeContext(rng, env.company, 0);
  const count = env.memoriesPerUser <= 0 ? 0 : rng.count(env.memoriesPerUser, 0, 0.8);
  if (count === 0) return null;
  const primary: MemoryContextState = { id: userId, entries: [] };
  const contexts = [primary];
  if (env.projectIds.length && rng.chance(0.2)) contexts.push({ id: rng.pick(env.projectIds), entries: [] });
  const from = Math.max(userCreatedAt, env.now - 200 * 86_400);
  for (let i = 0; i < count; i++) {
    const target = contexts.length > 1 && rng.chance(0.3) ? contexts[1] : primary;
    target.entries.push(newMemoryEntry(rng, ctx, rng.float(from, env.now - 60)));
  }
  for (const c of contexts) c.entries.sort((a, b) => a.updatedAt - b.updatedAt);
  const updatedAt = Math.max(...contexts.flatMap((c) => c.entries.map((e) => e.updatedAt)));
  return { userIdx, userId, contexts, updatedAt, ctx };
}

export function renderMemory(memory: UserMemoryState): ApiMemory {
  return {
    object: "compliance.workspace.user.memory",
    id: memory.userId,
    memory_contexts: memory.contexts.map((c) => ({
      object: "compliance.workspace.user.memory.context",
      id: c.id,
      memory_entries: c.entries.map((e) => ({ object: "compliance.workspace.user.memory.context.entry", id: e.id, content: e.content, updated_at: e.updatedAt })),
    })),
  };
}
