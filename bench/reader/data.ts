// Seeded, deterministic reader benchmark data: a conversation of `total` messages with a main (active)
// chain and older alternates (edited prompts, regenerated answers) with continuations, realistic Markdown
// bodies, and a few files; plus the signed-in user and the custodian. Written through Prisma.
function rng(seed: number) {
  let s = seed >>> 0;
  return () => {
    s = (s + 0x6d2b79f5) >>> 0;
    let t = s;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const WORDS =
  "the quarterly vendor review shows revenue growth in the north region while costs in logistics rose faster than planned so the team proposes a renegotiation of the shipping contract and a pilot with two regional carriers before the next budget cycle policy compliance data retention customer privacy audit".split(
    " ",
  );

function text(r: () => number, role: string, i: number): string {
  const words = (n: number) => Array.from({ length: n }, () => WORDS[Math.floor(r() * WORDS.length)]).join(" ");
  if (role === "user") return `${words(12 + Math.floor(r() * 30))}?`;
  const parts = [`Here is the analysis for item ${i}.`, words(40 + Math.floor(r() * 60)) + "."];
  if (r() < 0.5) parts.push(["- " + words(8), "- " + words(10), "- " + words(6)].join("\n"));
  if (r() < 0.3) parts.push(["```python", `total = sum(rows[${i}])`, "print(f'<b>{total}</b>')", "```"].join("\n"));
  if (r() < 0.2) parts.push(["| Region | Revenue |", "| --- | ---: |", `| North | ${i * 7} |`, `| South | ${i * 3} |`].join("\n"));
  if (r() < 0.3) parts.push(`See [the policy](https://example.com/policy/${i}) and <https://intranet.example.com/${i}>.`);
  parts.push(words(30 + Math.floor(r() * 80)) + ".");
  return parts.join("\n\n");
}

type Node = { id: string; parentId: string | null; role: string; minute: number; active: boolean };

/** A conversation of `total` messages: a main (active) chain plus older alternates with continuations. */
export function plan(prefix: string, total: number, branchPoints: number, seed: number) {
  const r = rng(seed);
  const alternates = Math.min(branchPoints * 4, Math.floor(total * 0.1));
  const mainLength = total - alternates;
  const nodes: Node[] = [];
  for (let i = 0; i < mainLength; i++) {
    nodes.push({ id: `${prefix}-m${i}`, parentId: i ? `${prefix}-m${i - 1}` : null, role: i === 0 ? "system" : i % 2 ? "user" : "assistant", minute: 100_000 + i, active: true });
  }
  let left = alternates;
  for (let b = 0; b < branchPoints && left > 0; b++) {
    const at = 1 + Math.floor(r() * (mainLength - 2));
    const sibling = nodes[at];
    const len = Math.min(left, 1 + Math.floor(r() * 7));
    let parent = sibling.parentId;
    for (let k = 0; k < len; k++) {
      const id = `${prefix}-b${b}-${k}`;
      nodes.push({ id, parentId: parent, role: k === 0 ? sibling.role : nodes[nodes.length - 1].role === "user" ? "assistant" : "user", minute: at + k, active: false });
      parent = id;
    }
    left -= len;
  }
  return { nodes, mainLength, deepAlternate: nodes.filter((n) => !n.active).sort((a, b) => b.minute - a.minute)[0] };
}

export async function seed(opts: { messages: number; baseline: number }) {
  const { getDb } = await import("@/lib/db");
  const db = getDb();
  const user = await db.user.create({ data: { email: "bench-reader@example.test", name: "Bench Reader", role: "REVIEWER", passwordHash: "x" } });
  await db.workspaceUser.create({ data: { id: "user-bench", sourceId: "src-bench", email: "ana@example.com", name: "Ana Ruiz", rawJson: {}, sha256: "u" } });
  const make = async (prefix: string, total: number, branchPoints: number, seedValue: number) => {
    const p = plan(prefix, total, branchPoints, seedValue);
    const r = rng(seedValue + 1);
    const t0 = Date.UTC(2025, 0, 1);
    await db.conversation.create({
      data: { id: prefix, sourceId: "src-bench", userId: "user-bench", userEmail: "ana@example.com", title: `Bench ${total}`, rawJson: {}, sha256: "c", activeLeafId: `${prefix}-m${p.mainLength - 1}`, messageCount: p.nodes.length, createdAtSource: new Date(t0), lastActiveAt: new Date(t0 + 1e9) },
    });
    for (let i = 0; i < p.nodes.length; i += 500) {
      await db.message.createMany({
        data: p.nodes.slice(i, i + 500).map((n, k) => {
          const body = n.role === "system" ? null : text(r, n.role, i + k);
          return {
            id: n.id,
            conversationId: prefix,
            sourceId: "src-bench",
            parentId: n.parentId,
            authorRole: n.role,
            contentType: body === null ? null : "text",
            text: body,
            createdAtSource: n.role === "system" ? null : new Date(t0 + n.minute * 60_000),
            isActiveBranch: n.active,
            rawJson: { id: n.id, parent_id: n.parentId, content: body === null ? null : { type: "text", value: body, annotations: [] } },
            sha256: n.id,
            hasFiles: (i + k) % 97 === 5,
          };
        }),
      });
    }
    const withFiles = p.nodes.filter((_, i) => i % 97 === 5);
    await db.sourceFile.createMany({
      data: withFiles.map((n) => ({ id: `file-${n.id}`, sourceId: "src-bench", kind: "CONVERSATION" as const, name: `${n.id}.xlsx`, conversationId: prefix, status: "EXPIRED" as const, rawJson: {}, sha256: n.id })),
    });
    await db.messageFile.createMany({ data: withFiles.map((n) => ({ messageId: n.id, fileId: `file-${n.id}` })) });
    return p;
  };
  const small = await make("conv-bench-small", opts.baseline, 2, 7);
  const large = await make("conv-bench-large", opts.messages, 60, 11);
  await db.$disconnect();
  return { user, small, large };
}

export type ConversationPlan = ReturnType<typeof plan>;
