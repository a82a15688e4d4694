// A pregenerated workspace (the benchmarks' mode: plans, text and file bytes generated up front) serves
// the very same bytes as one generating on demand: conversation pages with and without files, blobs.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startTestSimulator, type ApiConversation, type ApiList, type TestHarness } from "@/lib/simulator";

let lazy: TestHarness;
let pregenerated: TestHarness;
beforeAll(async () => {
  lazy = await startTestSimulator({ seed: 77, size: "small" });
  pregenerated = await startTestSimulator({ seed: 77, size: "small" });
  const summary = pregenerated.workspace.pregenerate();
  expect(summary.conversations).toBe(pregenerated.workspace.liveConversationCount());
  expect(summary.files).toBeGreaterThan(0);
});
afterAll(async () => {
  await lazy?.close();
  await pregenerated?.close();
});

/** The page as served, with the simulator's own address (in signed file URLs) written as BASE. */
async function pageBytes(h: TestHarness, query: Record<string, string | number>): Promise<string> {
  const res = await h.request("/conversations", { query });
  expect(res.status).toBe(200);
  return (await res.text()).replaceAll(h.url, "BASE");
}

describe("pregenerated simulator", () => {
  it("serves byte-identical conversation pages, in both file formats, and after a mutation", async () => {
    let withFiles = 0;
    for (const file_format of ["url", "id"]) {
      let query: Record<string, string | number> = { since_timestamp: 0, limit: 7, file_format };
      for (let i = 0; i < 100; i++) {
        const [a, b] = [await pageBytes(lazy, query), await pageBytes(pregenerated, query)];
        expect(b === a).toBe(true);
        const page = JSON.parse(a) as ApiList<ApiConversation>;
        withFiles += page.data.filter((c) => c.messages.data.some((m) => m.files.data.length > 0)).length;
        if (!page.has_more) break;
        query = { limit: 7, file_format, after: page.last_id! };
      }
    }
    expect(withFiles).toBeGreaterThan(0);

    for (const h of [lazy, pregenerated]) h.simulator.mutate.addMessages({ conversations: 3, messagesEach: 2, mode: "mixed" });
    expect((await pageBytes(pregenerated, { since_timestamp: 0, limit: 500 })) === (await pageBytes(lazy, { since_timestamp: 0, limit: 500 }))).toBe(true);
  });

  it("serves the same file bytes and digests", async () => {
    const page = JSON.parse(await pageBytes(lazy, { since_timestamp: 0, limit: 500 })) as ApiList<ApiConversation>;
    const urls = page.data.flatMap((c) => c.messages.data.flatMap((m) => m.files.data.map((f) => ("download_url" in f ? f.download_url : null)))).filter((u): u is string => !!u);
    expect(urls.length).toBeGreaterThan(0);
    for (const url of urls.slice(0, 10)) {
      const [a, b] = [await lazy.request(url.replace("BASE", lazy.url)), await pregenerated.request(url.replace("BASE", pregenerated.url))];
      expect(b.status).toBe(a.status);
      expect(b.headers.get("content-md5")).toBe(a.headers.get("content-md5"));
      expect(Buffer.from(await b.arrayBuffer()).equals(Buffer.from(await a.arrayBuffer()))).toBe(true);
    }
  });
});
