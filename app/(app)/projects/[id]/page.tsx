import type { Metadata } from "next";
import { ConfigurablePage, type PageSearchParams } from "@/components/config/configurable-page";
import { PROJECT_LABELS } from "@/components/config/format";

export const metadata: Metadata = { title: "Project" };

export default async function ProjectPage({ params, searchParams }: { params: Promise<{ id: string }>; searchParams: Promise<PageSearchParams> }) {
  return <ConfigurablePage labels={PROJECT_LABELS} id={(await params).id} searchParams={await searchParams} />;
}
