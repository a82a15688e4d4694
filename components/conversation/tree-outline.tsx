// Compact outline of a conversation's whole tree (server component). Runs of messages without alternatives
// are one row ("12 messages from user"), so the outline grows with the number of branch points, not with
// the number of messages; alternatives off the selected branch are collapsed (<details>). Every row links to
// the branch through its first message. The selected branch is marked; pathological trees are capped by
// the reader (OUTLINE_MAX_SEGMENTS) and say how many messages are not listed.
import Link from "next/link";
import type { OutlineSegment } from "@/lib/archive/reader";
import { messageHref } from "./reader-links";

type Ctx = { conversationId: string; q: string | null };

function Row({ s, ctx }: { s: OutlineSegment; ctx: Ctx }) {
  const label = `${s.count.toLocaleString("en-US")} message${s.count === 1 ? "" : "s"} from ${s.firstRole}`;
  return (
    <Link
      href={messageHref(ctx.conversationId, s.firstId, ctx.q)}
      aria-current={s.hasFocus ? "location" : undefined}
      data-on-branch={s.onBranch ? "true" : undefined}
      className={`block truncate rounded px-1.5 py-0.5 text-xs hover:bg-indigo-50 ${s.onBranch ? "font-semibold text-indigo-800" : "text-slate-600"} ${s.hasFocus ? "bg-indigo-100" : ""}`}
    >
      <span aria-hidden="true">{s.onBranch ? "● " : "○ "}</span>
      {label}
      {s.onBranch && <span className="sr-only"> (shown)</span>}
    </Link>
  );
}

function Children({ s, ctx }: { s: OutlineSegment; ctx: Ctx }) {
  if (!s.children.length && !s.hiddenBelow) return null;
  return (
    <ul className="ml-2 border-l border-slate-200 pl-2">
      {s.children.map((c) => (
        <Segment key={c.firstId} s={c} ctx={ctx} />
      ))}
      {s.hiddenBelow > 0 && <li className="px-1.5 text-xs text-slate-500">… {s.hiddenBelow.toLocaleString("en-US")} more messages on other branches</li>}
    </ul>
  );
}

function Segment({ s, ctx }: { s: OutlineSegment; ctx: Ctx }) {
  if (!s.onBranch && (s.children.length || s.hiddenBelow)) {
    return (
      <li>
        <details>
          <summary className="cursor-pointer text-xs text-slate-500">
            <span className="inline-block align-middle">
              <Row s={s} ctx={ctx} />
            </span>
          </summary>
          <Children s={s} ctx={ctx} />
        </details>
      </li>
    );
  }
  return (
    <li>
      <Row s={s} ctx={ctx} />
      <Children s={s} ctx={ctx} />
    </li>
  );
}

export function TreeOutline({ roots, ctx, leafCount, branchPointCount }: { roots: OutlineSegment[]; ctx: Ctx; leafCount: number; branchPointCount: number }) {
  return (
    <nav aria-label="Conversation tree" className="rounded-lg bg-white p-3 shadow-sm ring-1 ring-slate-200">
      <h2 className="mb-1 text-sm font-semibold text-slate-900">Tree</h2>
      <p className="mb-2 text-xs text-slate-500">
        {leafCount.toLocaleString("en-US")} branch{leafCount === 1 ? "" : "es"} · {branchPointCount.toLocaleString("en-US")} branch point{branchPointCount === 1 ? "" : "s"}. ● shown branch.
      </p>
      <ul className="max-h-[70vh] overflow-auto">
        {roots.map((s) => (
          <Segment key={s.firstId} s={s} ctx={ctx} />
        ))}
      </ul>
    </nav>
  );
}
