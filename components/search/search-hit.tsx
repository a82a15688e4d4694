"use client";
// One search result: what it is, where it is from, who it belongs to, its review state, and the
// highlighted match. Text is untrusted archive content: only React text nodes (see HighlightedText).
import Link from "next/link";
import type { SearchHitView } from "@/lib/search/schemas";
import { Badge } from "@/components/ui/badge";
import { cn } from "@/components/ui/cn";
import { HighlightedText } from "./highlighted-text";
import { formatTime, getHitHref, getHitTitle, roleLabels, statusLabels, typeLabels } from "./hit-format";

export function SearchHit({ hit, q, selected, onSelect }: { hit: SearchHitView; q: string; selected: boolean; onSelect: (selected: boolean) => void }) {
  const doc = hit.document;
  const href = getHitHref(doc, q);
  const title = getHitTitle(doc);
  const time = formatTime(doc.time);
  const titleId = `hit-${doc.id}-title`;
  const titleContent = <HighlightedText segments={hit.titleHighlight} fallback={title} />;
  return (
    <article
      aria-labelledby={titleId}
      className={cn("flex gap-3 rounded-lg bg-white p-4 shadow-sm ring-1", selected ? "ring-2 ring-accent-500" : "ring-slate-200")}
    >
      <input
        type="checkbox"
        checked={selected}
        onChange={(e) => onSelect(e.target.checked)}
        aria-label={`Select ${typeLabels[doc.type].toLowerCase()}: ${title}`}
        className="mt-1 size-4 shrink-0 rounded border-slate-300 accent-accent-600"
      />
      <div className="min-w-0 flex-1">
        <div className="flex flex-wrap items-center gap-2">
          <Badge tone="accent">{typeLabels[doc.type]}</Badge>
          <h3 id={titleId} className="min-w-0 text-base font-semibold text-slate-900">
            {href ? (
              // No prefetch: opening a conversation is an audited view, and a results page must not record 25 of them.
              <Link href={href} prefetch={false} className="hover:text-accent-700 hover:underline">
                {titleContent}
              </Link>
            ) : (
              titleContent
            )}
          </h3>
          {doc.held && <Badge tone="danger">On hold</Badge>}
          {doc.flagged && <Badge tone="warning">Flagged</Badge>}
          {doc.status !== "unreviewed" && <Badge tone={doc.status === "escalated" ? "danger" : doc.status === "reviewed" ? "success" : "neutral"}>{statusLabels[doc.status]}</Badge>}
          {doc.deletedAtSource && <Badge tone="danger">Deleted at source</Badge>}
          {!doc.onActiveBranch && <Badge tone="neutral">Edited branch</Badge>}
          {doc.type === "gpt" && doc.version > 1 && <Badge tone="neutral">Version {doc.version}</Badge>}
        </div>
        {hit.snippet.length > 0 && (
          <p className="mt-1.5 text-sm break-words whitespace-pre-line text-slate-700">
            <HighlightedText segments={hit.snippet} />
          </p>
        )}
        <dl className="mt-2 flex flex-wrap gap-x-4 gap-y-1 text-xs text-slate-600">
          {(doc.userName || doc.userEmail) && (
            <div className="flex gap-1">
              <dt className="text-slate-500">Custodian</dt>
              <dd>
                {doc.userName && doc.userEmail ? `${doc.userName} <${doc.userEmail}>` : (doc.userName ?? doc.userEmail)}
              </dd>
            </div>
          )}
          {time && doc.time !== null && (
            <div className="flex gap-1">
              <dt className="text-slate-500">Time</dt>
              <dd>
                <time dateTime={new Date(doc.time).toISOString()}>{time}</time>
              </dd>
            </div>
          )}
          {doc.role && (
            <div className="flex gap-1">
              <dt className="text-slate-500">Role</dt>
              <dd>
                {roleLabels[doc.role]}
                {doc.toolName && ` (${doc.toolName})`}
              </dd>
            </div>
          )}
          {doc.gptId && (
            <div className="flex gap-1">
              <dt className="text-slate-500">GPT</dt>
              <dd>{doc.gptName ?? doc.gptId}</dd>
            </div>
          )}
          {doc.projectId && (
            <div className="flex gap-1">
              <dt className="text-slate-500">Project</dt>
              <dd>{doc.projectName ?? doc.projectId}</dd>
            </div>
          )}
          {doc.hasFile && doc.type !== "file" && (
            <div className="flex gap-1">
              <dt className="sr-only">Files</dt>
              <dd>Has files</dd>
            </div>
          )}
          {doc.tags.length > 0 && (
            <div className="flex gap-1">
              <dt className="text-slate-500">Tags</dt>
              <dd>{doc.tags.join(", ")}</dd>
            </div>
          )}
        </dl>
      </div>
    </article>
  );
}
