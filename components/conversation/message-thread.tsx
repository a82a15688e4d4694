// One thread of a conversation. Message text is untrusted ChatGPT content: it is rendered as plain text
// (React escapes it), never as HTML. Hidden/system nodes without content are shown collapsed. Search terms
// (arriving from search) are marked; the message named by the URL's #m-<id> is outlined (:target).
import { Badge } from "@/components/ui/badge";
import { HighlightedText, termsPattern } from "./highlight-terms";

export type ThreadMessage = {
  id: string;
  authorRole: string;
  toolName: string | null;
  contentType: string | null;
  text: string | null;
  createdAtSource: string | null;
  gptId: string | null;
  projectId: string | null;
  hasFiles: boolean;
  deleted: boolean;
};

const roleStyles: Record<string, string> = {
  user: "border-indigo-200 bg-indigo-50/60",
  assistant: "border-slate-200 bg-white",
  tool: "border-amber-200 bg-amber-50/60",
  system: "border-slate-200 bg-slate-50",
};

export function MessageThread({ messages, terms = [], label = "Messages on the active branch" }: { messages: ThreadMessage[]; terms?: readonly string[]; label?: string }) {
  const pattern = termsPattern(terms);
  return (
    <ol className="space-y-3" aria-label={label}>
      {messages.map((m) => (
        <li
          key={m.id}
          id={`m-${m.id}`}
          className={`scroll-mt-4 rounded-lg border p-4 target:ring-4 target:ring-indigo-400 ${roleStyles[m.authorRole] ?? "border-slate-200 bg-white"}`}
        >
          <div className="mb-2 flex flex-wrap items-center gap-2 text-xs text-slate-600">
            <span className="font-semibold uppercase tracking-wide text-slate-800">{m.authorRole}</span>
            {m.toolName && <Badge tone="warning">{m.toolName}</Badge>}
            {m.gptId && <Badge tone="accent">GPT {m.gptId}</Badge>}
            {m.projectId && <Badge tone="neutral">Project {m.projectId}</Badge>}
            {m.hasFiles && <Badge tone="neutral">Attachments</Badge>}
            {m.deleted && <Badge tone="danger">Deleted at source</Badge>}
            {m.createdAtSource && <time dateTime={m.createdAtSource}>{m.createdAtSource.replace("T", " ").slice(0, 19)} UTC</time>}
          </div>
          {m.text === null ? (
            <p className="text-sm italic text-slate-500">{m.contentType ? `(${m.contentType} content not exported)` : "(hidden node without content)"}</p>
          ) : (
            <div className="whitespace-pre-wrap break-words text-sm text-slate-900">
              <HighlightedText text={m.text} pattern={pattern} />
            </div>
          )}
        </li>
      ))}
    </ol>
  );
}
