"use client";
// Per-message actions in the reader: the message's raw JSON as captured (fetched only when opened, since
// reading it is audited) and the review panel (tags, flags, status, comments) for that one message.
// The JSON is shown as text in a <pre>: React escapes it, nothing in it is ever interpreted.
import { useState } from "react";
import { useQuery } from "@tanstack/react-query";
import { Button, Dialog } from "@/components/ui";
import { Loading, LoadError } from "@/components/shell/query-states";
import { ReviewPanel } from "@/components/review/review-panel";
import { fetchJson } from "@/lib/hooks/fetch-json";

type RawMessage = {
  message: { id: string; conversationId: string; version: number; sha256: string; firstSeenAt: string; lastSeenAt: string; deletedAtSource: string | null; rawJson: unknown };
  versions: { version: number; sha256: string; text: string | null; rawJson: unknown; capturedAt: string }[];
};

function RawJsonView({ messageId }: { messageId: string }) {
  const raw = useQuery({
    queryKey: ["messages", messageId, "raw"],
    queryFn: ({ signal }) => fetchJson<RawMessage>(`/api/v1/messages/${encodeURIComponent(messageId)}`, { signal }),
    staleTime: 60_000,
  });
  if (raw.isPending) return <Loading>Loading the stored payload…</Loading>;
  if (raw.isError) return <LoadError title="Could not load the raw JSON" error={raw.error} onRetry={() => void raw.refetch()} />;
  const { message, versions } = raw.data;
  return (
    <div className="space-y-3 text-sm">
      <dl className="grid grid-cols-[auto_1fr] gap-x-3 gap-y-1 text-xs">
        <dt className="text-slate-500">Message</dt>
        <dd className="font-mono break-all" data-testid="raw-message-id">{message.id}</dd>
        <dt className="text-slate-500">Version</dt>
        <dd>{message.version}</dd>
        <dt className="text-slate-500">SHA-256</dt>
        <dd className="font-mono break-all">{message.sha256}</dd>
        <dt className="text-slate-500">First / last seen</dt>
        <dd>
          {message.firstSeenAt} / {message.lastSeenAt}
        </dd>
      </dl>
      <pre className="max-h-[50vh] overflow-auto rounded-md bg-slate-900 p-3 font-mono text-xs text-slate-100" aria-label="Raw JSON">
        {JSON.stringify(message.rawJson, null, 2)}
      </pre>
      {versions.length > 0 && (
        <details className="rounded-md ring-1 ring-slate-200">
          <summary className="cursor-pointer px-3 py-2 text-xs font-medium text-slate-700">Earlier versions ({versions.length})</summary>
          <ol className="space-y-2 p-3">
            {versions.map((v) => (
              <li key={v.version} className="text-xs">
                <p className="mb-1 text-slate-600">
                  Version {v.version} · captured {v.capturedAt} · <span className="font-mono break-all">{v.sha256}</span>
                </p>
                <pre className="max-h-60 overflow-auto rounded bg-slate-100 p-2 font-mono">{JSON.stringify(v.rawJson, null, 2)}</pre>
              </li>
            ))}
          </ol>
        </details>
      )}
    </div>
  );
}

export function MessageActions({ messageId, canWrite, viewerId }: { messageId: string; canWrite: boolean; viewerId: string }) {
  const [open, setOpen] = useState<null | "raw" | "review">(null);
  return (
    <div className="flex gap-1">
      <Button variant="ghost" size="sm" onClick={() => setOpen("review")} aria-label="Review this message">
        Review
      </Button>
      <Button variant="ghost" size="sm" onClick={() => setOpen("raw")} aria-label="Raw JSON of this message">
        Raw JSON
      </Button>
      <Dialog open={open === "raw"} onClose={() => setOpen(null)} title="Raw JSON" description="The message exactly as captured from the Compliance API." size="lg">
        <RawJsonView messageId={messageId} />
      </Dialog>
      <Dialog open={open === "review"} onClose={() => setOpen(null)} title="Review message" size="lg">
        <ReviewPanel itemType="MESSAGE" itemId={messageId} canWrite={canWrite} viewerId={viewerId} />
      </Dialog>
    </div>
  );
}
