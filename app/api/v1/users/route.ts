import { withAuth } from "@/lib/http/handler";
import { createUserSchema } from "@/lib/users/schemas";
import { createUser, listUsers } from "@/lib/users/users";

export const GET = withAuth({ action: "user:read" }, async () => ({ users: await listUsers() }));

export const POST = withAuth({ action: "user:write", body: createUserSchema }, async ({ body, user, ip, requestId }) => ({
  user: await createUser(body, user, { ip, requestId }),
}));
