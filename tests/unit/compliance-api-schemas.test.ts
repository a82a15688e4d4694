import { describe, expect, it } from "vitest";
import { checkPageEnvelope, CursorGuard, parseItem } from "@/lib/compliance-api/pagination";
import {
  conversationSchema,
  dateToUnixSeconds,
  getFileDownloadUrl,
  gptSchema,
  isCustomActionTool,
  memorySchema,
  messageSchema,
  pageEnvelopeSchema,
  projectSchema,
  toApiTimestamp,
  unixSecondsToDate,
  workspaceUserSchema,
} from "@/lib/compliance-api/schemas";

// Examples from compliance-api.md §5 (verbatim shapes).
const usersPage = {
  object: "list",
  data: [
    { object: "compliance.workspace.user", id: "user-4kQm2Vx9TzR1bN7cLp0sWdYe", email: "ana.ruiz@example.com", name: "Ana Ruiz", created_at: 1718000000.123456, role: "account-owner", status: "active" },
    { object: "compliance.workspace.user", id: "user-9HtLq3Zc8Bv2Nm5Xk1Jr6Pwa", email: "li.wei@example.com", name: "Li Wei", created_at: 1719312345.5, role: "standard-user", status: "inactive" },
  ],
  has_more: false,
  last_id: "user-9HtLq3Zc8Bv2Nm5Xk1Jr6Pwa",
};

const emptyFiles = { object: "list", data: [], has_more: false, last_id: null };

const conversation = {
  object: "compliance.workspace.conversation",
  id: "68d0c1aa-1b2c-8003-9a51-0c4e3a7fd012",
  workspace_id: "11bf645e-d5e8-4478-a70e-e5742ded2436",
  user_id: "user-4kQm2Vx9TzR1bN7cLp0sWdYe",
  user_email: "ana.ruiz@example.com",
  created_at: 1758511530.204871,
  last_active_at: 1758511655.882913,
  title: "Q3 vendor summary",
  messages: {
    object: "list",
    has_more: false,
    last_id: null,
    data: [
      {
        object: "compliance.workspace.conversation.message",
        id: "0f1e4b7a-3c2d-4e5f-9a8b-7c6d5e4f3a21",
        parent_id: "c3a9d6e2-5b41-4f7e-8d20-1a2b3c4d5e6f",
        created_at: null,
        gpt_id: null,
        project_id: null,
        author: { object: "compliance.workspace.conversation.message.author", role: "system", tool_name: null },
        content: null,
        files: emptyFiles,
      },
      {
        object: "compliance.workspace.conversation.message",
        id: "a1b2c3d4-0001-4e5f-8a9b-000000000001",
        parent_id: "0f1e4b7a-3c2d-4e5f-9a8b-7c6d5e4f3a21",
        created_at: 1758511530.61,
        gpt_id: null,
        project_id: "g-p-68c9f0a1b2c38191a0c1d2e3f4a5b6c7",
        author: { object: "compliance.workspace.conversation.message.author", role: "user", tool_name: null },
        content: { type: "text", value: "Summarize the attached vendor list.", annotations: [] },
        files: {
          object: "list",
          has_more: false,
          last_id: null,
          data: [
            {
              object: "compliance.workspace.conversation.message.file",
              id: "file-7Xq2LmN9pR4sT6vW8yZ1aB",
              name: "vendors-q3.xlsx",
              created_at: 1758511528.118203,
              download_url: "https://files01.oaiusercontent.com/file-7Xq2LmN9pR4sT6vW8yZ1aB?se=2025&sig=REDACTED",
            },
          ],
        },
      },
      {
        object: "compliance.workspace.conversation.message",
        id: "a1b2c3d4-0002-4e5f-8a9b-000000000002",
        parent_id: "a1b2c3d4-0001-4e5f-8a9b-000000000001",
        created_at: 1758511536.402,
        gpt_id: null,
        project_id: "g-p-68c9f0a1b2c38191a0c1d2e3f4a5b6c7",
        author: { object: "compliance.workspace.conversation.message.author", role: "tool", tool_name: "myfiles_browser" },
        content: { type: "text", value: "Sheet1: 42 rows ...", annotations: [] },
        files: emptyFiles,
      },
      {
        object: "compliance.workspace.conversation.message",
        id: "a1b2c3d4-0003-4e5f-8a9b-000000000003",
        parent_id: "a1b2c3d4-0002-4e5f-8a9b-000000000002",
        created_at: 1758511655.77,
        gpt_id: null,
        project_id: "g-p-68c9f0a1b2c38191a0c1d2e3f4a5b6c7",
        author: { object: "compliance.workspace.conversation.message.author", role: "assistant", tool_name: null },
        content: {
          type: "text",
          value: "There are 42 vendors; 5 are new this quarter (see https://intranet.example.com/vendors).",
          annotations: [{ type: "url_citation", urls: ["https://intranet.example.com/vendors"] }],
        },
        files: emptyFiles,
      },
    ],
  },
};

const gpt = {
  object: "compliance.workspace.gpt",
  id: "g-68a29a23af308191a22a206acd7f965a",
  created_at: 1755486755.402113,
  owner_id: "user-4kQm2Vx9TzR1bN7cLp0sWdYe",
  owner_email: "ana.ruiz@example.com",
  builder_name: "Community Builder",
  sharing: {
    object: "compliance.workspace.gpt.sharing",
    visibility: "invite-only",
    permissions: { object: "compliance.workspace.gpt.permissions", can_read: true, can_view_config: false, can_write: false },
    recipients: [
      {
        object: "compliance.workspace.gpt.shared_user",
        id: "user-9HtLq3Zc8Bv2Nm5Xk1Jr6Pwa",
        email: "li.wei@example.com",
        permissions: { object: "compliance.workspace.gpt.permissions", can_read: true, can_view_config: true, can_write: true },
      },
    ],
  },
  latest_config: {
    object: "list",
    has_more: false,
    last_id: "gzm_cnf_68a29b01c2d38191b0e1f2a3",
    data: [
      {
        object: "compliance.workspace.gpt.configuration",
        id: "gzm_cnf_68a29b01c2d38191b0e1f2a3",
        name: "Contract Clause Checker",
        description: "Flags risky clauses in vendor contracts.",
        categories: ["productivity"],
        conversation_starters: ["Review this NDA", "What is an indemnity cap?"],
        created_at: 1755486801.77,
        instructions: "You review contracts against the legal playbook...",
        version_author: { object: "compliance.workspace.gpt.version_author", id: "user-4kQm2Vx9TzR1bN7cLp0sWdYe", email: "ana.ruiz@example.com" },
        files: {
          object: "list",
          has_more: false,
          last_id: null,
          data: [
            {
              object: "compliance.workspace.gpt.file",
              id: "file-Pq8Rs2Tu4Vw6Xy8Za0Bc2D",
              name: "playbook.pdf",
              created_at: 1755486790.01,
              download_url: "https://files01.oaiusercontent.com/file-Pq8Rs2Tu4Vw6Xy8Za0Bc2D?se=...&sig=REDACTED",
            },
          ],
        },
        tools: {
          object: "list",
          has_more: false,
          last_id: null,
          data: [
            { type: "browser", created_at: 1755486801.77 },
            {
              type: "custom_action",
              created_at: 1755486801.77,
              action_domain: "api.example.com",
              action_openapi_raw: "openapi: 3.1.0\ninfo: {title: Clauses, version: '1'}\npaths: {}\n",
              action_privacy_policy_url: "https://example.com/privacy",
              auth_type: "none",
            },
          ],
        },
      },
    ],
  },
};

const project = {
  object: "compliance.workspace.project",
  id: "g-p-68c9f0a1b2c38191a0c1d2e3f4a5b6c7",
  created_at: 1758000000.5,
  owner_id: "user-4kQm2Vx9TzR1bN7cLp0sWdYe",
  owner_email: "ana.ruiz@example.com",
  builder_name: "Community Builder",
  sharing: {
    object: "compliance.workspace.project.sharing",
    visibility: "invite-only",
    permissions: { object: "compliance.workspace.project.permissions", can_read: true, can_view_config: false, can_write: false },
    recipients: [],
  },
  latest_config: {
    object: "list",
    has_more: false,
    last_id: "pr_cnf_68c9f0a1b2c38191aa00bb11",
    data: [
      {
        object: "compliance.workspace.project.configuration",
        id: "pr_cnf_68c9f0a1b2c38191aa00bb11",
        name: "Vendor reviews",
        description: "",
        categories: [],
        conversation_starters: [],
        created_at: 1758000100.25,
        instructions: "Answer in bullet points.",
        files: {
          object: "list",
          has_more: false,
          last_id: null,
          data: [{ object: "compliance.workspace.project.file", id: "file-Lm3No5Pq7Rs9Tu1Vw3Xy5Z", name: "policy.docx", created_at: 1758000090.0, download_url: null }],
        },
        tools: { object: "list", has_more: false, last_id: null, data: [] },
      },
    ],
  },
};

const memoriesPage = {
  object: "list",
  has_more: false,
  last_id: "user-4kQm2Vx9TzR1bN7cLp0sWdYe",
  data: [
    {
      object: "compliance.workspace.user.memory",
      id: "user-4kQm2Vx9TzR1bN7cLp0sWdYe",
      memory_contexts: [
        {
          object: "compliance.workspace.user.memory.context",
          id: "user-4kQm2Vx9TzR1bN7cLp0sWdYe",
          memory_entries: [
            { object: "compliance.workspace.user.memory.context.entry", id: "mem-3f9a1c", content: "Prefers answers in Spanish.", updated_at: 1757000000.1 },
          ],
        },
      ],
    },
  ],
};

const clone = <T>(v: T): T => structuredClone(v);

describe("compliance API schemas: the documented examples parse", () => {
  it("parses the users page", () => {
    const envelope = pageEnvelopeSchema.parse(usersPage);
    const users = envelope.data.map((u) => workspaceUserSchema.parse(u));
    expect(users.map((u) => u.role)).toEqual(["account-owner", "standard-user"]);
    expect(users[1].created_at).toBe(1719312345.5);
  });

  it("parses a conversation with embedded messages, null content and files", () => {
    const c = conversationSchema.parse(conversation);
    expect(c.messages.data).toHaveLength(4);
    const [system, user, tool, assistant] = c.messages.data;
    expect(system.content).toBeNull();
    expect(system.created_at).toBeNull();
    expect(user.files.data).toHaveLength(1);
    expect(getFileDownloadUrl(user.files.data[0])).toMatch(/^https:\/\/files01/);
    expect(tool.author.tool_name).toBe("myfiles_browser");
    expect(assistant.content?.annotations[0].urls).toEqual(["https://intranet.example.com/vendors"]);
  });

  it("parses a GPT with recipients as an array, configs, files and custom actions", () => {
    const g = gptSchema.parse(gpt);
    expect(g.sharing?.recipients).toHaveLength(1);
    const config = g.latest_config.data[0];
    expect(config.version_author?.email).toBe("ana.ruiz@example.com");
    expect(config.files.data[0].id).toBe("file-Pq8Rs2Tu4Vw6Xy8Za0Bc2D");
    expect(config.tools.data.filter(isCustomActionTool)).toHaveLength(1);
  });

  it("parses a project whose file URL has expired", () => {
    const p = projectSchema.parse(project);
    const file = p.latest_config.data[0].files.data[0];
    expect(getFileDownloadUrl(file)).toBeNull();
    expect(p.sharing?.recipients).toEqual([]);
  });

  it("parses memories: contexts → entries", () => {
    const m = memorySchema.parse(memoriesPage.data[0]);
    expect(m.memory_contexts[0].memory_entries[0].content).toBe("Prefers answers in Spanish.");
  });
});

describe("compliance API schemas: tolerant where the API is loose", () => {
  it("normalizes recipients given as a list envelope to an array", () => {
    const g = clone(gpt) as Record<string, unknown> & typeof gpt;
    const recipients = g.sharing.recipients;
    (g.sharing as Record<string, unknown>).recipients = { object: "list", data: recipients, has_more: false, last_id: null };
    expect(gptSchema.parse(g).sharing?.recipients).toEqual(gptSchema.parse(gpt).sharing?.recipients);
  });

  it("accepts a third-party GPT without created_at, owner, sharing or instructions, and a bare-array latest_config", () => {
    const g = gptSchema.parse({
      object: "compliance.workspace.gpt",
      id: "g-public",
      builder_name: "community builder",
      latest_config: [{ id: "gzm_cnf_x", name: "Public", tools: [{ type: "browser" }] }],
    });
    expect(g.sharing).toBeUndefined();
    expect(g.latest_config.data[0].instructions).toBeUndefined();
    expect(g.latest_config.data[0].files.data).toEqual([]);
    expect(g.latest_config.data[0].categories).toEqual([]);
  });

  it("keeps unknown tool names, content types, tool types and extra fields", () => {
    const m = messageSchema.parse({
      id: "m1",
      parent_id: null,
      created_at: 1758511655,
      author: { role: "critic", tool_name: "brand_new_tool", extra: 1 },
      content: { type: "multimodal_text", value: "hi", annotations: [{ type: "file_citation", file_id: "f1" }] },
      files: { data: [], has_more: false },
      model_slug: "gpt-9",
    });
    expect(m.author.role).toBe("critic");
    expect(m.author.tool_name).toBe("brand_new_tool");
    expect(m.content?.type).toBe("multimodal_text");
    expect(m.content?.annotations[0]).toMatchObject({ type: "file_citation", file_id: "f1" });
    expect(m.model_slug).toBe("gpt-9");
    const tool = gptSchema.parse({ id: "g-1", latest_config: { data: [{ id: "c", tools: { data: [{ type: "custom-action" }, { type: "action" }, { type: "canvas" }] } }], has_more: false } })
      .latest_config.data[0].tools.data;
    expect(tool.map((t) => isCustomActionTool(t))).toEqual([true, true, false]);
  });

  it("accepts file_format=id file infos, absent files/project_id, and integer timestamps", () => {
    const m = messageSchema.parse({
      id: "m1",
      author: { role: "user" },
      content: { type: "text", value: "x" },
      created_at: 1700000000,
      files: { object: "list", data: [{ object: "compliance.workspace.conversation.message.file_info", id: "file-1", name: "a.pdf", user_id: "user-1" }], has_more: false },
    });
    expect(m.files.data[0]).toMatchObject({ user_id: "user-1" });
    expect(getFileDownloadUrl(m.files.data[0])).toBeNull();
    expect(m.project_id).toBeUndefined();
    expect(m.content?.annotations).toEqual([]);
    expect(messageSchema.parse({ id: "m2", author: { role: "system" } }).files.data).toEqual([]);
  });

  it("accepts a list envelope without `object` or `last_id`", () => {
    expect(checkPageEnvelope({ data: [], has_more: false }).ok).toBe(true);
  });
});

describe("compliance API schemas: strict where it matters", () => {
  it("rejects numeric ids, a non-string role and a messages field that is not a list", () => {
    const badId = clone(conversation) as unknown as { id: unknown };
    badId.id = 42;
    expect(conversationSchema.safeParse(badId).success).toBe(false);

    const badRole = clone(conversation);
    (badRole.messages.data[1].author as Record<string, unknown>).role = 7;
    const result = parseItem(conversationSchema, badRole);
    expect(result.ok).toBe(false);
    if (!result.ok) {
      expect(result.error).toContain("messages.data.1.author.role");
      expect(result.id).toBe(conversation.id);
    }

    const badMessages = clone(conversation) as unknown as { messages: unknown };
    badMessages.messages = "not a list";
    expect(conversationSchema.safeParse(badMessages).success).toBe(false);
    const nullMessages = clone(conversation) as unknown as { messages: unknown };
    nullMessages.messages = null;
    expect(conversationSchema.safeParse(nullMessages).success).toBe(false);
  });

  it("a broken record yields ok:false without failing the rest of the page", () => {
    const page = clone(usersPage) as { data: unknown[] };
    page.data.splice(1, 0, { object: "compliance.workspace.user", id: null, email: "x@example.com" }, "garbage");
    const envelope = checkPageEnvelope(page);
    expect(envelope.ok).toBe(true);
    if (!envelope.ok) return;
    const items = envelope.envelope.data.map((raw) => parseItem(workspaceUserSchema, raw));
    expect(items.map((i) => i.ok)).toEqual([true, false, false, true]);
    const broken = items[1];
    expect(broken.ok === false && broken.raw).toEqual(page.data[1]);
    expect(broken.ok === false && broken.error).toMatch(/^id: /);
  });

  it("refuses envelopes that cannot be paged", () => {
    expect(checkPageEnvelope("{").ok).toBe(false);
    expect(checkPageEnvelope({ data: {}, has_more: false }).ok).toBe(false);
    expect(checkPageEnvelope({ data: [] }).ok).toBe(false);
    expect(checkPageEnvelope({ data: [{ id: "a" }], has_more: true, last_id: null }).ok).toBe(false);
    expect(checkPageEnvelope({ data: [], has_more: true, last_id: "a" }).ok).toBe(false);
  });

  it("guards against cursors that do not advance", () => {
    const strict = new CursorGuard(1);
    expect(strict.check(null, "a")).toBeNull();
    expect(strict.check("a", "a")).toMatch(/did not advance/);
    expect(strict.check("a", "b")).toBeNull();
    expect(strict.check("b", "a")).toMatch(/came back/);
    const conversations = new CursorGuard(3);
    expect(conversations.check(null, "a")).toBeNull();
    expect(conversations.check("a", "b")).toBeNull();
    expect(conversations.check("b", "a")).toBeNull();
  });
});

describe("timestamps", () => {
  it("converts float unix seconds to a Date at ms precision and keeps the raw value", () => {
    const ts = toApiTimestamp(1758511530.204871);
    expect(ts?.unixSeconds).toBe(1758511530.204871);
    expect(ts?.date.toISOString()).toBe("2025-09-22T03:25:30.205Z");
    expect(unixSecondsToDate(1700000000).toISOString()).toBe("2023-11-14T22:13:20.000Z");
    expect(toApiTimestamp(null)).toBeNull();
    expect(dateToUnixSeconds(new Date("2023-11-14T22:13:20.999Z"))).toBe(1700000000);
  });
});
