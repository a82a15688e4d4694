import type { Metadata } from "next";
import Link from "next/link";
import { notFound } from "next/navigation";
import { requirePermission } from "@/lib/auth/session";
import { getCustodian } from "@/lib/archive/custodians";
import { recordAudit } from "@/lib/audit/audit";
import { highlightTerms, parseQuery } from "@/lib/search/query-parser";
import { PageHeader } from "@/components/shell/page-header";
import { Badge } from "@/components/ui/badge";
import { HighlightedText, termsPattern } from "@/components/conversation/highlight-terms";

export const metadata: Metadata = { title: "Custodian" };

export default async function CustodianPage({ params, searchParams }: { params: Promise<{ id: string }>; searchParams: Promise<Record<string, string | string[] | undefined>> }) {
  const viewer = await requirePermission("archive:read");
  const { id } = await params;
  const q = (await searchParams).q;
  const data = await getCustodian(decodeURIComponent(id));
  if (!data) notFound();
  const { user, memories, conversations, gpts } = data;
  await recordAudit({ action: "custodian.view", actor: viewer, target: { type: "workspace_user", id: user.id } });
  const parsed = typeof q === "string" && q ? parseQuery(q) : null;
  const pattern = termsPattern(parsed?.ok ? highlightTerms(parsed.query.tree) : []);
  return (
    <>
      <PageHeader
        title={user.name || user.email}
        description={
          <>
            {user.email}
            {user.role && <> · {user.role}</>}
            {user.status && <> · {user.status}</>} ·{" "}
            <Link className="text-indigo-700 hover:underline" href={`/conversations?custodian=${encodeURIComponent(user.email)}`}>
              {conversations.toLocaleString("en-US")} conversation{conversations === 1 ? "" : "s"}
            </Link>{" "}
            · <Link className="text-indigo-700 hover:underline" href={`/search?q=${encodeURIComponent(`email:${user.email}`)}`}>search their items</Link>
            {user.deletedAtSource && <Badge tone="danger" className="ml-2">Removed from the workspace</Badge>}
          </>
        }
      />
      {gpts.length > 0 && (
        <section aria-labelledby="owned-gpts" className="mb-6">
          <h2 id="owned-gpts" className="mb-2 text-base font-semibold text-slate-900">
            GPTs owned
          </h2>
          <ul className="flex flex-wrap gap-2 text-sm">
            {gpts.map((g) => (
              <li key={g.id}>
                <Link className="text-indigo-700 hover:underline" href={`/gpts/${encodeURIComponent(g.id)}`}>
                  {g.name ?? g.id}
                </Link>
              </li>
            ))}
          </ul>
        </section>
      )}
      <section aria-labelledby="memories">
        <h2 id="memories" className="mb-2 text-base font-semibold text-slate-900">
          Memories ({memories.length})
        </h2>
        {memories.length === 0 ? (
          <p className="text-sm text-slate-600">No memories captured.</p>
        ) : (
          <ul className="space-y-2" aria-labelledby="memories">
            {memories.map((m) => (
              <li key={m.id} id={`memory-${m.id}`} className="rounded-lg bg-white p-3 text-sm shadow-sm ring-1 ring-slate-200">
                <div className="mb-1 flex flex-wrap items-center gap-2 text-xs text-slate-500">
                  {m.updatedAtSource && <time dateTime={m.updatedAtSource.toISOString()}>{m.updatedAtSource.toISOString().replace("T", " ").slice(0, 16)} UTC</time>}
                  <span>version {m.currentVersion}</span>
                  {m.deletedAtSource && <Badge tone="danger">Deleted at source</Badge>}
                </div>
                <p className="whitespace-pre-wrap break-words">{m.content ? <HighlightedText text={m.content} pattern={pattern} /> : <em className="text-slate-500">(empty)</em>}</p>
              </li>
            ))}
          </ul>
        )}
      </section>
    </>
  );
}
