// Accounts the end-to-end server seeds (scripts/e2e-server.ts) and the specs sign in with.
export const E2E_PORT = 3100;
export const E2E_PASSWORD = "e2e password 0123";
export const accounts = {
  admin: { email: "admin@e2e.test", name: "Ada Admin", role: "ADMIN" },
  officer: { email: "officer@e2e.test", name: "Otto Officer", role: "OFFICER" },
  reviewer: { email: "reviewer@e2e.test", name: "Rita Reviewer", role: "REVIEWER" },
  auditor: { email: "auditor@e2e.test", name: "Aldo Auditor", role: "AUDITOR" },
  disabled: { email: "disabled@e2e.test", name: "Dora Disabled", role: "REVIEWER" },
  wrongPassword: { email: "typo@e2e.test", name: "Tina Typo", role: "REVIEWER" },
} as const;
