// The one action → roles table. Route wrappers, pages and navigation all ask `can(role, action)`;
// no other module compares role names.
export const roles = ["ADMIN", "OFFICER", "REVIEWER", "AUDITOR"] as const;
export type Role = (typeof roles)[number];

const ALL: readonly Role[] = roles;
const REVIEW: readonly Role[] = ["ADMIN", "OFFICER", "REVIEWER"];
const GOVERN: readonly Role[] = ["ADMIN", "OFFICER"];
const ADMIN: readonly Role[] = ["ADMIN"];
const AUDIT: readonly Role[] = ["ADMIN", "AUDITOR"];

export const permissions = {
  // reading the archive
  "archive:read": ALL,
  "search:run": ALL,
  "search:save": ALL,
  /** Delete other people's shared saved searches. */
  "search:moderate": ADMIN,
  // review work
  "review:write": REVIEW,
  "export:create": [...REVIEW],
  "export:read": ALL,
  // governance
  "hold:read": ALL,
  "hold:write": GOVERN,
  "retention:read": ALL,
  "retention:write": GOVERN,
  "disposition:run": GOVERN,
  // administration
  "source:read": [...ADMIN, "AUDITOR"],
  "source:write": ADMIN,
  "source:sync": ADMIN,
  "user:read": [...ADMIN, "AUDITOR"],
  "user:write": ADMIN,
  "tag:write": ADMIN,
  "index:write": ADMIN,
  "audit:read": AUDIT,
  "audit:verify": AUDIT,
  "system:read": [...ADMIN, "AUDITOR"],
  // the caller's own session/profile
  "self:read": ALL,
} as const satisfies Record<string, readonly Role[]>;

export type Action = keyof typeof permissions;

export function can(role: Role | null | undefined, action: Action): boolean {
  return role != null && (permissions[action] as readonly Role[]).includes(role);
}

export function isRole(value: unknown): value is Role {
  return typeof value === "string" && (roles as readonly string[]).includes(value);
}

export const roleLabels: Record<Role, string> = {
  ADMIN: "Admin",
  OFFICER: "Compliance officer",
  REVIEWER: "Reviewer",
  AUDITOR: "Auditor",
};
