import type { Metadata } from "next";
import Link from "next/link";
import { notFound } from "next/navigation";
import { requirePermission } from "@/lib/auth/session";
import { getGptWithVersions } from "@/lib/archive/gpts";
import { recordAudit } from "@/lib/audit/audit";
import { highlightTerms, parseQuery } from "@/lib/search/query-parser";
import { PageHeader } from "@/components/shell/page-header";
import { Badge } from "@/components/ui/badge";
import { HighlightedText, termsPattern } from "@/components/conversation/highlight-terms";

export const metadata: Metadata = { title: "GPT" };

const fmt = (d: Date | null) => (d ? `${d.toISOString().replace("T", " ").slice(0, 16)} UTC` : "—");

export default async function GptPage({ params, searchParams }: { params: Promise<{ id: string }>; searchParams: Promise<Record<string, string | string[] | undefined>> }) {
  const user = await requirePermission("archive:read");
  const { id } = await params;
  const q = (await searchParams).q;
  const data = await getGptWithVersions(decodeURIComponent(id));
  if (!data) notFound();
  const { gpt, configs, owner, conversationCount } = data;
  await recordAudit({ action: "gpt.view", actor: user, target: { type: "gpt", id: gpt.id } });
  const parsed = typeof q === "string" && q ? parseQuery(q) : null;
  const pattern = termsPattern(parsed?.ok ? highlightTerms(parsed.query.tree) : []);
  const current = configs[0];
  const text = (value: string | null) => (value ? <HighlightedText text={value} pattern={pattern} /> : <span className="text-slate-500">—</span>);
  return (
    <>
      <p className="mb-2 text-sm">
        <Link href="/search?q=type%3Agpt" className="text-indigo-700 hover:underline">
          ← GPTs in search
        </Link>
      </p>
      <PageHeader
        title={gpt.name || "(unnamed GPT)"}
        description={
          <>
            Owner {owner ? <Link className="text-indigo-700 hover:underline" href={`/custodians/${encodeURIComponent(owner.id)}`}>{owner.name ?? owner.email}</Link> : (gpt.ownerEmail ?? "unknown")}
            {gpt.visibility && <> · {gpt.visibility}</>} · {configs.length} configuration version{configs.length === 1 ? "" : "s"} captured · used in {conversationCount.toLocaleString("en-US")} conversation{conversationCount === 1 ? "" : "s"}
            {gpt.deletedAtSource && <Badge tone="danger" className="ml-2">Deleted at source</Badge>}
          </>
        }
      />
      {current && (
        <section aria-labelledby="current-config" className="mb-6 rounded-lg bg-white p-5 shadow-sm ring-1 ring-slate-200">
          <h2 id="current-config" className="text-base font-semibold text-slate-900">
            Current configuration
          </h2>
          <dl className="mt-3 grid grid-cols-1 gap-y-3 text-sm sm:grid-cols-[10rem_1fr]">
            <dt className="text-slate-500">Description</dt>
            <dd className="whitespace-pre-wrap break-words">{text(current.description)}</dd>
            <dt className="text-slate-500">Instructions</dt>
            <dd className="whitespace-pre-wrap break-words">{text(current.instructions)}</dd>
            <dt className="text-slate-500">Conversation starters</dt>
            <dd>
              {current.conversationStarters.length ? (
                <ul className="list-disc pl-5">
                  {current.conversationStarters.map((s, i) => (
                    <li key={i}>{text(s)}</li>
                  ))}
                </ul>
              ) : (
                text(null)
              )}
            </dd>
            <dt className="text-slate-500">Categories</dt>
            <dd>{current.categories.length ? current.categories.join(", ") : text(null)}</dd>
          </dl>
        </section>
      )}
      <section aria-labelledby="versions">
        <h2 id="versions" className="mb-2 text-base font-semibold text-slate-900">
          Configuration versions
        </h2>
        <table className="w-full text-left text-sm" aria-labelledby="versions">
          <thead className="text-xs text-slate-500 uppercase">
            <tr>
              <th className="py-2 pr-4">Version</th>
              <th className="py-2 pr-4">Name</th>
              <th className="py-2 pr-4">Created at source</th>
              <th className="py-2 pr-4">First captured</th>
              <th className="py-2">SHA-256</th>
            </tr>
          </thead>
          <tbody className="divide-y divide-slate-200">
            {configs.map((c, i) => (
              <tr key={c.id}>
                <td className="py-2 pr-4 tabular-nums">{configs.length - i}</td>
                <td className="py-2 pr-4">
                  {c.name ?? "—"} {c.deletedAtSource && <Badge tone="danger">Deleted at source</Badge>}
                </td>
                <td className="py-2 pr-4">{fmt(c.createdAtSource)}</td>
                <td className="py-2 pr-4">{fmt(c.firstSeenAt)}</td>
                <td className="py-2 font-mono text-xs" title={c.sha256}>
                  {c.sha256.slice(0, 12)}…
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      </section>
    </>
  );
}
