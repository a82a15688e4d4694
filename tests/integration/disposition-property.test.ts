// Property test of retention + disposition: random conversations, GPT configurations, memories, files,
// holds and policies (seeded, several seeds), over several simulated days (the run's injected clock). Holds
// are activated/released and policies edited between days. After every run, against an independent model
// of the rules written here in TypeScript:
// - no held item is ever disposed;
// - every expired unheld item is disposed by that run, and nothing else is;
// - the run's tombstones are exactly the disposed items (type, id, SHA-256), and its digest verifies.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { executeDispositionRun, requestDispositionRun } from "@/lib/governance/disposition";
import { verifyDispositionRun } from "@/lib/governance/disposition-certificate";
import { createPolicy, updatePolicy } from "@/lib/governance/retention";
import type { SessionUser } from "@/lib/auth/session-user";
import { createTestUser } from "../factories/users";
import { ArchiveFixture, DAY, newMarker, seededRandom, sha, type Ref } from "./retention-fixtures";

type Basis = "CAPTURED" | "SOURCE_CREATED";
type UnitType = "CONVERSATION" | "GPT_CONFIG" | "MEMORY" | "FILE";
type Policy = { id: string; types: UnitType[]; custodians: string[]; period: number; basis: Basis; keep: number | null };
type Conv = { id: string; userId: string; src: Date | null; cap: Date; messages: string[] };
type Config = { id: string; created: Date | null; firstSeen: Date };
type Gpt = { id: string; ownerId: string; deleted: boolean; configs: Config[] };
type MemVersion = { id: string; version: number; updated: Date | null; captured: Date };
type Mem = { id: string; userId: string; deleted: boolean; versions: MemVersion[] };
type File = { id: string; userId: string | null; conversationId: string | null; messageId: string | null; created: Date | null; firstSeen: Date };
type Hold = { id: string; active: boolean; items: Ref[] };

const T0 = new Date("2026-03-01T00:00:00.000Z");
const SIM_DAYS = [0, 20, 45, 70, 100, 160, 400];
const USERS = ["u0", "u1", "u2", "u3"];
const TYPES: UnitType[] = ["CONVERSATION", "GPT_CONFIG", "MEMORY", "FILE"];

let officer: SessionUser;
const fixtures: ArchiveFixture[] = [];
const policyIds: string[] = [];

beforeAll(async () => {
  const u = await createTestUser({ role: "OFFICER" });
  officer = { id: u.id, email: u.email, name: u.name, role: "OFFICER" };
});

afterAll(async () => {
  for (const f of fixtures) await f.close(policyIds);
});

class World {
  convs = new Map<string, Conv>();
  gpts = new Map<string, Gpt>();
  mems = new Map<string, Mem>();
  files = new Map<string, File>();
  holds: Hold[] = [];
  policies: Policy[] = [];
  versions = new Map<string, number>();

  private activeRefs(): Set<string> {
    const s = new Set<string>();
    for (const h of this.holds) if (h.active) for (const r of h.items) s.add(`${r.itemType}:${r.itemId}`);
    return s;
  }

  private convOfMessage(messageId: string): Conv | undefined {
    for (const c of this.convs.values()) if (c.messages.includes(messageId)) return c;
    return undefined;
  }

  private due(type: UnitType, custodian: string | null, src: Date | null, cap: Date, rank: number | null, live: boolean): { due: number; policy: string } | null {
    let best: { due: number; policy: string } | null = null;
    for (const p of this.policies) {
      if (!p.types.includes(type)) continue;
      if (p.custodians.length && (custodian === null || !p.custodians.includes(custodian))) continue;
      const kept = rank !== null && live && (rank === 1 || (p.keep !== null && rank <= p.keep));
      const due = kept ? Infinity : (p.basis === "SOURCE_CREATED" ? (src ?? cap) : cap).getTime() + p.period * DAY;
      if (!best || due > best.due || (due === best.due && p.id < best.policy)) best = { due, policy: p.id };
    }
    return best;
  }

  /** Applies one run at `now` to the model, type by type as the job does; returns the expected tombstones. */
  dispose(now: Date): { tombstones: Map<string, string>; heldKept: string[] } {
    const held = this.activeRefs();
    const isHeld = (t: string, id: string | null | undefined) => id != null && held.has(`${t}:${id}`);
    const expired = (d: { due: number } | null) => d !== null && d.due <= now.getTime();
    const tombstones = new Map<string, string>();
    const heldKept: string[] = [];

    for (const c of [...this.convs.values()]) {
      if (!expired(this.due("CONVERSATION", c.userId, c.src, c.cap, null, true))) continue;
      const fileHeld = [...this.files.values()].some((f) => isHeld("FILE", f.id) && (f.conversationId === c.id || (f.messageId !== null && c.messages.includes(f.messageId))));
      if (isHeld("CONVERSATION", c.id) || c.messages.some((m) => isHeld("MESSAGE", m)) || fileHeld) {
        heldKept.push(c.id);
        continue;
      }
      tombstones.set(`CONVERSATION:${c.id}`, sha(c.id));
      for (const m of c.messages) tombstones.set(`MESSAGE:${m}`, sha(m));
      for (const f of this.files.values()) if (f.messageId && c.messages.includes(f.messageId)) f.messageId = null;
      this.convs.delete(c.id);
    }
    for (const g of this.gpts.values()) {
      const ordered = [...g.configs].sort((a, b) => {
        const ka = [(a.created ?? a.firstSeen).getTime(), a.firstSeen.getTime()];
        const kb = [(b.created ?? b.firstSeen).getTime(), b.firstSeen.getTime()];
        return kb[0] - ka[0] || kb[1] - ka[1] || (a.id < b.id ? 1 : a.id > b.id ? -1 : 0);
      });
      const gone = new Set<string>();
      ordered.forEach((v, i) => {
        if (!expired(this.due("GPT_CONFIG", g.ownerId, v.created, v.firstSeen, i + 1, !g.deleted))) return;
        if (isHeld("GPT_CONFIG", v.id) || isHeld("GPT", g.id)) return void heldKept.push(v.id);
        tombstones.set(`GPT_CONFIG:${v.id}`, sha(v.id));
        gone.add(v.id);
      });
      g.configs = g.configs.filter((v) => !gone.has(v.id));
    }
    for (const m of [...this.mems.values()]) {
      const ordered = [...m.versions].sort((a, b) => b.version - a.version);
      const gone = new Set<string>();
      ordered.forEach((v, i) => {
        if (!expired(this.due("MEMORY", m.userId, v.updated, v.captured, i + 1, !m.deleted))) return;
        if (isHeld("MEMORY", m.id)) return void heldKept.push(v.id);
        tombstones.set(`MEMORY:${m.id}@v${v.version}`, sha(v.id));
        gone.add(v.id);
      });
      m.versions = m.versions.filter((v) => !gone.has(v.id));
      if (m.deleted && gone.size && !m.versions.length) {
        tombstones.set(`MEMORY:${m.id}`, sha(m.id));
        this.mems.delete(m.id);
      }
    }
    for (const f of [...this.files.values()]) {
      const custodian = f.userId ?? (f.conversationId ? (this.convs.get(f.conversationId)?.userId ?? null) : null);
      if (!expired(this.due("FILE", custodian, f.created, f.firstSeen, null, true))) continue;
      const viaMessage = f.messageId ? isHeld("MESSAGE", f.messageId) || isHeld("CONVERSATION", this.convOfMessage(f.messageId)?.id) : false;
      if (isHeld("FILE", f.id) || isHeld("CONVERSATION", f.conversationId) || viaMessage) {
        heldKept.push(f.id);
        continue;
      }
      tombstones.set(`FILE:${f.id}`, sha(f.id));
      this.files.delete(f.id);
    }
    return { tombstones, heldKept };
  }

  /** Every archive row id the model says exists, by table. */
  rows(): Record<string, string[]> {
    return {
      Conversation: [...this.convs.keys()],
      Message: [...this.convs.values()].flatMap((c) => c.messages),
      GptConfigVersion: [...this.gpts.values()].flatMap((g) => g.configs.map((v) => v.id)),
      MemoryVersion: [...this.mems.values()].flatMap((m) => m.versions.map((v) => v.id)),
      Memory: [...this.mems.keys()],
      SourceFile: [...this.files.keys()],
    };
  }
}

async function build(seed: number, f: ArchiveFixture, rnd: () => number): Promise<World> {
  const w = new World();
  const pick = <T,>(xs: readonly T[]) => xs[Math.floor(rnd() * xs.length)];
  const int = (lo: number, hi: number) => lo + Math.floor(rnd() * (hi - lo + 1));
  const date = () => new Date(T0.getTime() + int(-150, 50) * DAY + int(0, 86_399) * 1000);
  const m = f.marker;
  for (let i = 0; i < 20; i++) {
    const id = `c${String(i).padStart(2, "0")}-${m}`;
    const cap = date();
    const lastActive = rnd() < 0.8 ? date() : null;
    const created = rnd() < 0.5 ? date() : null;
    const userId = pick(USERS);
    const messages = await f.conversation({ id, userId, lastActiveAt: lastActive, createdAtSource: created, capturedAt: cap, messages: int(1, 4) });
    w.convs.set(id, { id, userId, src: lastActive ?? created, cap, messages });
  }
  for (let i = 0; i < 6; i++) {
    const id = `g${i}-${m}`;
    const configs: Config[] = Array.from({ length: int(1, 4) }, (_, n) => ({ id: `g${i}v${n}-${m}`, created: rnd() < 0.8 ? date() : null, firstSeen: date() }));
    const g: Gpt = { id, ownerId: pick(USERS), deleted: rnd() < 0.25, configs };
    await f.gpt({ id, ownerId: g.ownerId, deleted: g.deleted, configs: configs.map((c) => ({ id: c.id, createdAtSource: c.created, firstSeenAt: c.firstSeen })) });
    w.gpts.set(id, g);
  }
  for (let i = 0; i < 8; i++) {
    const id = `mem${i}-${m}`;
    const versions: MemVersion[] = Array.from({ length: int(1, 3) }, (_, n) => ({ id: `mem${i}v${n + 1}-${m}`, version: n + 1, updated: rnd() < 0.7 ? date() : null, captured: date() }));
    const mem: Mem = { id, userId: pick(USERS), deleted: rnd() < 0.3, versions };
    await f.memory({ id, userId: mem.userId, deleted: mem.deleted, versions: versions.map((v) => ({ id: v.id, capturedAt: v.captured, updatedAtSource: v.updated })) });
    w.mems.set(id, mem);
  }
  const convIds = [...w.convs.keys()];
  for (let i = 0; i < 15; i++) {
    const id = `f${i}-${m}`;
    const conv = rnd() < 0.6 ? w.convs.get(pick(convIds))! : null;
    const file: File = {
      id,
      userId: rnd() < 0.6 ? pick(USERS) : null,
      conversationId: conv && rnd() < 0.7 ? conv.id : null,
      messageId: conv && rnd() < 0.6 ? pick(conv.messages) : null,
      created: rnd() < 0.7 ? date() : null,
      firstSeen: date(),
    };
    await f.file({ id, userId: file.userId, conversationId: file.conversationId, messageId: file.messageId, createdAtSource: file.created, firstSeenAt: file.firstSeen });
    w.files.set(id, file);
  }
  for (let i = 0, n = int(2, 3); i < n; i++) {
    // The first policy covers every type and custodian (so every kind of unit is exercised); the others
    // overlap it at random.
    const types = i === 0 ? [...TYPES] : TYPES.filter(() => rnd() < 0.6);
    if (!types.length) types.push(pick(TYPES));
    const p = {
      types,
      custodians: i === 0 || rnd() < 0.5 ? [] : USERS.filter(() => rnd() < 0.5),
      period: int(10, 120),
      basis: pick(["CAPTURED", "SOURCE_CREATED"] as const),
      keep: pick([null, 1, 2] as const),
    };
    const view = await createPolicy(
      { name: `Property ${seed}.${i} ${m}`, itemTypes: p.types, sourceId: f.sourceId, custodianIds: p.custodians, periodDays: p.period, dateBasis: p.basis, versionsKept: p.keep, enabled: true },
      officer,
    );
    policyIds.push(view.id);
    w.policies.push({ id: view.id, ...p });
  }
  for (let i = 0; i < 3; i++) {
    const hold: Hold = { id: `hold${i}-${m}`, active: rnd() < 0.7, items: [] };
    await f.hold(hold.id, [], hold.active ? "ACTIVE" : "DRAFT");
    w.holds.push(hold);
    for (let k = 0, n = int(3, 8); k < n; k++) await addRandomRef(w, f, hold, rnd);
  }
  return w;
}

async function addRandomRef(w: World, f: ArchiveFixture, hold: Hold, rnd: () => number): Promise<void> {
  const pick = <T,>(xs: readonly T[]) => xs[Math.floor(rnd() * xs.length)];
  const convs = [...w.convs.values()];
  const gpts = [...w.gpts.values()];
  const choices: (() => Ref | null)[] = [
    () => (convs.length ? { itemType: "CONVERSATION", itemId: pick(convs).id } : null),
    () => (convs.length ? { itemType: "MESSAGE", itemId: pick(pick(convs).messages) } : null),
    () => (gpts.length ? { itemType: "GPT", itemId: pick(gpts).id } : null),
    () => {
      const configs = gpts.flatMap((g) => g.configs);
      return configs.length ? { itemType: "GPT_CONFIG", itemId: pick(configs).id } : null;
    },
    () => (w.mems.size ? { itemType: "MEMORY", itemId: pick([...w.mems.keys()]) } : null),
    () => (w.files.size ? { itemType: "FILE", itemId: pick([...w.files.keys()]) } : null),
  ];
  const ref = pick(choices)();
  if (!ref || hold.items.some((r) => r.itemType === ref.itemType && r.itemId === ref.itemId)) return;
  hold.items.push(ref);
  await f.addHeld(hold.id, ref);
}

describe.each([11, 2026, 424242])("seed %i", (seed) => {
  it("over simulated days: held items are never disposed, expired unheld ones always are, tombstones match", async () => {
    const rnd = seededRandom(seed);
    const f = new ArchiveFixture(newMarker(`pp${seed}x`));
    fixtures.push(f);
    const w = await build(seed, f, rnd);
    let disposedTotal = 0;
    let heldTotal = 0;
    for (const day of SIM_DAYS) {
      // Between runs: holds change state and gain items, and a policy may be edited (a new version).
      for (const h of w.holds) {
        if (rnd() < 0.3) {
          h.active = !h.active;
          await f.setHoldStatus(h.id, h.active ? "ACTIVE" : "RELEASED");
        }
        if (rnd() < 0.3) await addRandomRef(w, f, h, rnd);
      }
      if (rnd() < 0.3) {
        const p = w.policies[Math.floor(rnd() * w.policies.length)];
        p.period = 10 + Math.floor(rnd() * 150);
        await updatePolicy(p.id, { periodDays: p.period }, officer);
      }
      const now = new Date(T0.getTime() + day * DAY);
      const before = w.rows();
      const expected = w.dispose(now);
      const { run } = await requestDispositionRun({ trigger: "SCHEDULE", requestedById: null });
      const result = await executeDispositionRun(run.id, { now, batchSize: { CONVERSATION: 3, GPT_CONFIG: 4, MEMORY: 4, FILE: 4 } });
      expect(result.status).toBe("SUCCEEDED");

      // Exactly the model's survivors remain (so nothing held and nothing unexpired went, and every expired
      // unheld item did), table by table.
      const after = w.rows();
      for (const [table, ids] of Object.entries(before)) {
        const present = await f.existing(table, ids);
        expect([...present].sort(), `${table} on day ${day} (seed ${seed})`).toEqual([...after[table]].sort());
      }
      const tombs = await f.tombstones(run.id);
      expect(new Map(tombs.map((t) => [`${t.itemType}:${t.itemId}`, t.sha256])), `tombstones on day ${day}`).toEqual(expected.tombstones);
      // Every tombstone names a policy that covers its type (the governing one, at its version in force).
      for (const t of tombs) expect(policyIds).toContain(t.policyId);
      expect((await verifyDispositionRun(run.id)).ok).toBe(true);
      disposedTotal += expected.tombstones.size;
      heldTotal += expected.heldKept.length;
    }
    // The scenario is not vacuous: something was disposed and something was kept only by a hold.
    expect(disposedTotal).toBeGreaterThan(5);
    expect(heldTotal).toBeGreaterThan(0);
  });
});
