// Display helpers shared by the GPT and project pages (pure; safe in server and client components).
export type ConfigurableLabels = {
  kind: "gpt" | "project";
  /** "GPT" / "Project". */
  noun: string;
  /** The noun inside a sentence: "GPT" / "project". */
  lower: string;
  plural: string;
  /** "/gpts" / "/projects". */
  basePath: string;
};

export const GPT_LABELS: ConfigurableLabels = { kind: "gpt", noun: "GPT", lower: "GPT", plural: "GPTs", basePath: "/gpts" };
export const PROJECT_LABELS: ConfigurableLabels = { kind: "project", noun: "Project", lower: "project", plural: "Projects", basePath: "/projects" };

export function formatDateTime(d: Date | string | null | undefined): string {
  if (!d) return "—";
  const iso = typeof d === "string" ? d : d.toISOString();
  return `${iso.replace("T", " ").slice(0, 16)} UTC`;
}

export const VISIBILITY_LABELS: Record<string, string> = {
  "invite-only": "Invite only",
  "workspace-with-link": "Workspace, with link",
  workspace: "Whole workspace",
  "anyone-with-link": "Anyone with the link",
  "gpt-store": "GPT Store",
};

export function visibilityLabel(v: string | null | undefined): string {
  return v ? (VISIBILITY_LABELS[v] ?? v) : "unknown";
}

export const custodianHref = (userId: string) => `/custodians/${encodeURIComponent(userId)}`;
export const conversationHref = (id: string) => `/conversations/${encodeURIComponent(id)}`;
export const fileContentHref = (fileId: string) => `/api/v1/files/${encodeURIComponent(fileId)}/content`;
