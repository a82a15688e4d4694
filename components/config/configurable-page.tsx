// The GPT page and the project page (they share one structure): header, review panel, current
// configuration, sharing and recipients, version history with the side-by-side comparison of any two
// versions (?a=&b=, default newest against the one before), and the conversations that used it.
// Every view is audited (gpt.view / project.view).
import Link from "next/link";
import { notFound } from "next/navigation";
import { requirePermission } from "@/lib/auth/session";
import { can } from "@/lib/auth/permissions";
import { recordAudit } from "@/lib/audit/audit";
import { diffConfigs } from "@/lib/archive/config-diff";
import { getConfigurable, listConversationsUsing } from "@/lib/archive/gpts";
import { AppError } from "@/lib/http/errors";
import { highlightTerms, parseQuery } from "@/lib/search/query-parser";
import { termsPattern } from "@/components/conversation/highlight-terms";
import { ReviewPanel } from "@/components/review/review-panel";
import { HoldsCovering } from "@/components/holds/holds-covering";
import { WhyRetained } from "@/components/retention/why-retained";
import { PageHeader } from "@/components/shell/page-header";
import { Badge } from "@/components/ui/badge";
import { ConfigDiffView } from "./config-diff-view";
import { ConversationsUsing } from "./conversations-using";
import { CurrentConfig } from "./current-config";
import { custodianHref, formatDateTime, visibilityLabel, type ConfigurableLabels } from "./format";
import { SharingSection } from "./sharing";
import { CompareForm, VersionHistory } from "./version-history";

export type PageSearchParams = Record<string, string | string[] | undefined>;

const one = (v: string | string[] | undefined): string | null => (Array.isArray(v) ? (v[0] ?? null) : (v ?? null)) || null;

export async function ConfigurablePage({ labels, id: rawId, searchParams }: { labels: ConfigurableLabels; id: string; searchParams: PageSearchParams }) {
  const user = await requirePermission("archive:read");
  const id = decodeURIComponent(rawId);
  const q = one(searchParams.q);
  const data = await getConfigurable(labels.kind, id, { a: one(searchParams.a), b: one(searchParams.b) });
  if (!data) notFound();
  const { object, owner, versions, current, compare } = data;
  await recordAudit({ action: `${labels.kind}.view`, actor: user, target: { type: labels.kind, id: object.id } });

  let usage;
  try {
    usage = await listConversationsUsing(labels.kind, object.id, one(searchParams.after));
  } catch (err) {
    if (!(err instanceof AppError)) throw err;
    usage = await listConversationsUsing(labels.kind, object.id, null);
  }

  const parsed = q ? parseQuery(q) : null;
  const pattern = termsPattern(parsed?.ok ? highlightTerms(parsed.query.tree) : []);
  const base = `${labels.basePath}/${encodeURIComponent(object.id)}`;
  const keep: Record<string, string> = q ? { q } : {};
  const hrefWith = (params: Record<string, string>, hash = "") => {
    const sp = new URLSearchParams({ ...keep, ...params });
    return `${base}${sp.size ? `?${sp}` : ""}${hash}`;
  };
  const compareHref = (a: string, b: string) => hrefWith({ a, b }, "#compare");
  const selected = data.selection;
  const isGpt = labels.kind === "gpt";
  const leftLabel = compare ? `Version ${compare.a.meta.number} (older)` : "";
  const rightLabel = compare ? `Version ${compare.b.meta.number} (newer)` : "";
  const authorHref = current?.meta.authorId && data.users[current.meta.authorId] ? custodianHref(current.meta.authorId) : null;

  return (
    <>
      <p className="mb-2 text-sm">
        <Link href={labels.basePath} className="text-accent-700 hover:underline">
          ← {labels.plural}
        </Link>
      </p>
      <PageHeader
        title={object.name || `(unnamed ${labels.lower})`}
        description={
          <>
            Owner{" "}
            {object.ownerId ? (
              <Link className="text-accent-700 hover:underline" href={custodianHref(object.ownerId)}>
                {owner?.name ?? owner?.email ?? object.ownerEmail ?? object.ownerId}
              </Link>
            ) : (
              (object.ownerEmail ?? "unknown")
            )}
            {object.builderName && <> · builder {object.builderName}</>} · {visibilityLabel(object.visibility)} · created {formatDateTime(object.createdAtSource)} · {versions.length} configuration version
            {versions.length === 1 ? "" : "s"} captured · used in {usage.total.toLocaleString("en-US")} conversation{usage.total === 1 ? "" : "s"}
            {object.deletedAtSource && (
              <Badge tone="danger" className="ml-2">
                Deleted at source {formatDateTime(object.deletedAtSource)}
              </Badge>
            )}
          </>
        }
      />
      <div className="mb-4 grid gap-4 md:grid-cols-2">
        <HoldsCovering item={{ itemType: isGpt ? "GPT" : "PROJECT", itemId: object.id }} className="rounded-lg bg-white p-4 shadow-sm ring-1 ring-slate-200" />
        {/* Retention policies cover GPT configuration versions; projects are not covered by any policy type. */}
        {isGpt && <WhyRetained itemType="GPT" itemId={object.id} />}
      </div>
      <ReviewPanel itemType={isGpt ? "GPT" : "PROJECT"} itemId={object.id} canWrite={can(user.role, "review:write")} viewerId={user.id} />
      {current ? (
        <CurrentConfig config={current} pattern={pattern} title="Current configuration" showAuthor={isGpt} authorHref={authorHref} />
      ) : (
        <p className="mb-6 rounded-lg border border-dashed border-slate-300 bg-white px-4 py-6 text-sm text-slate-600">No configuration has been captured for this {labels.lower} yet.</p>
      )}
      <SharingSection sharing={data.sharing} visibility={object.visibility} recipients={data.recipients} history={data.sharingHistory} />
      <VersionHistory versions={versions} selected={selected} hrefFor={compareHref} showAuthor={isGpt} />
      <section id="compare" aria-labelledby="compare-title" className="mb-6 scroll-mt-4 rounded-lg bg-white p-5 shadow-sm ring-1 ring-slate-200">
        <h2 id="compare-title" className="mb-3 text-base font-semibold text-slate-900">
          {compare ? `Changes from version ${compare.a.meta.number} to version ${compare.b.meta.number}` : "Compare versions"}
        </h2>
        {versions.length < 2 ? (
          <p className="text-sm text-slate-600">Only one configuration version has been captured; changes will be compared here once the {labels.lower} is edited.</p>
        ) : (
          <>
            <CompareForm action={`${base}#compare`} versions={versions} selected={selected ?? { a: versions[versions.length - 2].id, b: versions[versions.length - 1].id }} keep={keep} />
            {compare ? (
              <ConfigDiffView diff={diffConfigs(compare.a, compare.b)} leftLabel={leftLabel} rightLabel={rightLabel} />
            ) : (
              <p className="text-sm text-slate-600">The same version is selected on both sides: choose two different versions.</p>
            )}
          </>
        )}
      </section>
      <ConversationsUsing
        noun={labels.lower}
        total={usage.total}
        conversations={usage.conversations}
        nextHref={usage.nextCursor ? hrefWith({ ...(selected && one(searchParams.a) ? selected : {}), after: usage.nextCursor }, "#conversations-using") : null}
        firstHref={one(searchParams.after) ? hrefWith(selected && one(searchParams.a) ? selected : {}, "#conversations-using") : null}
      />
    </>
  );
}
