// Rebuilds a conversation's message tree from the Compliance API's flat, unordered list (parent_id only).
// Rules (compliance-api.md § 12): roots are messages whose parent is null or not in the list; the active
// branch ends at the newest leaf (a leaf without a time inherits its nearest timed ancestor's; ties go to
// the later-listed message); children are ordered by time, then list order. Malformed input (parent
// cycles) never loops: a cycle is cut at its earliest-listed member, which becomes a root. Iterative
// throughout, so 10,000-deep threads are fine.

export type TreeNodeInput = { id: string; parentId: string | null; createdAt: number | null };

export type MessageTree = {
  roots: string[];
  children: Map<string, string[]>;
  /** Effective parent: null for roots (including messages whose parent is missing from the list). */
  parentOf: Map<string, string | null>;
  depth: Map<string, number>;
  leaves: string[];
  activeLeafId: string | null;
  /** Root → active leaf. */
  activePath: string[];
  activeSet: Set<string>;
  /** Messages whose parent_id names a message not in the list. */
  danglingParents: string[];
};

export function buildMessageTree(messages: readonly TreeNodeInput[]): MessageTree {
  const order = new Map<string, number>();
  const byId = new Map<string, TreeNodeInput>();
  messages.forEach((m, i) => {
    if (!byId.has(m.id)) {
      byId.set(m.id, m);
      order.set(m.id, i);
    }
  });

  const parentOf = new Map<string, string | null>();
  const danglingParents: string[] = [];
  for (const m of byId.values()) {
    const p = m.parentId && m.parentId !== m.id && byId.has(m.parentId) ? m.parentId : null;
    if (m.parentId && !byId.has(m.parentId)) danglingParents.push(m.id);
    parentOf.set(m.id, p);
  }

  // Cut parent cycles: walk up from each node; a walk that revisits a node on its own path is a cycle.
  const state = new Map<string, 1 | 2>(); // 1 = on current path, 2 = known to reach a root
  for (const start of byId.keys()) {
    const path: string[] = [];
    let cur: string | null = start;
    while (cur !== null && !state.has(cur)) {
      state.set(cur, 1);
      path.push(cur);
      cur = parentOf.get(cur) ?? null;
    }
    if (cur !== null && state.get(cur) === 1) {
      const cycle = path.slice(path.indexOf(cur));
      const cutAt = cycle.reduce((a, b) => (order.get(a)! <= order.get(b)! ? a : b));
      parentOf.set(cutAt, null);
    }
    for (const id of path) state.set(id, 2);
  }

  const time = (id: string) => byId.get(id)!.createdAt;
  const byTimeThenOrder = (a: string, b: string) => {
    const ta = time(a) ?? -Infinity;
    const tb = time(b) ?? -Infinity;
    return ta !== tb ? ta - tb : order.get(a)! - order.get(b)!;
  };

  const children = new Map<string, string[]>();
  const roots: string[] = [];
  for (const [id, p] of parentOf) {
    if (p === null) roots.push(id);
    else {
      let list = children.get(p);
      if (!list) children.set(p, (list = []));
      list.push(id);
    }
  }
  roots.sort(byTimeThenOrder);
  for (const list of children.values()) list.sort(byTimeThenOrder);

  // Depth and effective time (own time, else nearest timed ancestor's) in one pre-order walk.
  const depth = new Map<string, number>();
  const effectiveTime = new Map<string, number>();
  const leaves: string[] = [];
  const stack: string[] = [...roots].reverse();
  for (const r of roots) depth.set(r, 0);
  while (stack.length) {
    const id = stack.pop()!;
    const p = parentOf.get(id) ?? null;
    effectiveTime.set(id, time(id) ?? (p !== null ? effectiveTime.get(p)! : -Infinity));
    const kids = children.get(id);
    if (!kids?.length) {
      leaves.push(id);
      continue;
    }
    for (let i = kids.length - 1; i >= 0; i--) {
      depth.set(kids[i], depth.get(id)! + 1);
      stack.push(kids[i]);
    }
  }

  let activeLeafId: string | null = null;
  for (const leaf of leaves) {
    if (activeLeafId === null) {
      activeLeafId = leaf;
      continue;
    }
    const t = effectiveTime.get(leaf)!;
    const best = effectiveTime.get(activeLeafId)!;
    if (t > best || (t === best && order.get(leaf)! > order.get(activeLeafId)!)) activeLeafId = leaf;
  }

  const activePath: string[] = [];
  for (let cur = activeLeafId; cur !== null; cur = parentOf.get(cur) ?? null) activePath.push(cur);
  activePath.reverse();

  return { roots, children, parentOf, depth, leaves, activeLeafId, activePath, activeSet: new Set(activePath), danglingParents };
}
