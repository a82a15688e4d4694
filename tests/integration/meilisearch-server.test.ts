// The pinned Meilisearch 1.21.0 used by the search contract suite and benchmarks: hash-checked, run as an
// unprivileged user on loopback, really indexing and searching. Skipped loudly where the binary can't run.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { Meilisearch } from "meilisearch";
import { MeilisearchUnavailable, startMeilisearch, type MeilisearchServer } from "@/lib/search/meilisearch-server";

let server: MeilisearchServer | null = null;
let unavailable = "";

beforeAll(async () => {
  try {
    server = await startMeilisearch();
  } catch (err) {
    if (!(err instanceof MeilisearchUnavailable)) throw err;
    unavailable = err.message;
    console.warn(`\n!! SKIPPING the Meilisearch tests: ${unavailable}\n`);
  }
}, 120_000);

afterAll(async () => {
  await server?.stop();
});

describe("test Meilisearch server", () => {
  it("runs 1.21.0 on loopback, as an unprivileged user, with a master key", async (ctx) => {
    if (!server) return ctx.skip();
    expect(server.url).toMatch(/^http:\/\/127\.0\.0\.1:\d+$/);
    const client = new Meilisearch({ host: server.url, apiKey: server.masterKey });
    expect((await client.getVersion()).pkgVersion).toBe("1.21.0");
    const anonymous = await fetch(`${server.url}/indexes`);
    expect(anonymous.status).toBe(401);
    const { readFileSync } = await import("node:fs");
    const uid = readFileSync(`/proc/${server.pid}/status`, "utf8").match(/^Uid:\s+(\d+)/m)?.[1];
    if (process.getuid?.() === 0) expect(uid).toBe("65534");
  });

  it("indexes documents and finds them, with typo tolerance", async (ctx) => {
    if (!server) return ctx.skip();
    const client = new Meilisearch({ host: server.url, apiKey: server.masterKey });
    const index = client.index("smoke");
    await index.addDocuments([
      { id: "1", text: "Quarterly vendor contract renewal" },
      { id: "2", text: "Lunch menu for Friday" },
    ]).waitTask();
    const hits = (await index.search("vendr contract")).hits.map((h) => h.id);
    expect(hits).toEqual(["1"]);
  });
});
