// next-auth's own endpoints (sign-in, callback, session, csrf, sign-out). Public by design; the only
// route not built with withAuth/withCron (tests allow exactly this one).
import NextAuth from "next-auth";
import type { NextRequest } from "next/server";
import { getAuthOptions } from "@/lib/auth/options";

type Ctx = { params: Promise<{ nextauth: string[] }> };

async function handler(req: NextRequest, ctx: Ctx) {
  return NextAuth(req, ctx, getAuthOptions());
}

export { handler as GET, handler as POST };
