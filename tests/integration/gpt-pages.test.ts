// The GPT and project pages' reads against a real database: list filters, sorting and keyset paging; a
// detail page's versions (order, numbering, the pair compared), files, tools, recipients and sharing
// history; and the conversations that used a GPT. Every row carries this run's tag, and every list call
// filters on it, so other tests' data never interferes.
import { randomUUID } from "node:crypto";
import { beforeAll, describe, expect, it } from "vitest";
import { getDb } from "@/lib/db";
import { getGpt, listConversationsUsing, listGpts, LIST_PAGE_SIZE } from "@/lib/archive/gpts";
import { getProject, listProjects } from "@/lib/archive/projects";
import { diffConfigs } from "@/lib/archive/config-diff";

const tag = `gptpages${randomUUID().slice(0, 8)}`;
const src = `src-${tag}`;
const gid = (n: string) => `g-${tag}-${n}`;
const day = (d: number) => new Date(Date.UTC(2025, 0, d));

const perms = (r: boolean, v: boolean, w: boolean) => ({ object: "compliance.workspace.gpt.permissions", can_read: r, can_view_config: v, can_write: w });

beforeAll(async () => {
  const db = getDb();
  await db.workspaceUser.createMany({
    data: [
      { id: `u-${tag}-ana`, sourceId: src, email: `ana.${tag}@example.com`, name: "Ana Ruiz", rawJson: {}, sha256: "a" },
      { id: `u-${tag}-li`, sourceId: src, email: `li.${tag}@example.com`, name: "Li Wei", rawJson: {}, sha256: "l" },
    ],
  });
  const gpt = (n: string, name: string, owner: string, visibility: string, deleted = false) => ({
    id: gid(n),
    sourceId: src,
    ownerId: `u-${tag}-${owner}`,
    ownerEmail: `${owner}.${tag}@example.com`,
    builderName: "Community Builder",
    name: `${tag} ${name}`,
    visibility,
    createdAtSource: day(1),
    rawJson: { sharing: { object: "compliance.workspace.gpt.sharing", visibility, permissions: perms(true, false, false), recipients: [] } },
    sha256: n,
    deletedAtSource: deleted ? day(20) : null,
  });
  await db.gpt.createMany({
    data: [gpt("alpha", "Alpha clauses", "ana", "invite-only"), gpt("beta", "Beta reviews", "li", "workspace"), gpt("gamma", "Gamma (gone)", "ana", "workspace", true)],
  });
  // alpha: 3 versions (created day 2, 5, 9); captured out of order to check ordering is by creation.
  const cfg = (owner: string, n: number, createdDay: number, extra: Record<string, unknown> = {}) => ({
    gptId: gid(owner),
    configId: `gzm_cnf_${tag}_${owner}_${n}`,
    name: `${tag} ${owner} v${n}`,
    description: "Flags risky clauses.",
    instructions: `You review contracts.\nRule ${n}.\nAnswer briefly.`,
    categories: ["productivity"],
    conversationStarters: ["Review this NDA"],
    tools: { object: "list", data: [{ type: "browser", created_at: 1 }] },
    versionAuthorId: `u-${tag}-ana`,
    versionAuthorEmail: `ana.${tag}@example.com`,
    createdAtSource: day(createdDay),
    firstSeenAt: day(10 - n),
    rawJson: {},
    sha256: `${owner}-${n}`,
    ...extra,
  });
  await db.gptConfigVersion.createMany({
    data: [
      cfg("alpha", 1, 2),
      cfg("alpha", 3, 9, {
        tools: {
          object: "list",
          data: [
            { type: "browser", created_at: 1 },
            { type: "custom_action", action_domain: "api.example.com", auth_type: "oauth", action_privacy_policy_url: "https://example.com/p", action_openapi_raw: "openapi: 3.1.0\ninfo:\n  title: Clauses API\n" },
          ],
        },
      }),
      cfg("alpha", 2, 5),
      cfg("beta", 1, 3),
      cfg("gamma", 1, 4),
    ],
  });
  const alpha3 = await db.gptConfigVersion.findFirstOrThrow({ where: { configId: `gzm_cnf_${tag}_alpha_3` } });
  await db.storedFile.create({ data: { sha256: `${tag}`.padEnd(64, "0"), size: 2048n, storageKey: `k/${tag}` } });
  await db.sourceFile.create({ data: { id: `file-${tag}-1`, sourceId: src, kind: "GPT", name: "playbook.pdf", status: "STORED", blobSha256: `${tag}`.padEnd(64, "0"), rawJson: {}, sha256: "f" } });
  await db.gptConfigFile.create({ data: { configVersionId: alpha3.id, fileId: `file-${tag}-1` } });
  await db.gptSharedUser.createMany({
    data: [
      { gptId: gid("alpha"), userId: `u-${tag}-li`, email: `li.${tag}@example.com`, permissions: perms(true, true, true), rawJson: {}, sha256: "s" },
      { gptId: gid("alpha"), userId: `u-${tag}-old`, email: `old.${tag}@example.com`, permissions: perms(true, false, false), rawJson: {}, sha256: "s", deletedAtSource: day(7) },
    ],
  });
  await db.gptVersion.createMany({
    data: [
      { gptId: gid("alpha"), version: 1, visibility: "workspace", sharing: { visibility: "workspace", permissions: perms(true, false, false), recipients: [] }, rawJson: {}, sha256: "v1", capturedAt: day(2) },
      {
        gptId: gid("alpha"),
        version: 2,
        visibility: "invite-only",
        sharing: { visibility: "invite-only", permissions: perms(true, false, false), recipients: { object: "list", data: [{ id: `u-${tag}-li`, email: "li@x", permissions: perms(true, true, true) }] } },
        rawJson: {},
        sha256: "v2",
        capturedAt: day(6),
      },
    ],
  });
  // Conversations: alpha is used in 3 (one twice), beta in 1, gamma in none.
  const conv = (n: number, lastDay: number | null, user = "ana") => ({
    id: `c-${tag}-${n}`,
    sourceId: src,
    userId: `u-${tag}-${user}`,
    userEmail: `${user}.${tag}@example.com`,
    title: `Conversation ${n}`,
    lastActiveAt: lastDay === null ? null : day(lastDay),
    rawJson: {},
    sha256: `c${n}`,
  });
  await db.conversation.createMany({ data: [conv(1, 10), conv(2, 12, "li"), conv(3, null), conv(4, 11)] });
  const msg = (n: number, conv: number, gptId: string | null) => ({
    id: `m-${tag}-${n}`,
    conversationId: `c-${tag}-${conv}`,
    sourceId: src,
    authorRole: "assistant",
    gptId,
    rawJson: {},
    sha256: `m${n}`,
  });
  await db.message.createMany({
    data: [msg(1, 1, gid("alpha")), msg(2, 1, gid("alpha")), msg(3, 2, gid("alpha")), msg(4, 3, gid("alpha")), msg(5, 4, gid("beta")), msg(6, 4, null)],
  });
  // Projects mirror GPTs.
  await db.project.create({ data: { id: `g-p-${tag}`, sourceId: src, ownerId: `u-${tag}-li`, ownerEmail: `li.${tag}@example.com`, name: `${tag} Vendor reviews`, visibility: "invite-only", rawJson: {}, sha256: "p" } });
  await db.projectConfigVersion.createMany({
    data: [1, 2].map((n) => ({
      projectId: `g-p-${tag}`,
      configId: `pr_cnf_${tag}_${n}`,
      name: `${tag} Vendor reviews`,
      instructions: n === 1 ? "Answer in bullet points." : "Answer in bullet points.\nCite the policy.",
      categories: [],
      conversationStarters: [],
      createdAtSource: day(n),
      rawJson: {},
      sha256: `p${n}`,
    })),
  });
  await db.message.create({ data: { ...msg(7, 2, null), projectId: `g-p-${tag}` } });
});

const ids = (rows: { id: string }[]) => rows.map((r) => r.id);

describe("GPT list", () => {
  it("filters by name, owner email and visibility, and hides deleted GPTs unless asked", async () => {
    expect(ids((await listGpts({ name: tag })).rows)).toEqual([gid("alpha"), gid("beta")]);
    expect(ids((await listGpts({ name: tag, deleted: "include" })).rows)).toEqual([gid("alpha"), gid("gamma"), gid("beta")]);
    expect(ids((await listGpts({ name: `${tag} beta` })).rows)).toEqual([gid("beta")]);
    expect(ids((await listGpts({ name: tag, owner: `ANA.${tag}` })).rows)).toEqual([gid("alpha")]);
    expect(ids((await listGpts({ name: tag, visibility: "workspace", deleted: "include" })).rows)).toEqual([gid("gamma"), gid("beta")]);
    // LIKE wildcards in the filter are literal.
    expect((await listGpts({ name: `${tag}%` })).rows).toEqual([]);
  });

  it("reports counts and the last change", async () => {
    const [alpha] = (await listGpts({ name: `${tag} alpha` })).rows;
    expect(alpha).toMatchObject({ versions: 3, conversations: 3, ownerEmail: `ana.${tag}@example.com`, visibility: "invite-only" });
    expect(alpha.lastChangedAt).toEqual(day(9));
  });

  it("sorts by name, versions and conversations in both directions", async () => {
    const all = { name: tag, deleted: "include" };
    expect(ids((await listGpts({ ...all, sort: "name" })).rows)).toEqual([gid("alpha"), gid("beta"), gid("gamma")]);
    expect(ids((await listGpts({ ...all, sort: "name", dir: "desc" })).rows)).toEqual([gid("gamma"), gid("beta"), gid("alpha")]);
    expect(ids((await listGpts({ ...all, sort: "versions" })).rows)[0]).toBe(gid("alpha"));
    expect(ids((await listGpts({ ...all, sort: "conversations" })).rows)).toEqual([gid("alpha"), gid("beta"), gid("gamma")]);
    expect(ids((await listGpts({ ...all, sort: "conversations", dir: "asc" })).rows)).toEqual([gid("gamma"), gid("beta"), gid("alpha")]);
  });

  it("pages with a keyset cursor through ties without gaps or repeats", async () => {
    const db = getDb();
    const many = `${tag}many`;
    await db.gpt.createMany({
      data: Array.from({ length: LIST_PAGE_SIZE + 7 }, (_, i) => ({ id: `g-${many}-${String(i).padStart(3, "0")}`, sourceId: src, name: `${many} ${i % 3}`, rawJson: {}, sha256: "x" })),
    });
    for (const sort of ["name", "versions", "changed", "conversations"]) {
      const first = await listGpts({ name: many, sort });
      expect(first.rows).toHaveLength(LIST_PAGE_SIZE);
      expect(first.nextCursor).toBeTruthy();
      const second = await listGpts({ name: many, sort, cursor: first.nextCursor! });
      expect(second.rows).toHaveLength(7);
      expect(second.nextCursor).toBeNull();
      expect(new Set([...ids(first.rows), ...ids(second.rows)]).size).toBe(LIST_PAGE_SIZE + 7);
      // A cursor from another sort is refused rather than misread.
      await expect(listGpts({ name: many, sort: sort === "name" ? "versions" : "name", cursor: first.nextCursor! })).rejects.toThrow(/cursor/i);
    }
  });
});

describe("GPT page data", () => {
  it("numbers versions by creation at the source and compares the newest with the one before by default", async () => {
    const data = (await getGpt(gid("alpha")))!;
    expect(data.versions.map((v) => [v.number, v.configId])).toEqual([
      [1, `gzm_cnf_${tag}_alpha_1`],
      [2, `gzm_cnf_${tag}_alpha_2`],
      [3, `gzm_cnf_${tag}_alpha_3`],
    ]);
    expect(data.current?.meta.number).toBe(3);
    expect(data.compare?.a.meta.number).toBe(2);
    expect(data.compare?.b.meta.number).toBe(3);
    expect(data.owner).toMatchObject({ name: "Ana Ruiz" });
    const diff = diffConfigs(data.compare!.a, data.compare!.b);
    expect(diff.changed).toEqual(["Name", "Instructions", "Tools", "Files"]);
    expect(diff.instructions.rows.find((r) => r.kind === "changed")).toMatchObject({ left: { text: "Rule 2." }, right: { text: "Rule 3." } });
  });

  it("loads the current configuration in full: tools, files with their stored bytes, author", async () => {
    const { current } = (await getGpt(gid("alpha")))!;
    expect(current?.tools.map((t) => t.type)).toEqual(["browser", "custom_action"]);
    expect(current?.tools[1]).toMatchObject({ domain: "api.example.com", authType: "oauth", title: "Clauses API" });
    expect(current?.files).toEqual([
      { id: `file-${tag}-1`, name: "playbook.pdf", sha256: `${tag}`.padEnd(64, "0"), size: 2048, status: "STORED", createdAtSource: null, deletedAtSource: null },
    ]);
    expect(current?.versionAuthor).toBe(`ana.${tag}@example.com`);
  });

  it("compares any two versions, older always on the left; unknown ids fall back to the default", async () => {
    const { versions } = (await getGpt(gid("alpha")))!;
    const swapped = (await getGpt(gid("alpha"), { a: versions[2].id, b: versions[0].id }))!;
    expect([swapped.compare?.a.meta.number, swapped.compare?.b.meta.number]).toEqual([1, 3]);
    const unknown = (await getGpt(gid("alpha"), { a: "nope", b: "nope" }))!;
    expect([unknown.compare?.a.meta.number, unknown.compare?.b.meta.number]).toEqual([2, 3]);
    const same = (await getGpt(gid("alpha"), { a: versions[1].id, b: versions[1].id }))!;
    expect(same.compare).toBeNull();
    expect(same.selection).toEqual({ a: versions[1].id, b: versions[1].id });
    expect((await getGpt(gid("beta")))!.compare).toBeNull();
    expect(await getGpt(`g-${tag}-missing`)).toBeNull();
  });

  it("lists recipients (current first) and the sharing history", async () => {
    const data = (await getGpt(gid("alpha")))!;
    expect(data.recipients.map((r) => [r.userId, r.name, Boolean(r.deletedAtSource), r.permissions?.canWrite])).toEqual([
      [`u-${tag}-li`, "Li Wei", false, true],
      [`u-${tag}-old`, null, true, false],
    ]);
    expect(data.sharing).toMatchObject({ visibility: "invite-only", recipients: [] });
    expect(data.sharingHistory.map((h) => [h.version, h.sharing.visibility, h.sharing.recipients.length])).toEqual([
      [1, "workspace", 0],
      [2, "invite-only", 1],
    ]);
  });

  it("pages the conversations that used a GPT, most recently active first, with per-conversation counts", async () => {
    const p1 = await listConversationsUsing("gpt", gid("alpha"), null, 2);
    expect(p1.total).toBe(3);
    expect(p1.conversations.map((c) => [c.id, c.messages])).toEqual([
      [`c-${tag}-2`, 1],
      [`c-${tag}-1`, 2],
    ]);
    const p2 = await listConversationsUsing("gpt", gid("alpha"), p1.nextCursor, 2);
    expect(p2.conversations.map((c) => c.id)).toEqual([`c-${tag}-3`]);
    expect(p2.nextCursor).toBeNull();
    expect((await listConversationsUsing("gpt", gid("gamma"))).total).toBe(0);
    await expect(listConversationsUsing("gpt", gid("alpha"), "garbage")).rejects.toThrow(/cursor/i);
  });
});

describe("projects", () => {
  it("lists and loads projects through the same reads", async () => {
    const list = await listProjects({ name: tag });
    expect(list.rows).toEqual([expect.objectContaining({ id: `g-p-${tag}`, versions: 2, conversations: 1 })]);
    const data = (await getProject(`g-p-${tag}`))!;
    expect(data.versions.map((v) => v.number)).toEqual([1, 2]);
    expect(data.current?.versionAuthor).toBeNull();
    const diff = diffConfigs(data.compare!.a, data.compare!.b);
    expect(diff.changed).toEqual(["Instructions"]);
    expect(diff.instructions.rows.map((r) => r.kind)).toEqual(["same", "added"]);
    expect((await listConversationsUsing("project", `g-p-${tag}`)).conversations.map((c) => c.id)).toEqual([`c-${tag}-2`]);
    expect(await getProject(gid("alpha"))).toBeNull();
  });
});
