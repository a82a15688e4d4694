// One configuration version in full: every field, tools (custom actions with their domain, auth type and
// privacy policy; never credentials) and knowledge files with their hashes and download links. Texts from
// ChatGPT are rendered as text only; `pattern` marks search terms when the page was opened from a hit.
import type { ReactNode } from "react";
import Link from "next/link";
import { toolLabel, type ToolSnapshot } from "@/lib/archive/config-diff";
import type { ConfigView, FileView } from "@/lib/archive/gpts";
import { HighlightedText } from "@/components/conversation/highlight-terms";
import { Badge, type BadgeTone } from "@/components/ui/badge";
import { Table, TBody, THead, Td, Th, Tr } from "@/components/ui/table";
import { fileContentHref, formatDateTime } from "./format";
import { formatBytes } from "@/components/ui/format";

const FILE_TONE: Record<string, BadgeTone> = { STORED: "success", PENDING: "neutral", EXPIRED: "warning", FAILED: "danger" };
const FILE_STATUS: Record<string, string> = { STORED: "Stored", PENDING: "Pending download", EXPIRED: "Expired at source", FAILED: "Download failed" };

function Empty() {
  return <span className="text-slate-500">—</span>;
}

export function ToolList({ tools }: { tools: readonly ToolSnapshot[] }) {
  if (!tools.length) return <Empty />;
  return (
    <ul className="space-y-2" aria-label="Tools">
      {tools.map((t, i) => (
        <li key={i}>
          <span className="font-medium">{toolLabel(t)}</span>
          {t.type === "custom_action" && (
            <dl className="mt-1 grid grid-cols-[9rem_1fr] gap-x-3 gap-y-0.5 text-xs text-slate-700">
              <dt className="text-slate-500">Domain</dt>
              <dd className="break-all">{t.domain ?? "—"}</dd>
              <dt className="text-slate-500">Authentication</dt>
              <dd>{t.authType ?? "not stated"}</dd>
              <dt className="text-slate-500">Privacy policy</dt>
              <dd className="break-all">{t.privacyPolicyUrl ?? "—"}</dd>
              {t.openapi && (
                <>
                  <dt className="text-slate-500">OpenAPI schema</dt>
                  <dd>
                    <details>
                      <summary className="cursor-pointer text-accent-700 hover:underline">
                        Show schema ({t.openapi.split("\n").length.toLocaleString("en-US")} lines)
                      </summary>
                      <pre className="mt-1 max-h-96 overflow-auto rounded bg-slate-50 p-2 font-mono text-xs whitespace-pre-wrap break-words ring-1 ring-slate-200">{t.openapi}</pre>
                    </details>
                  </dd>
                </>
              )}
            </dl>
          )}
        </li>
      ))}
    </ul>
  );
}

export function FileTable({ files, caption }: { files: readonly FileView[]; caption: string }) {
  if (!files.length) return <Empty />;
  return (
    <Table caption={caption}>
      <THead>
        <Tr>
          <Th>Name</Th>
          <Th className="text-right">Size</Th>
          <Th>SHA-256</Th>
          <Th>Status</Th>
        </Tr>
      </THead>
      <TBody>
        {files.map((f) => (
          <Tr key={f.id}>
            <Td>
              {f.status === "STORED" ? (
                <a href={fileContentHref(f.id)} className="font-medium text-accent-700 hover:underline" download>
                  {f.name ?? f.id}
                </a>
              ) : (
                <span className="font-medium">{f.name ?? f.id}</span>
              )}
              <div className="font-mono text-xs text-slate-500">{f.id}</div>
            </Td>
            <Td className="text-right tabular-nums">{formatBytes(f.size)}</Td>
            <Td className="font-mono text-xs">{f.sha256 ? <span title={f.sha256}>{f.sha256.slice(0, 16)}…</span> : "—"}</Td>
            <Td>
              <Badge tone={FILE_TONE[f.status] ?? "neutral"}>{FILE_STATUS[f.status] ?? f.status}</Badge>
              {f.deletedAtSource && (
                <Badge tone="danger" className="ml-1">
                  Deleted at source
                </Badge>
              )}
            </Td>
          </Tr>
        ))}
      </TBody>
    </Table>
  );
}

/** `authorHref` is set for GPTs only (projects have no version author); null when the author is not a known user. */
export function CurrentConfig({ config, pattern, title, showAuthor, authorHref }: { config: ConfigView; pattern: RegExp | null; title: string; showAuthor: boolean; authorHref: string | null }) {
  const text = (value: string | null | undefined): ReactNode => (value ? <HighlightedText text={value} pattern={pattern} /> : <Empty />);
  return (
    <section aria-labelledby="current-config" className="mb-6 rounded-lg bg-white p-5 shadow-sm ring-1 ring-slate-200">
      <h2 id="current-config" className="text-base font-semibold text-slate-900">
        {title}
      </h2>
      <p className="mt-1 text-xs text-slate-500">
        Version {config.meta.number} · configuration <span className="font-mono">{config.meta.configId}</span> · created at source {formatDateTime(config.meta.createdAtSource)} · first captured{" "}
        {formatDateTime(config.meta.firstSeenAt)}
      </p>
      <dl className="mt-3 grid grid-cols-1 gap-y-3 text-sm sm:grid-cols-[11rem_1fr]">
        <dt className="text-slate-500">Name</dt>
        <dd className="break-words">{text(config.name)}</dd>
        <dt className="text-slate-500">Description</dt>
        <dd className="whitespace-pre-wrap break-words">{text(config.description)}</dd>
        <dt className="text-slate-500">Instructions</dt>
        <dd>
          {config.instructions ? (
            <div className="max-h-[32rem] overflow-auto rounded bg-slate-50 p-2 text-sm whitespace-pre-wrap break-words ring-1 ring-slate-200">{text(config.instructions)}</div>
          ) : (
            <Empty />
          )}
        </dd>
        <dt className="text-slate-500">Conversation starters</dt>
        <dd>
          {config.conversationStarters.length ? (
            <ul className="list-disc pl-5">
              {config.conversationStarters.map((s, i) => (
                <li key={i}>{text(s)}</li>
              ))}
            </ul>
          ) : (
            <Empty />
          )}
        </dd>
        <dt className="text-slate-500">Categories</dt>
        <dd>{config.categories.length ? config.categories.join(", ") : <Empty />}</dd>
        <dt className="text-slate-500">Tools</dt>
        <dd>
          <ToolList tools={config.tools} />
        </dd>
        {showAuthor && (
          <>
            <dt className="text-slate-500">Version author</dt>
            <dd>
              {config.versionAuthor ? (
                authorHref ? (
                  <Link href={authorHref} className="text-accent-700 hover:underline">
                    {config.versionAuthor}
                  </Link>
                ) : (
                  config.versionAuthor
                )
              ) : (
                <Empty />
              )}
            </dd>
          </>
        )}
      </dl>
      <h3 className="mt-5 mb-2 text-sm font-semibold text-slate-900">Knowledge files ({config.files.length})</h3>
      <FileTable files={config.files} caption="Knowledge files" />
    </section>
  );
}

