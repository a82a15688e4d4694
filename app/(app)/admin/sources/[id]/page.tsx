import type { Metadata } from "next";
import { requirePermission } from "@/lib/auth/session";
import { SourceDetail } from "@/components/sources/source-detail";

export const metadata: Metadata = { title: "Source" };

export default async function SourcePage({ params }: { params: Promise<{ id: string }> }) {
  const [viewer, { id }] = await Promise.all([requirePermission("source:read"), params]);
  return <SourceDetail sourceId={id} viewerRole={viewer.role} />;
}
