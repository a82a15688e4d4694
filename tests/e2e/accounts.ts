// Accounts the end-to-end server seeds (scripts/e2e-server.ts) and the specs sign in with.
export const E2E_PORT = 3100;
export const E2E_PASSWORD = "e2e password 0123";
export const accounts = {
  admin: { email: "admin@e2e.test", name: "Ada Admin", role: "ADMIN" },
  officer: { email: "officer@e2e.test", name: "Otto Officer", role: "OFFICER" },
  reviewer: { email: "reviewer@e2e.test", name: "Rita Reviewer", role: "REVIEWER" },
  auditor: { email: "auditor@e2e.test", name: "Aldo Auditor", role: "AUDITOR" },
  disabled: { email: "disabled@e2e.test", name: "Dora Disabled", role: "REVIEWER" },
  wrongPassword: { email: "typo@e2e.test", name: "Tina Typo", role: "REVIEWER" },
} as const;

/** The Compliance API simulator the e2e server runs (fixed id and keys, so specs can use them). */
export const E2E_SIMULATOR = {
  port: 3101,
  seed: 5150,
  workspaceId: "5f0c1e2a-7b3d-4c8e-9a10-2b3c4d5e6f70",
  apiKey: "sk-e2e-valid-key-0000000000000000000000WXYZ",
  invalidKey: "sk-e2e-wrong-key-000000000000000000000BAD1",
  size: {
    users: 12, conversations: 160, messagesPerConversation: 10, branchRate: 0.3, gpts: 6, configsPerGpt: 2, projects: 3,
    configsPerProject: 2, memoriesPerUser: 3, fileRate: 0.1, gptFileRate: 0.5,
  },
} as const;

/**
 * A second workspace the e2e server captures and indexes before the app starts, so the search specs have
 * known, already-searchable data no matter which specs ran before.
 */
export const E2E_SEARCH_SIMULATOR = {
  port: 3102,
  seed: 4242,
  workspaceId: "7a1d2c3b-4e5f-4a6b-8c7d-9e0f1a2b3c4d",
  apiKey: "sk-e2e-search-key-00000000000000000000SRCH",
  sourceName: "Search workspace",
  size: {
    users: 8, conversations: 60, messagesPerConversation: 8, branchRate: 0.3, gpts: 4, configsPerGpt: 2, projects: 2,
    configsPerProject: 1, memoriesPerUser: 3, fileRate: 0.1, gptFileRate: 0.5,
  },
} as const;

/**
 * A third workspace for the governance spec (holds, retention, disposition, exports): its own source, so a
 * policy scoped to it disposes nothing other specs rely on; dated in early 2024, so its items are never the
 * newest search hits other specs pick.
 */
export const E2E_GOVERNANCE_SIMULATOR = {
  port: 3103,
  seed: 7331,
  workspaceId: "9c8b7a6d-5e4f-4a3b-9c2d-1e0f9a8b7c6d",
  apiKey: "sk-e2e-governance-key-0000000000000000GOVN",
  sourceName: "Governance workspace",
  now: Date.UTC(2024, 0, 15),
  size: {
    users: 4, conversations: 24, messagesPerConversation: 6, branchRate: 0.2, gpts: 2, configsPerGpt: 2, projects: 1,
    configsPerProject: 1, memoriesPerUser: 3, fileRate: 0.1, gptFileRate: 0.5,
  },
} as const;
