// A custodian's memory entries, each with every captured version in order: Added, Changed (with the words
// that changed marked against the previous version) and Deleted at source. Memory text comes from ChatGPT
// (untrusted): rendered as text only, with search terms marked as React nodes.
import type { ReactNode } from "react";
import { Badge, type BadgeTone } from "@/components/ui/badge";
import { HighlightedText } from "@/components/conversation/highlight-terms";
import { UtcTime } from "@/components/custodian/list-controls";
import { MemoryReviewToggle } from "@/components/custodian/memory-review-toggle";
import { diffWords } from "@/components/custodian/word-diff";

export type TimelineVersion = {
  version: number;
  change: "ADDED" | "CHANGED" | "DELETED";
  content: string | null;
  updatedAtSource: Date | null;
  capturedAt: Date;
};

export type TimelineMemory = {
  id: string;
  contextId: string;
  entryId: string;
  content: string | null;
  updatedAtSource: Date | null;
  deletedAtSource: Date | null;
  currentVersion: number;
  versions: TimelineVersion[];
  /** Active legal holds covering the memory (directly or through a custodian hold). */
  holds?: { id: string; name: string }[];
};

const CHANGE: Record<TimelineVersion["change"], { label: string; tone: BadgeTone }> = {
  ADDED: { label: "Added", tone: "success" },
  CHANGED: { label: "Changed", tone: "warning" },
  DELETED: { label: "Deleted at source", tone: "danger" },
};

function Text({ text, pattern }: { text: string | null; pattern: RegExp | null }): ReactNode {
  if (!text) return <em className="text-slate-500">(empty)</em>;
  return <HighlightedText text={text} pattern={pattern} />;
}

function Changes({ before, after, pattern }: { before: string; after: string; pattern: RegExp | null }) {
  return (
    <>
      {diffWords(before, after).map((part, i) =>
        part.op === "same" ? (
          <span key={i}>
            <HighlightedText text={part.text} pattern={pattern} />
          </span>
        ) : part.op === "added" ? (
          <ins key={i} title="Added in this version" className="rounded-sm bg-emerald-100 px-0.5 text-emerald-900 no-underline">
            <HighlightedText text={part.text} pattern={pattern} />
          </ins>
        ) : (
          <del key={i} title="Removed in this version" className="rounded-sm bg-red-100 px-0.5 text-red-800">
            <HighlightedText text={part.text} pattern={pattern} />
          </del>
        ),
      )}
    </>
  );
}

function VersionItem({ v, previous, pattern }: { v: TimelineVersion; previous: TimelineVersion | undefined; pattern: RegExp | null }) {
  const kind = CHANGE[v.change];
  const showDiff = v.change === "CHANGED" && previous?.content != null && v.content != null && previous.content !== v.content;
  return (
    <li className="relative pb-3 pl-5 last:pb-0" data-change={v.change.toLowerCase()}>
      <span aria-hidden="true" className="absolute top-1.5 left-0 size-2.5 rounded-full bg-slate-300 ring-2 ring-white" />
      <div className="mb-1 flex flex-wrap items-center gap-x-3 gap-y-1 text-xs text-slate-500">
        <Badge tone={kind.tone}>{kind.label}</Badge>
        <span>Version {v.version}</span>
        <span>
          {v.change === "DELETED" ? "Last updated at source" : "Updated at source"} <UtcTime value={v.updatedAtSource} />
        </span>
        <span>
          {v.change === "DELETED" ? "Deletion detected" : "Captured"} <UtcTime value={v.capturedAt} />
        </span>
      </div>
      {v.change === "DELETED" ? (
        <p className="break-words whitespace-pre-wrap text-slate-500">
          <span className="sr-only">Last content before deletion: </span>
          <Text text={v.content} pattern={pattern} />
        </p>
      ) : (
        <>
          <p className="break-words whitespace-pre-wrap" data-testid="memory-version-content">
            <Text text={v.content} pattern={pattern} />
          </p>
          {showDiff && (
            <p className="mt-1 break-words whitespace-pre-wrap text-slate-700">
              <span className="mr-1 text-xs font-medium text-slate-500">Changes from version {previous!.version}:</span>
              <Changes before={previous!.content!} after={v.content!} pattern={pattern} />
            </p>
          )}
        </>
      )}
    </li>
  );
}

export function MemoryTimeline({
  memories,
  pattern,
  labelledBy,
  review,
}: {
  memories: TimelineMemory[];
  pattern: RegExp | null;
  labelledBy: string;
  review: { canWrite: boolean; viewerId: string };
}) {
  return (
    <ol className="space-y-3" aria-labelledby={labelledBy}>
      {memories.map((m) => {
        const label = `memory ${m.entryId}`;
        return (
          <li key={m.id} id={`memory-${m.id}`} data-entry-id={m.entryId} className="scroll-mt-4 rounded-lg bg-white p-4 text-sm shadow-sm ring-1 ring-slate-200 target:ring-2 target:ring-indigo-500">
            <div className="mb-3 flex flex-wrap items-center gap-2 text-xs text-slate-500">
              {m.deletedAtSource ? <Badge tone="danger">Deleted at source</Badge> : <Badge tone="success">Current</Badge>}
              <span>
                {m.versions.length} version{m.versions.length === 1 ? "" : "s"}
              </span>
              <span className="font-mono" title="Memory entry id">
                {m.entryId}
              </span>
              {m.contextId && <span title="Memory context">context {m.contextId}</span>}
              {m.holds?.map((h) => (
                <Badge key={h.id} tone="warning">
                  On hold: {h.name}
                </Badge>
              ))}
            </div>
            {m.versions.length === 0 ? (
              <p className="break-words whitespace-pre-wrap">
                <Text text={m.content} pattern={pattern} />
              </p>
            ) : (
              <ol aria-label={`Versions of ${label}`} className="border-l border-slate-200 pl-0">
                {m.versions.map((v, i) => (
                  <VersionItem key={v.version} v={v} previous={m.versions[i - 1]} pattern={pattern} />
                ))}
              </ol>
            )}
            <MemoryReviewToggle memoryId={m.id} label={label} canWrite={review.canWrite} viewerId={review.viewerId} />
          </li>
        );
      })}
    </ol>
  );
}
