// One export: GET its status and progress (creator or admin; anyone else gets a 404); DELETE discards it
// (cancels a queued or running build, deletes the ZIP, keeps the record; audited `export.discard`).
import { withAuth } from "@/lib/http/handler";
import { discardExport, getExport } from "@/lib/exports/exports";
import { exportIdParams } from "@/lib/exports/schemas";

export const GET = withAuth({ action: "export:read", params: exportIdParams }, async ({ params, user }) => ({ export: await getExport(params.id, user) }));

export const DELETE = withAuth({ action: "export:create", params: exportIdParams }, async ({ params, user, ip, requestId }) => ({
  export: await discardExport(params.id, user, { ip, requestId }),
}));
