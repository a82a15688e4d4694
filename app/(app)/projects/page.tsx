import type { Metadata } from "next";
import { ConfigurableListPage } from "@/components/config/configurable-list-page";
import type { PageSearchParams } from "@/components/config/configurable-page";
import { PROJECT_LABELS } from "@/components/config/format";

export const metadata: Metadata = { title: "Projects" };

export default async function ProjectsPage({ searchParams }: { searchParams: Promise<PageSearchParams> }) {
  return <ConfigurableListPage labels={PROJECT_LABELS} searchParams={await searchParams} description="ChatGPT projects captured from the workspace, with their configuration history and the conversations that used them." />;
}
