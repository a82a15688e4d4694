import { withAuth } from "@/lib/http/handler";
import { updateUserSchema, userIdParams } from "@/lib/users/schemas";
import { updateUser } from "@/lib/users/users";

export const PATCH = withAuth(
  { action: "user:write", params: userIdParams, body: updateUserSchema },
  async ({ params, body, user, ip, requestId }) => ({ user: await updateUser(params.id, body, user, { ip, requestId }) }),
);
