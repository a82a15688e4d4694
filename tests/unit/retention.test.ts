// Pure pieces of retention: the policy schemas (an update must not reset what it leaves out), which
// sources a scan can be limited to, the tombstone line format the certificate digest is defined over,
// the certificate's HTML escaping, and where a unit links.
import { describe, expect, it } from "vitest";
import { policyInputSchema, policyUpdateSchema, dryRunSchema, whyRetainedQuery } from "@/lib/governance/retention-schemas";
import { policiesFor, policiesParam, scanSources } from "@/lib/governance/retention-evaluate";
import { certificateSha256, escapeHtml, renderCertificateHtml, tombstoneLine, type Certificate } from "@/lib/governance/disposition-certificate";
import { unitHref } from "@/lib/governance/retention-dry-run";
import type { PolicySnapshot } from "@/lib/governance/retention";

const policy = (over: Partial<PolicySnapshot>): PolicySnapshot => ({
  policyId: "p",
  name: "P",
  version: 1,
  itemTypes: ["CONVERSATION"],
  sourceId: null,
  custodianIds: [],
  periodDays: 30,
  dateBasis: "CAPTURED",
  versionsKept: null,
  enabled: true,
  ...over,
});

describe("policy schemas", () => {
  it("fills defaults on create, orders types and dedupes custodians", () => {
    const p = policyInputSchema.parse({ name: " Chats ", itemTypes: ["FILE", "CONVERSATION", "FILE"], periodDays: 90, custodianIds: ["b", "a", "b"] });
    expect(p).toMatchObject({ name: "Chats", itemTypes: ["CONVERSATION", "FILE"], custodianIds: ["a", "b"], sourceId: null, dateBasis: "CAPTURED", versionsKept: null, enabled: false });
  });

  it("rejects periods under a day, fractional days, no types, unknown types, versionsKept 0", () => {
    for (const bad of [
      { periodDays: 0 },
      { periodDays: 2.5 },
      { itemTypes: [] },
      { itemTypes: ["MESSAGE"] },
      { versionsKept: 0 },
      { periodDays: 36_501 },
    ]) {
      expect(policyInputSchema.safeParse({ name: "x", itemTypes: ["CONVERSATION"], periodDays: 30, ...bad }).success, JSON.stringify(bad)).toBe(false);
    }
  });

  it("an update carries only the fields it names (no defaults that would reset the rest)", () => {
    expect(policyUpdateSchema.parse({ periodDays: 10 })).toEqual({ periodDays: 10 });
    expect(policyUpdateSchema.safeParse({}).success).toBe(false);
    expect(policyUpdateSchema.safeParse({ reason: "only a reason" }).success).toBe(false);
  });

  it("dry-run and why-retained inputs", () => {
    expect(dryRunSchema.parse({})).toEqual({ samples: 10 });
    expect(dryRunSchema.safeParse({ samples: 101 }).success).toBe(false);
    expect(whyRetainedQuery.safeParse({ itemType: "PROJECT", itemId: "x" }).success).toBe(false);
    expect(whyRetainedQuery.parse({ itemType: "MESSAGE", itemId: " m1 " })).toEqual({ itemType: "MESSAGE", itemId: "m1" });
  });
});

describe("scans", () => {
  it("limits a type's scan to its policies' sources unless one covers every source", () => {
    const ps = [policy({ policyId: "a", sourceId: "s1" }), policy({ policyId: "b", sourceId: "s2" }), policy({ policyId: "c", itemTypes: ["FILE"], sourceId: null })];
    expect(scanSources(ps, "CONVERSATION")?.sort()).toEqual(["s1", "s2"]);
    expect(scanSources(ps, "FILE")).toBeNull();
    expect(scanSources(ps, "MEMORY")).toEqual([]);
    expect(policiesFor(ps, "FILE").map((p) => p.policyId)).toEqual(["c"]);
    expect(JSON.parse(policiesParam([ps[0]]))).toEqual([
      { policyId: "a", version: 1, itemTypes: ["CONVERSATION"], sourceId: "s1", custodianIds: [], periodDays: 30, dateBasis: "CAPTURED", versionsKept: null },
    ]);
  });
});

describe("certificate", () => {
  it("defines each tombstone line exactly (the digest's input)", () => {
    const line = tombstoneLine({ itemType: "MESSAGE", itemId: "m1", sha256: "ab", policyId: "p", policyVersion: 3, runId: "r", disposedBy: "user:u", disposedAt: new Date("2026-01-02T03:04:05.006Z") });
    expect(line).toBe("MESSAGE\tm1\tab\tp\t3\tr\tuser:u\t2026-01-02T03:04:05.006Z\n");
  });

  it("escapes every value in the HTML and hashes the canonical JSON", () => {
    const cert: Certificate = {
      type: "custodian.certificate-of-destruction",
      formatVersion: 1,
      runId: "r1",
      trigger: "MANUAL",
      requestedBy: { id: "u", email: "o@example.test", name: "<script>alert(1)</script>" },
      scheduledBy: null,
      status: "SUCCEEDED",
      startedAt: null,
      finishedAt: null,
      durationMs: 5,
      asOf: "2026-01-01T00:00:00.000Z",
      policyVersions: [{ policyId: "p", name: `"Chats" & <b>`, version: 2, itemTypes: ["CONVERSATION"], sourceId: null, custodianIds: [], periodDays: 30, dateBasis: "CAPTURED", versionsKept: null }],
      disposed: { conversations: 1, messages: 2, gptConfigs: 0, memoryVersions: 0, memories: 0, files: 0 },
      heldSkipped: { conversations: 0, messages: 0, gptConfigs: 0, memoryVersions: 0, files: 0 },
      blobsDeleted: 0,
      tombstones: { count: 3, digestAlgorithm: "custodian-tombstones-v1", digest: "d" },
      generatedAt: "2026-01-01T00:00:00.000Z",
    };
    const html = renderCertificateHtml(cert, certificateSha256(cert));
    expect(html).not.toContain("<script>");
    expect(html).toContain("&lt;script&gt;");
    expect(html).toContain("&quot;Chats&quot; &amp; &lt;b&gt;");
    expect(escapeHtml(`'`)).toBe("&#39;");
    expect(certificateSha256(cert)).toBe(certificateSha256({ ...cert }));
    expect(certificateSha256({ ...cert, blobsDeleted: 1 })).not.toBe(certificateSha256(cert));
  });
});

describe("links", () => {
  it("links each unit to its page", () => {
    expect(unitHref("CONVERSATION", "c/1", null, null)).toBe("/conversations/c%2F1");
    expect(unitHref("GPT_CONFIG", "v1", "g1", "u1")).toBe("/gpts/g1");
    expect(unitHref("MEMORY", "v1", "m1", "u1")).toBe("/custodians/u1#memory-m1");
    expect(unitHref("FILE", "f1", null, "u1")).toBe("/custodians/u1");
    expect(unitHref("FILE", "f1", "c1", "u1")).toBe("/conversations/c1");
  });
});
