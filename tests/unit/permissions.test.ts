import { describe, expect, it } from "vitest";
import { can, permissions, roles, type Action } from "@/lib/auth/permissions";

const actions = Object.keys(permissions) as Action[];
// Actions that change archive, governance or administration state.
const changes = (a: Action) => a.endsWith(":write") || ["disposition:run", "export:create", "source:sync", "search:moderate"].includes(a);

describe("permissions table", () => {
  it("gives admins every action", () => {
    for (const a of actions) expect(can("ADMIN", a), a).toBe(true);
  });
  it("lets auditors read everything and change nothing", () => {
    for (const a of actions) {
      if (a === "search:save") continue; // a personal saved search changes no archive data
      expect(can("AUDITOR", a), a).toBe(!changes(a));
    }
  });
  it("keeps holds, retention and administration away from reviewers", () => {
    for (const a of ["hold:write", "retention:write", "disposition:run", "user:write", "source:write", "audit:read"] as Action[]) {
      expect(can("REVIEWER", a), a).toBe(false);
    }
    expect(can("REVIEWER", "review:write")).toBe(true);
    expect(can("OFFICER", "hold:write")).toBe(true);
    expect(can("OFFICER", "user:write")).toBe(false);
  });
  it("denies unknown or missing roles", () => {
    expect(can(null, "archive:read")).toBe(false);
    expect(can(undefined, "self:read")).toBe(false);
    expect(roles).toEqual(["ADMIN", "OFFICER", "REVIEWER", "AUDITOR"]);
  });
});
