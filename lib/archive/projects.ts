// Reads for projects (server components only). Projects mirror GPTs (compliance-api.md §5.5), so the
// generic list and detail reads in lib/archive/gpts.ts serve them; this module binds them to projects.
import "server-only";
import { getConfigurable, listConfigurables, listConversationsUsing, type ConfigurableDetailOptions, type ConfigurableListInput } from "@/lib/archive/gpts";

export const listProjects = (input: ConfigurableListInput = {}) => listConfigurables("project", input);
export const getProject = (id: string, options: ConfigurableDetailOptions = {}) => getConfigurable("project", id, options);
export const listConversationsUsingProject = (id: string, cursor?: string | null) => listConversationsUsing("project", id, cursor);
