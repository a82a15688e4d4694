// The /gpts and /projects pages: parse the URL, read one page, render the list. An invalid or stale
// cursor (another sort, a hand-edited URL) falls back to the first page instead of failing.
import { requirePermission } from "@/lib/auth/session";
import { configurableListQuery, listConfigurables } from "@/lib/archive/gpts";
import { AppError } from "@/lib/http/errors";
import { PageHeader } from "@/components/shell/page-header";
import { ConfigurableList } from "./configurable-list";
import type { ConfigurableLabels } from "./format";
import type { PageSearchParams } from "./configurable-page";

export async function ConfigurableListPage({ labels, searchParams, description }: { labels: ConfigurableLabels; searchParams: PageSearchParams; description: string }) {
  await requirePermission("archive:read");
  const parsed = configurableListQuery.safeParse(searchParams);
  const input = parsed.success ? parsed.data : {};
  let result;
  try {
    result = await listConfigurables(labels.kind, input);
  } catch (err) {
    if (!(err instanceof AppError)) throw err;
    result = await listConfigurables(labels.kind, { ...input, cursor: undefined });
  }
  return (
    <>
      <PageHeader title={labels.plural} description={description} />
      <ConfigurableList labels={labels} rows={result.rows} query={result.query} nextCursor={result.nextCursor} isPaged={Boolean(result.query.cursor)} />
    </>
  );
}
