// One conversation as a self-contained, readable HTML page for the export: no scripts, no external
// resources (a CSP meta tag forbids everything but inline styles), every captured string HTML-escaped.
// The thread shown is the active branch; wherever a message has other replies (edits, regenerations),
// those alternate branches are listed, whole, right under that branch point and clearly marked. Messages
// the search, hold or selection matched are marked too. Pure: the builder passes rows in.
import type { MessageTree } from "@/lib/ingest/tree";

export type HtmlFile = { id: string; name: string | null; href: string | null; sha256: string | null; missing: string | null };

export type HtmlMessage = {
  id: string;
  parentId: string | null;
  role: string;
  toolName: string | null;
  contentType: string | null;
  createdAt: Date | null;
  text: string | null;
  annotations: unknown;
  files: HtmlFile[];
  deletedAtSource: Date | null;
};

export type HtmlConversation = {
  id: string;
  title: string | null;
  userId: string;
  userEmail: string | null;
  createdAt: Date | null;
  lastActiveAt: Date | null;
  sha256: string;
  deletedAtSource: Date | null;
  /** Files of the conversation that no message references (listed after the thread). */
  otherFiles?: HtmlFile[];
};

export type HtmlContext = { exportId: string; exportName: string; generatedAt: Date; matchedIds: ReadonlySet<string> };

const ESCAPES: Record<string, string> = { "&": "&amp;", "<": "&lt;", ">": "&gt;", '"': "&quot;", "'": "&#39;" };

export function escapeHtml(value: unknown): string {
  return String(value ?? "").replace(/[&<>"']/g, (c) => ESCAPES[c]);
}

const iso = (d: Date | null) => (d ? d.toISOString().replace(".000Z", "Z") : "—");

const STYLE = `
body{font:15px/1.5 system-ui,-apple-system,"Segoe UI",sans-serif;color:#0f172a;background:#f8fafc;margin:0;padding:24px}
main,header{max-width:880px;margin:0 auto}
h1{font-size:22px;margin:0 0 8px}
dl.meta{display:grid;grid-template-columns:max-content 1fr;gap:2px 12px;font-size:13px;color:#334155;margin:0 0 16px}
dl.meta dt{font-weight:600}
dl.meta dd{margin:0;word-break:break-all}
ol.thread,ol.branch{list-style:none;margin:0;padding:0}
.msg{background:#fff;border:1px solid #e2e8f0;border-radius:8px;padding:10px 14px;margin:10px 0}
.msg.role-user{border-left:4px solid #2563eb}
.msg.role-assistant{border-left:4px solid #16a34a}
.msg.role-tool,.msg.role-system{border-left:4px solid #94a3b8}
.msg.matched{box-shadow:0 0 0 2px #f59e0b}
.msg .head{font-size:12px;color:#475569;display:flex;flex-wrap:wrap;gap:8px}
.msg .role{font-weight:700;text-transform:uppercase;color:#0f172a}
.msg .text{white-space:pre-wrap;word-wrap:break-word;margin-top:6px}
.tag{display:inline-block;font-size:11px;border-radius:4px;padding:0 6px;background:#e2e8f0}
.tag.match{background:#fef3c7;color:#92400e}
.tag.alt{background:#ede9fe;color:#5b21b6}
.tag.del{background:#fee2e2;color:#991b1b}
.branches{margin:4px 0 14px 18px;padding:8px 12px;border-left:3px dashed #8b5cf6;background:#f5f3ff;border-radius:0 8px 8px 0}
.branches h3{font-size:13px;margin:0;color:#5b21b6}
.branch .msg{background:#fdfcff}
ul.files,ul.cites{font-size:13px;margin:6px 0 0;padding-left:18px}
.missing{color:#991b1b}
footer{max-width:880px;margin:24px auto 0;font-size:12px;color:#64748b}
`;

function renderAnnotations(annotations: unknown): string {
  if (!Array.isArray(annotations) || annotations.length === 0) return "";
  const items = annotations.map((a) => {
    const rec = (a && typeof a === "object" ? a : {}) as Record<string, unknown>;
    const url = typeof rec.url === "string" ? rec.url : null;
    const title = typeof rec.title === "string" ? rec.title : null;
    const label = escapeHtml(title ?? url ?? JSON.stringify(a));
    const link = url && /^https?:\/\//i.test(url) ? ` — <a href="${escapeHtml(url)}" rel="noreferrer noopener">${escapeHtml(url)}</a>` : url ? ` — ${escapeHtml(url)}` : "";
    return `<li>${label}${link}</li>`;
  });
  return `<ul class="cites" aria-label="Citations">${items.join("")}</ul>`;
}

function renderFiles(files: HtmlFile[]): string {
  if (!files.length) return "";
  const items = files.map((f) => {
    const name = escapeHtml(f.name ?? f.id);
    const hash = f.sha256 ? ` <span class="tag">sha256 ${escapeHtml(f.sha256)}</span>` : "";
    if (f.href) return `<li><a href="${escapeHtml(f.href)}">${name}</a>${hash}</li>`;
    return `<li class="missing">${name} — not included (${escapeHtml(f.missing ?? "missing")})</li>`;
  });
  return `<ul class="files" aria-label="Files">${items.join("")}</ul>`;
}

function renderMessage(m: HtmlMessage, ctx: HtmlContext, opts: { alternate: boolean; indent?: number }): string {
  const role = m.role.toLowerCase().replace(/[^a-z0-9_-]/g, "");
  const matched = ctx.matchedIds.has(m.id);
  const classes = ["msg", `role-${role}`, matched ? "matched" : ""].filter(Boolean).join(" ");
  const style = opts.indent ? ` style="margin-left:${Math.min(opts.indent, 12) * 16}px"` : "";
  const tags = [
    matched ? `<span class="tag match">matched</span>` : "",
    opts.alternate ? `<span class="tag alt">alternate branch</span>` : "",
    m.deletedAtSource ? `<span class="tag del">deleted at source ${escapeHtml(iso(m.deletedAtSource))}</span>` : "",
  ].join("");
  const head =
    `<div class="head"><span class="role">${escapeHtml(m.role)}</span>` +
    (m.toolName ? `<span>tool: ${escapeHtml(m.toolName)}</span>` : "") +
    `<time>${escapeHtml(iso(m.createdAt))}</time><span>id ${escapeHtml(m.id)}</span>` +
    (m.parentId ? `<span>parent ${escapeHtml(m.parentId)}</span>` : "") +
    (m.contentType && m.contentType !== "text" ? `<span>${escapeHtml(m.contentType)}</span>` : "") +
    `${tags}</div>`;
  const text = m.text ? `<div class="text">${escapeHtml(m.text)}</div>` : `<div class="text"><em>(no text)</em></div>`;
  return `<li class="${classes}" id="m-${escapeHtml(m.id)}"${style}>${head}${text}${renderAnnotations(m.annotations)}${renderFiles(m.files)}</li>`;
}

/** Every message of the subtree under `rootId`, pre-order, iterative (threads can be thousands deep). */
function renderSubtree(rootId: string, tree: MessageTree, byId: Map<string, HtmlMessage>, ctx: HtmlContext): string {
  const out: string[] = [];
  const stack: [string, number][] = [[rootId, 0]];
  while (stack.length) {
    const [id, depth] = stack.pop()!;
    const m = byId.get(id);
    if (m) out.push(renderMessage(m, ctx, { alternate: true, indent: depth }));
    const kids = tree.children.get(id) ?? [];
    for (let i = kids.length - 1; i >= 0; i--) stack.push([kids[i], depth + 1]);
  }
  return out.join("");
}

function renderBranches(alternates: string[], pointLabel: string, tree: MessageTree, byId: Map<string, HtmlMessage>, ctx: HtmlContext): string {
  if (!alternates.length) return "";
  const n = alternates.length;
  const branches = alternates.map((id, i) => `<li><p class="tag alt">branch ${i + 1} of ${n}</p><ol class="branch">${renderSubtree(id, tree, byId, ctx)}</ol></li>`);
  return (
    `<li class="branches"><h3>${n} alternate branch${n === 1 ? "" : "es"} ${escapeHtml(pointLabel)} (not on the active thread)</h3>` +
    `<ol class="branch">${branches.join("")}</ol></li>`
  );
}

export function renderConversationHtml(conversation: HtmlConversation, messages: HtmlMessage[], tree: MessageTree, ctx: HtmlContext): string {
  const byId = new Map(messages.map((m) => [m.id, m]));
  const title = conversation.title?.trim() || "(untitled conversation)";
  const parts: string[] = [];
  const altRoots = tree.roots.filter((r) => !tree.activeSet.has(r));
  parts.push(renderBranches(altRoots, "at the start of the conversation", tree, byId, ctx));
  for (const id of tree.activePath) {
    const m = byId.get(id);
    if (!m) continue;
    parts.push(renderMessage(m, ctx, { alternate: false }));
    const alternates = (tree.children.get(id) ?? []).filter((c) => !tree.activeSet.has(c));
    parts.push(renderBranches(alternates, `from message ${id}`, tree, byId, ctx));
  }
  const altCount = messages.length - tree.activePath.length;
  const meta: [string, string][] = [
    ["Conversation", conversation.id],
    ["Custodian", conversation.userEmail ? `${conversation.userEmail} (${conversation.userId})` : conversation.userId],
    ["Created", iso(conversation.createdAt)],
    ["Last active", iso(conversation.lastActiveAt)],
    ["Messages", `${messages.length} (${tree.activePath.length} on the active thread, ${altCount} on alternate branches)`],
    ["Matched", String([...ctx.matchedIds].length)],
    ["SHA-256", conversation.sha256],
  ];
  if (conversation.deletedAtSource) meta.push(["Deleted at source", iso(conversation.deletedAtSource)]);
  return (
    `<!DOCTYPE html>\n<html lang="en"><head><meta charset="utf-8">` +
    `<meta http-equiv="Content-Security-Policy" content="default-src 'none'; style-src 'unsafe-inline'">` +
    `<meta name="referrer" content="no-referrer"><meta name="viewport" content="width=device-width, initial-scale=1">` +
    `<title>${escapeHtml(title)}</title><style>${STYLE}</style></head><body>` +
    `<header><h1>${escapeHtml(title)}</h1><dl class="meta">${meta.map(([k, v]) => `<dt>${escapeHtml(k)}</dt><dd>${escapeHtml(v)}</dd>`).join("")}</dl></header>` +
    `<main><ol class="thread">${parts.join("")}</ol>` +
    (conversation.otherFiles?.length ? `<section><h2>Other files of this conversation</h2>${renderFiles(conversation.otherFiles)}</section>` : "") +
    `</main>` +
    `<footer>Export ${escapeHtml(ctx.exportName)} (${escapeHtml(ctx.exportId)}), generated ${escapeHtml(iso(ctx.generatedAt))} by Custodian.</footer>` +
    `</body></html>\n`
  );
}
