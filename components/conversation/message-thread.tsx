// One window of one branch of a conversation (server component). Message text is untrusted ChatGPT content:
// rendered by SafeMarkdown (raw HTML as literal text, only http/https/mailto links followed, images never
// loaded), never through dangerouslySetInnerHTML. Where a message has siblings (an edited prompt, a
// regenerated answer), a "2 / 3" switcher links to the branch through each alternative (server navigation,
// deep-linkable). Hidden/system nodes and nodes without exported content are collapsed but inspectable.
// Search terms arriving from search are marked; the message named by #m-<id> is outlined.
import Link from "next/link";
import type { ReactNode } from "react";
import { Badge } from "@/components/ui/badge";
import type { ReaderMessage } from "@/lib/archive/reader";
import { MARKDOWN_STYLES, SafeMarkdown, safeHref } from "./markdown";
import { MessageActions } from "./message-actions";
import { HighlightedText } from "./highlight-terms";
import { formatTime, messageHref } from "./reader-links";
import { formatBytes } from "@/components/ui/format";

const roleStyles: Record<string, string> = {
  user: "border-indigo-200 bg-indigo-50/60",
  assistant: "border-slate-200 bg-white",
  tool: "border-amber-200 bg-amber-50/60",
  system: "border-slate-200 bg-slate-50",
};

const fileStatus: Record<string, { tone: "success" | "warning" | "danger" | "neutral"; label: string }> = {
  STORED: { tone: "success", label: "Stored" },
  EXPIRED: { tone: "danger", label: "Expired at source — content not captured" },
  FAILED: { tone: "danger", label: "Capture failed" },
  PENDING: { tone: "warning", label: "Not downloaded yet" },
};

export type ThreadContext = {
  conversationId: string;
  q: string | null;
  pattern: RegExp | null;
  custodian: { id: string; name: string | null; email: string | null };
  canWrite: boolean;
  viewerId: string;
};

function Switcher({ m, ctx }: { m: ReaderMessage; ctx: ThreadContext }) {
  if (m.siblingCount < 2) return null;
  const what = m.role === "user" ? "prompt versions" : "alternative responses";
  const cls = "rounded px-1.5 py-0.5 text-indigo-700 hover:bg-indigo-100";
  return (
    <nav aria-label={`Versions of this message: ${m.position} of ${m.siblingCount} ${what}`} className="inline-flex items-center gap-1 rounded-md bg-white px-1 ring-1 ring-slate-300" data-testid="branch-switcher">
      {m.prevSiblingId ? (
        <Link href={messageHref(ctx.conversationId, m.prevSiblingId, ctx.q)} className={cls} aria-label="Previous version" rel="nofollow">
          ‹
        </Link>
      ) : (
        <span className="px-1.5 text-slate-300" aria-hidden="true">
          ‹
        </span>
      )}
      <span className="tabular-nums text-slate-700">
        {m.position} / {m.siblingCount}
      </span>
      {m.nextSiblingId ? (
        <Link href={messageHref(ctx.conversationId, m.nextSiblingId, ctx.q)} className={cls} aria-label="Next version" rel="nofollow">
          ›
        </Link>
      ) : (
        <span className="px-1.5 text-slate-300" aria-hidden="true">
          ›
        </span>
      )}
    </nav>
  );
}

function Author({ m, ctx }: { m: ReaderMessage; ctx: ThreadContext }) {
  const parts: ReactNode[] = [];
  if (m.authorRole === "user") {
    parts.push(
      <Link key="u" href={`/custodians/${encodeURIComponent(ctx.custodian.id)}`} className="text-indigo-700 hover:underline">
        {ctx.custodian.name ? `${ctx.custodian.name}${ctx.custodian.email ? ` <${ctx.custodian.email}>` : ""}` : (ctx.custodian.email ?? ctx.custodian.id)}
      </Link>,
    );
  }
  if (m.gpt) {
    parts.push(
      <Link key="g" href={`/gpts/${encodeURIComponent(m.gpt.id)}`} className="text-indigo-700 hover:underline">
        GPT: {m.gpt.name ?? m.gpt.id}
      </Link>,
    );
  }
  if (m.project) {
    parts.push(
      <Link key="p" href={`/projects/${encodeURIComponent(m.project.id)}`} className="text-indigo-700 hover:underline">
        Project: {m.project.name ?? m.project.id}
      </Link>,
    );
  }
  return parts.length ? <span className="inline-flex flex-wrap gap-2">{parts}</span> : null;
}

function Files({ files }: { files: ReaderMessage["files"] }) {
  if (!files.length) return null;
  return (
    <ul aria-label="Files" className="mt-3 space-y-1 rounded-md bg-white/70 p-2 text-xs ring-1 ring-slate-200">
      {files.map((f) => {
        const s = fileStatus[f.status];
        return (
          <li key={f.id} className="flex flex-wrap items-center gap-x-3 gap-y-1">
            {f.status === "STORED" ? (
              <a href={`/api/v1/files/${encodeURIComponent(f.id)}/content`} download className="font-medium text-indigo-700 hover:underline">
                {f.name ?? f.id}
              </a>
            ) : (
              <span className="font-medium text-slate-800">{f.name ?? f.id}</span>
            )}
            <span className="text-slate-600">{formatBytes(f.size, "size unknown")}</span>
            <Badge tone={s.tone}>{s.label}</Badge>
            {f.sha256 && (
              <span className="font-mono break-all text-slate-500" title="SHA-256 of the stored content">
                SHA-256 {f.sha256}
              </span>
            )}
            {f.status === "FAILED" && f.lastError && <span className="text-red-700">{f.lastError}</span>}
          </li>
        );
      })}
    </ul>
  );
}

function Citations({ m, pattern }: { m: ReaderMessage; pattern: RegExp | null }) {
  const urls = [...new Set(m.annotations.flatMap((a) => a.urls))];
  if (!urls.length) return null;
  return (
    <div className="mt-3 text-xs">
      <p className="font-medium text-slate-600">Cited sources</p>
      <ol className="mt-1 list-decimal space-y-0.5 pl-5">
        {urls.map((u) => {
          const safe = safeHref(u);
          return (
            <li key={u} className="break-all">
              {safe ? (
                <a href={safe} target="_blank" rel="noopener noreferrer" className="text-indigo-700 hover:underline">
                  <HighlightedText text={u} pattern={pattern} />
                </a>
              ) : (
                <span className="font-mono text-slate-600">{u} (not a web link)</span>
              )}
            </li>
          );
        })}
      </ol>
    </div>
  );
}

function Content({ m, pattern }: { m: ReaderMessage; pattern: RegExp | null }) {
  if (m.text === null) {
    return <p className="text-sm italic text-slate-500">{m.contentType && m.contentType !== "text" ? `(${m.contentType} content not exported)` : "(no content exported: a hidden node or an unsupported tool)"}</p>;
  }
  if (m.text === "") return <p className="text-sm italic text-slate-500">(empty message)</p>;
  return <SafeMarkdown text={m.text} pattern={pattern} />;
}

function MessageRow({ m, ctx }: { m: ReaderMessage; ctx: ThreadContext }) {
  const hidden = m.text === null || m.authorRole === "system";
  const time = formatTime(m.createdAtSource);
  const meta = (
    <div className="flex flex-wrap items-center gap-2 text-xs text-slate-600">
      <span className="font-semibold uppercase tracking-wide text-slate-800">{m.authorRole}</span>
      {m.toolName && <Badge tone="warning">tool: {m.toolName}</Badge>}
      <Author m={m} ctx={ctx} />
      {time ? <time dateTime={m.createdAtSource!.toISOString()}>{time}</time> : <span className="text-slate-400">no time</span>}
      {m.version > 1 && <Badge tone="neutral">edited at source (v{m.version})</Badge>}
      {m.deletedAtSource && <Badge tone="danger">Deleted at source</Badge>}
      <Switcher m={m} ctx={ctx} />
    </div>
  );
  return (
    <li
      id={`m-${m.id}`}
      data-message-id={m.id}
      className={`scroll-mt-4 rounded-lg border p-4 target:ring-4 target:ring-indigo-400 [&.message-highlighted]:ring-4 [&.message-highlighted]:ring-indigo-400 ${roleStyles[m.authorRole] ?? "border-slate-200 bg-white"}`}
    >
      {hidden ? (
        <details>
          <summary className="cursor-pointer list-none">
            <div className="flex flex-wrap items-start justify-between gap-2">
              {meta}
              <span className="text-xs text-slate-500">{m.authorRole === "system" ? "Hidden system node" : "No content"} — show</span>
            </div>
          </summary>
          <div className="mt-2">
            <Content m={m} pattern={ctx.pattern} />
            <MessageActions messageId={m.id} canWrite={ctx.canWrite} viewerId={ctx.viewerId} />
          </div>
        </details>
      ) : (
        <>
          <div className="mb-2 flex flex-wrap items-start justify-between gap-2">
            {meta}
            <MessageActions messageId={m.id} canWrite={ctx.canWrite} viewerId={ctx.viewerId} />
          </div>
          <Content m={m} pattern={ctx.pattern} />
        </>
      )}
      <Citations m={m} pattern={ctx.pattern} />
      <Files files={m.files} />
    </li>
  );
}

export function MessageThread({ messages, ctx, label, start }: { messages: ReaderMessage[]; ctx: ThreadContext; label: string; start: number }) {
  return (
    <ol className={`space-y-3 ${MARKDOWN_STYLES}`} aria-label={label} start={start + 1}>
      {messages.map((m) => (
        <MessageRow key={m.id} m={m} ctx={ctx} />
      ))}
    </ol>
  );
}
