import { withAuth } from "@/lib/http/handler";

export const GET = withAuth({ action: "self:read" }, async ({ user }) => ({ user }));
