import type { Metadata } from "next";
import { notFound } from "next/navigation";
import { requirePermission } from "@/lib/auth/session";
import { can } from "@/lib/auth/permissions";
import { AppError } from "@/lib/http/errors";
import { getHold, type HoldDetail } from "@/lib/governance/holds";
import { HoldDetailView } from "@/components/holds/hold-detail";

export const metadata: Metadata = { title: "Hold" };

export default async function HoldPage({ params }: { params: Promise<{ id: string }> }) {
  const user = await requirePermission("hold:read");
  const { id } = await params;
  let detail: HoldDetail;
  try {
    detail = await getHold(decodeURIComponent(id));
  } catch (err) {
    if (err instanceof AppError && err.code === "not_found") notFound();
    throw err;
  }
  return <HoldDetailView id={detail.hold.id} initial={detail} canWrite={can(user.role, "hold:write")} canExport={can(user.role, "export:create")} />;
}
