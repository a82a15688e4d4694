import type { Role } from "@/lib/auth/permissions";

declare module "next-auth" {
  interface Session {
    user?: { id: string; email: string; name: string; role: Role };
  }
}

declare module "next-auth/jwt" {
  interface JWT {
    authAt?: number;
    role?: Role;
    revoked?: boolean;
  }
}
