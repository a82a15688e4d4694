import type { Metadata } from "next";
import { ConfigurableListPage } from "@/components/config/configurable-list-page";
import type { PageSearchParams } from "@/components/config/configurable-page";
import { GPT_LABELS } from "@/components/config/format";

export const metadata: Metadata = { title: "GPTs" };

export default async function GptsPage({ searchParams }: { searchParams: Promise<PageSearchParams> }) {
  return <ConfigurableListPage labels={GPT_LABELS} searchParams={await searchParams} description="Custom GPTs captured from the workspace, with their configuration history and the conversations that used them." />;
}
