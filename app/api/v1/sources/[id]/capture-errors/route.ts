import { withAuth } from "@/lib/http/handler";
import { captureErrorsQuery, sourceParams } from "@/lib/sources/schemas";
import { listCaptureErrors } from "@/lib/sources/sources";

export const GET = withAuth({ action: "source:read", params: sourceParams, query: captureErrorsQuery }, async ({ params, query }) =>
  listCaptureErrors(params.id, query),
);
