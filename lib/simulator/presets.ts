// Workspace sizes used across the project: `small` for tests, `demo` for `npm start`, `large` for
// benchmarks. Sizes are means; generated counts vary around them (deterministically per seed).
import { z } from "zod";

export const workspaceSizeSchema = z.object({
  users: z.number().int().min(1),
  conversations: z.number().int().min(0),
  /** Mean messages per conversation, counting the hidden system node(s). */
  messagesPerConversation: z.number().min(1),
  /** Share of conversations with edited-prompt or regenerated-answer branches (0..1). */
  branchRate: z.number().min(0).max(1),
  gpts: z.number().int().min(0),
  /** Mean configuration versions per GPT (at least 1 each). */
  configsPerGpt: z.number().min(1),
  projects: z.number().int().min(0),
  configsPerProject: z.number().min(1),
  /** Mean memory entries per user (some users have none). */
  memoriesPerUser: z.number().min(0),
  /** Share of user messages with attached files (0..1). */
  fileRate: z.number().min(0).max(1),
  /** Share of GPTs and projects that have knowledge files (0..1). */
  gptFileRate: z.number().min(0).max(1),
});

export type WorkspaceSize = z.infer<typeof workspaceSizeSchema>;

export const SIZE_PRESETS = {
  /** Tests: ~10 users, 60 conversations, ~600 messages. */
  small: {
    users: 10,
    conversations: 60,
    messagesPerConversation: 10,
    branchRate: 0.3,
    gpts: 6,
    configsPerGpt: 2.5,
    projects: 3,
    configsPerProject: 2,
    memoriesPerUser: 4,
    fileRate: 0.15,
    gptFileRate: 0.7,
  },
  /** The demo workspace: ~50 users, 2,000 conversations, ~30,000 messages. */
  demo: {
    users: 50,
    conversations: 2_000,
    messagesPerConversation: 15,
    branchRate: 0.2,
    gpts: 40,
    configsPerGpt: 3,
    projects: 10,
    configsPerProject: 2,
    memoriesPerUser: 6,
    fileRate: 0.08,
    gptFileRate: 0.6,
  },
  /** Benchmarks: ~210,000 messages. */
  large: {
    users: 500,
    conversations: 15_000,
    messagesPerConversation: 14,
    branchRate: 0.2,
    gpts: 200,
    configsPerGpt: 3,
    projects: 60,
    configsPerProject: 2,
    memoriesPerUser: 8,
    fileRate: 0.05,
    gptFileRate: 0.5,
  },
} as const satisfies Record<string, WorkspaceSize>;

export type SizePresetName = keyof typeof SIZE_PRESETS;

export function isSizePresetName(name: string): name is SizePresetName {
  return Object.prototype.hasOwnProperty.call(SIZE_PRESETS, name);
}
