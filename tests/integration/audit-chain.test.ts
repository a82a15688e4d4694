import { describe, expect, it } from "vitest";
import { getDb } from "@/lib/db";
import { recordAudit, verifyAuditChain, GENESIS_HASH } from "@/lib/audit/audit";

describe("audit hash chain", () => {
  it("links every event to the previous one and verifies", async () => {
    const a = await recordAudit({ action: "test.first", details: { n: 1 } });
    const b = await recordAudit({ action: "test.second", details: { nested: { z: 1, a: [1, 2] } } });
    expect(b.seq).toBe(a.seq + BigInt(1));
    expect(b.prevHash).toBe(a.hash);
    if (a.seq === BigInt(1)) expect(a.prevHash).toBe(GENESIS_HASH);
    expect(await verifyAuditChain()).toMatchObject({ ok: true, firstBroken: null });
  });

  it("serializes concurrent writers into one unbroken chain", async () => {
    const before = await getDb().auditEvent.count();
    await Promise.all(Array.from({ length: 40 }, (_, i) => recordAudit({ action: "test.concurrent", details: { i } })));
    const result = await verifyAuditChain(7); // small batches exercise the keyset paging
    expect(result.ok).toBe(true);
    expect(result.checked).toBe(before + 40);
    const seqs = (await getDb().auditEvent.findMany({ select: { seq: true }, orderBy: { seq: "asc" } })).map((r) => Number(r.seq));
    expect(seqs).toEqual(Array.from({ length: seqs.length }, (_, i) => i + 1));
  });

  it("never stores secrets in details", async () => {
    const e = await recordAudit({ action: "test.redact", details: { password: "hunter2hunter2", nested: { apiKey: "sk-live-123" }, keep: "visible" } });
    expect(e.details).toEqual({ password: "[redacted]", nested: { apiKey: "[redacted]" }, keep: "visible" });
  });

  it("detects a hand-modified row and reports the first broken link", async () => {
    const target = await recordAudit({ action: "test.tamper-target", details: { amount: 100 } });
    await recordAudit({ action: "test.after-target" });
    const db = getDb();
    try {
      await db.$executeRaw`UPDATE "AuditEvent" SET details = '{"amount": 1}'::jsonb WHERE id = ${target.id}`;
      const result = await verifyAuditChain();
      expect(result.ok).toBe(false);
      expect(result.firstBroken).toMatchObject({ seq: Number(target.seq), id: target.id });
      expect(result.firstBroken?.reason).toMatch(/altered/);
    } finally {
      await db.$executeRaw`UPDATE "AuditEvent" SET details = '{"amount": 100}'::jsonb WHERE id = ${target.id}`;
    }
    expect((await verifyAuditChain()).ok).toBe(true);
  });

  it("detects a deleted event as a gap", async () => {
    const victim = await recordAudit({ action: "test.delete-victim" });
    await recordAudit({ action: "test.after-victim" });
    const db = getDb();
    const row = await db.auditEvent.findUniqueOrThrow({ where: { id: victim.id } });
    await db.auditEvent.delete({ where: { id: victim.id } });
    try {
      const result = await verifyAuditChain();
      expect(result.ok).toBe(false);
      expect(result.firstBroken?.seq).toBe(Number(victim.seq) + 1);
      expect(result.firstBroken?.reason).toMatch(/sequence gap/);
    } finally {
      await db.auditEvent.create({ data: { ...row, details: row.details ?? undefined } });
    }
    expect((await verifyAuditChain()).ok).toBe(true);
  });
});
