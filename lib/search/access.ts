// Who may see which search documents. Every search passes through scopeFor() so that access rules have
// one home: engines never return or count documents outside the scope (see SearchScope in types.ts).
//
// Today every role reads the whole archive (permissions.ts gives "archive:read" and "search:run" to all
// roles), so the scope is unrestricted. This is the hook for narrowing it later, e.g. reviewers limited
// to the sources or custodians of their assigned matters: return { sourceIds } or { userIds } here.
import type { SessionUser } from "@/lib/auth/session-user";
import type { SearchScope } from "@/lib/search/types";

/** The documents `user` may search; undefined = no restriction. */
export function scopeFor(user: Pick<SessionUser, "id" | "role">): SearchScope | undefined {
  void user;
  return undefined;
}
