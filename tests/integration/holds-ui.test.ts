// The holds pages and components rendered to HTML (React server rendering, real database for the pages):
// officers and admins get the write controls (New hold, Edit, Activate, Release, Remove); reviewers and
// auditors see the same holds read-only, with no write control rendered.
import { randomBytes } from "node:crypto";
import { createElement as h, type ReactElement } from "react";
import { renderToString } from "react-dom/server";
import { QueryClient, QueryClientProvider } from "@tanstack/react-query";
import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";
import type { Role } from "@/lib/auth/permissions";

const viewer = vi.hoisted(() => ({ role: "OFFICER" as Role }));
vi.mock("@/lib/auth/session", () => ({
  requirePermission: async () => ({ id: "viewer", email: "viewer@example.test", name: "Viewer", role: viewer.role }),
}));
vi.mock("next/navigation", () => ({ useRouter: () => ({ push: () => undefined }), notFound: () => { throw new Error("not found"); }, redirect: () => undefined }));

import { getDb } from "@/lib/db";
import { createHold } from "@/lib/governance/holds";
import { holdScopeSchema } from "@/lib/governance/hold-schemas";
import { ToastProvider } from "@/components/ui/toast";
import HoldsPage from "@/app/(app)/holds/page";
import HoldPage from "@/app/(app)/holds/[id]/page";
import { HoldsCovering } from "@/components/holds/holds-covering";
import { AddToHoldDialog } from "@/components/holds/add-to-hold-dialog";
import { createTestUser } from "../factories/users";

const marker = `hu${randomBytes(5).toString("hex")}`;
let holdId = "";

const render = (el: ReactElement) => renderToString(h(QueryClientProvider, { client: new QueryClient() }, h(ToastProvider, null, el)));
const WRITE_CONTROLS = [">New hold<", ">Edit<", ">Activate<", ">Release<"];

beforeAll(async () => {
  const u = await createTestUser({ role: "OFFICER" });
  const hold = await createHold({ name: `Board <inquiry> ${marker}`, matter: "SEC-42", scope: holdScopeSchema.parse({ query: `budget ${marker}` }) }, { id: u.id, email: u.email, name: u.name, role: "OFFICER" });
  holdId = hold.id;
});

afterAll(async () => {
  await getDb().legalHold.deleteMany({ where: { name: { contains: marker } } });
});

describe("holds pages", () => {
  it("lists holds with status, matter and scope; only writers get New hold", async () => {
    viewer.role = "OFFICER";
    const officer = render(await HoldsPage({ searchParams: Promise.resolve({}) }));
    expect(officer).toContain(`Board &lt;inquiry&gt; ${marker}`);
    expect(officer).toContain("SEC-42");
    expect(officer).toContain(`query: budget ${marker}`);
    expect(officer).toContain(">New hold<");
    for (const role of ["REVIEWER", "AUDITOR"] as const) {
      viewer.role = role;
      const html = render(await HoldsPage({ searchParams: Promise.resolve({}) }));
      expect(html).toContain(`Board &lt;inquiry&gt; ${marker}`);
      expect(html).not.toContain(">New hold<");
    }
    viewer.role = "OFFICER";
    expect(render(await HoldsPage({ searchParams: Promise.resolve({ status: "RELEASED" }) }))).not.toContain(marker);
  });

  it("shows a draft hold with Edit and Activate to writers only", async () => {
    viewer.role = "ADMIN";
    const admin = render(await HoldPage({ params: Promise.resolve({ id: holdId }) }));
    expect(admin).toContain(">Edit<");
    expect(admin).toContain(">Activate<");
    expect(admin).toContain("Preview scope");
    expect(admin).toContain("Scope history");
    for (const role of ["REVIEWER", "AUDITOR"] as const) {
      viewer.role = role;
      const html = render(await HoldPage({ params: Promise.resolve({ id: holdId }) }));
      expect(html).toContain(`Board &lt;inquiry&gt; ${marker}`);
      for (const control of WRITE_CONTROLS) expect(html).not.toContain(control);
    }
  });
});

describe("components for other pages", () => {
  it("renders the covering panel and the add-to-hold dialog", () => {
    expect(render(h(HoldsCovering, { item: { itemType: "MESSAGE", itemId: "m1" } }))).toContain("Legal holds");
    expect(render(h(AddToHoldDialog, { open: true, onClose: () => undefined, items: [{ itemType: "MESSAGE", itemId: "m1" }] }))).toContain("Add to legal hold");
  });
});
