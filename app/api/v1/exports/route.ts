// Exports: POST creates one (a search, a hold or a selection; audited `export.create`) and queues its
// build; GET lists the caller's exports (admins: everyone's), newest first, with status and progress.
import { withAuth } from "@/lib/http/handler";
import { createExport, listExports } from "@/lib/exports/exports";
import { createExportSchema } from "@/lib/exports/schemas";

export const GET = withAuth({ action: "export:read" }, async ({ user }) => ({ exports: await listExports(user) }));

export const POST = withAuth({ action: "export:create", body: createExportSchema, maxBodyBytes: 2 << 20 }, async ({ body, user, ip, requestId }) => ({
  export: await createExport(body, user, { ip, requestId }),
}));
