import { withAuth } from "@/lib/http/handler";
import { resetPasswordSchema, userIdParams } from "@/lib/users/schemas";
import { resetPassword } from "@/lib/users/users";

export const POST = withAuth(
  { action: "user:write", params: userIdParams, body: resetPasswordSchema },
  async ({ params, body, user, ip, requestId }) => {
    await resetPassword(params.id, body.password, user, { ip, requestId });
    return { ok: true };
  },
);
