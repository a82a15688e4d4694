import type { Metadata } from "next";
import { ConfigurablePage, type PageSearchParams } from "@/components/config/configurable-page";
import { GPT_LABELS } from "@/components/config/format";

export const metadata: Metadata = { title: "GPT" };

export default async function GptPage({ params, searchParams }: { params: Promise<{ id: string }>; searchParams: Promise<PageSearchParams> }) {
  return <ConfigurablePage labels={GPT_LABELS} id={(await params).id} searchParams={await searchParams} />;
}
