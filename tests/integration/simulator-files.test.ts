// Files: content endpoints answer 307 to a signed blob URL (5 min), embedded download_urls live 1 h,
// expired files are null in lists and 410 on the content endpoint, audio/video need conversation_id,
// GPT deletion keeps files another GPT still references, and some files share identical bytes.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createHash } from "node:crypto";
import {
  buildDataset,
  fileBytes,
  SIZE_PRESETS,
  startTestSimulator,
  type ApiConversation,
  type ApiConversationFile,
  type ApiGizmo,
  type ApiGizmoFile,
  type ApiList,
  type TestHarness,
} from "@/lib/simulator";

const sha = (b: ArrayBuffer | Buffer) => createHash("sha256").update(Buffer.from(b as ArrayBuffer)).digest("hex");

describe("simulator files", () => {
  let h: TestHarness;
  let conversations: ApiConversation[];
  beforeAll(async () => {
    h = await startTestSimulator({ seed: 77, size: { ...SIZE_PRESETS.small, fileRate: 0.4 }, shortPageRate: 0 });
    conversations = (await h.getJson<ApiList<ApiConversation>>("/conversations", { query: { since_timestamp: 0 } })).data;
  });
  afterAll(() => h.close());

  const liveFiles = () =>
    conversations.flatMap((c) =>
      c.messages.data.flatMap((m) => (m.files.data as ApiConversationFile[]).filter((f) => f.download_url !== null).map((f) => ({ f, c }))),
    );

  it("redirects user file content with 307 to a blob URL that serves the bytes", async () => {
    const { f, c } = liveFiles().find(({ f }) => !/\.(m4a|mp4)$/.test(f.name))!;
    const res = await h.request(`/users/${c.user_id}/files/${f.id}`);
    expect(res.status).toBe(307);
    const location = res.headers.get("location")!;
    expect(location.startsWith(`${h.url}/blobs/${f.id}?`)).toBe(true);
    const blob = await fetch(location);
    expect(blob.status).toBe(200);
    const body = await blob.arrayBuffer();
    const loc = h.workspace.findUserFile(c.user_id, f.id)!;
    expect(sha(body)).toBe(sha(fileBytes(h.workspace.seed, loc.file.contentKey, loc.file.name)));
    expect(blob.headers.get("content-disposition")).toContain("attachment");
    // The embedded download_url serves the same bytes.
    const direct = await fetch(f.download_url!);
    expect(direct.status).toBe(200);
    expect(sha(await direct.arrayBuffer())).toBe(sha(body));
  });

  it("follows the redirect transparently with fetch's default redirect mode", async () => {
    const { f, c } = liveFiles().find(({ f }) => !/\.(m4a|mp4)$/.test(f.name))!;
    const res = await h.request(`/users/${c.user_id}/files/${f.id}`, { redirect: "follow" });
    expect(res.status).toBe(200);
    expect((await res.arrayBuffer()).byteLength).toBeGreaterThan(0);
  });

  it("expires redirect URLs after 5 minutes and embedded URLs after 1 hour", async () => {
    const { f, c } = liveFiles().find(({ f }) => !/\.(m4a|mp4)$/.test(f.name))!;
    const res = await h.request(`/users/${c.user_id}/files/${f.id}`);
    const location = res.headers.get("location")!;
    const start = h.clock.now();
    try {
      h.clock.advance(4 * 60_000);
      expect((await fetch(location)).status).toBe(200);
      h.clock.advance(2 * 60_000);
      expect([403, 410]).toContain((await fetch(location)).status);
      expect((await fetch(f.download_url!)).status).toBe(200);
      h.clock.advance(60 * 60_000);
      expect([403, 410]).toContain((await fetch(f.download_url!)).status);
    } finally {
      h.clock.set(start);
    }
    const forged = location.replace(/sig=[^&]+/, "sig=AAAA");
    expect((await fetch(forged)).status).toBe(403);
  });

  it("shows expired files with null created_at/download_url and answers 410", async () => {
    const expired = conversations.flatMap((c) => c.messages.data.flatMap((m) => (m.files.data as ApiConversationFile[]).filter((f) => f.created_at === null).map((f) => ({ f, c }))));
    expect(expired.length).toBeGreaterThan(0);
    const { f, c } = expired[0];
    expect(f.download_url).toBeNull();
    const res = await h.request(`/users/${c.user_id}/files/${f.id}`, { query: { conversation_id: c.id } });
    expect(res.status).toBe(410);
    expect(await res.json()).toEqual({ detail: expect.any(String) });
  });

  it("404s unknown files and files of deleted conversations", async () => {
    const { f, c } = liveFiles()[0];
    expect((await h.request(`/users/${c.user_id}/files/file-AAAAAAAAAAAAAAAAAAAAAA`)).status).toBe(404);
    expect((await h.request(`/users/${h.workspace.users.find((u) => u.id !== c.user_id)!.id}/files/${f.id}`)).status).toBe(404);
    expect((await h.request("/gpt_files/file-AAAAAAAAAAAAAAAAAAAAAA")).status).toBe(404);
    expect((await h.request("/project_files/file-AAAAAAAAAAAAAAAAAAAAAA")).status).toBe(404);
  });

  it("requires conversation_id for audio and video files", async () => {
    const s = await startTestSimulator({ seed: 4, size: { ...SIZE_PRESETS.small, conversations: 200, fileRate: 0.6 }, shortPageRate: 0 });
    try {
      const truth = buildDataset(s.workspace, { includeMessages: false });
      const av = Object.values(truth.files).find((f) => f.scope === "user" && !f.expired && /\.(m4a|mp4)$/.test(f.name))!;
      expect(av).toBeDefined();
      expect((await s.request(`/users/${av.ownerId}/files/${av.id}`)).status).toBe(400);
      expect((await s.request(`/users/${av.ownerId}/files/${av.id}`, { query: { conversation_id: av.conversationId! } })).status).toBe(307);
    } finally {
      await s.close();
    }
  });

  it("serves GPT and project knowledge files and keeps files another GPT still references", async () => {
    const s = await startTestSimulator({ seed: 19, size: "demo", shortPageRate: 0 });
    try {
      const truth = buildDataset(s.workspace, { includeMessages: false });
      const gptFiles = Object.values(truth.files).filter((f) => f.scope === "gpt");
      const shared = gptFiles.find((f) => (f.gizmoIds?.length ?? 0) > 1)!;
      expect(shared).toBeDefined();
      const unique = gptFiles.find((f) => f.gizmoIds!.length === 1 && f.gizmoIds![0] === shared.gizmoIds![0])
        ?? gptFiles.find((f) => f.gizmoIds!.length === 1)!;
      const owner = unique.gizmoIds![0];

      const res = await s.request(`/gpt_files/${unique.id}`);
      expect(res.status).toBe(307);
      expect((await fetch(res.headers.get("location")!)).status).toBe(200);
      const gpt = await s.getJson<ApiGizmo>(`/gpts/${owner}`);
      const listed = gpt.latest_config.data[0].files.data as ApiGizmoFile[];
      for (const f of listed) expect(f.download_url).toMatch(/\/blobs\//);

      await s.request(`/gpts/${owner}`, { method: "DELETE" });
      expect((await s.request(`/gpt_files/${unique.id}`)).status).toBe(404);
      const sharedOwner = shared.gizmoIds![0];
      await s.request(`/gpts/${sharedOwner}`, { method: "DELETE" });
      expect((await s.request(`/gpt_files/${shared.id}`)).status).toBe(307);

      const projectFile = Object.values(truth.files).find((f) => f.scope === "project");
      if (projectFile) expect((await s.request(`/project_files/${projectFile.id}`)).status).toBe(307);
    } finally {
      await s.close();
    }
  });

  it("gives some distinct files identical bytes (content-addressed dedupe) and varies sizes and types", () => {
    const truth = buildDataset(h.workspace, { includeMessages: false, includeFileContent: true });
    const files = Object.values(truth.files);
    const byHash = new Map<string, string[]>();
    for (const f of files) byHash.set(f.contentSha256!, [...(byHash.get(f.contentSha256!) ?? []), f.id]);
    expect([...byHash.values()].some((ids) => ids.length > 1)).toBe(true);
    const sizes = files.map((f) => f.size!);
    expect(Math.max(...sizes)).toBeGreaterThan(Math.min(...sizes) * 20);
    expect(new Set(files.map((f) => f.name.split(".").pop())).size).toBeGreaterThan(5);
  });

  it("expireFiles makes the content endpoint answer 410 and nulls the listing", async () => {
    const s = await startTestSimulator({ seed: 77, size: { ...SIZE_PRESETS.small, fileRate: 0.4 }, shortPageRate: 0 });
    try {
      const watermark = Math.floor(s.clock.now() / 1000);
      s.clock.advance(1_000);
      const r = s.simulator.mutate.expireFiles(1);
      const fileId = r.fileIds[0];
      const page = await s.getJson<ApiList<ApiConversation>>("/conversations", { query: { since_timestamp: watermark } });
      expect(page.data.map((c) => c.id)).toEqual(r.conversationIds);
      const file = page.data[0].messages.data.flatMap((m) => m.files.data as ApiConversationFile[]).find((f) => f.id === fileId)!;
      expect(file.created_at).toBeNull();
      expect(file.download_url).toBeNull();
      expect((await s.request(`/users/${page.data[0].user_id}/files/${fileId}`, { query: { conversation_id: page.data[0].id } })).status).toBe(410);
    } finally {
      await s.close();
    }
  });
});
