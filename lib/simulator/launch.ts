// One call to get a running simulator with credentials: used by `npm run simulator`, the demo start and
// tests that just need "a workspace on a port". Keys derive from the seed unless given, so a restarted demo
// keeps working with the credentials a source was configured with.
import { createHash } from "node:crypto";
import { SIZE_PRESETS, type SizePresetName, type WorkspaceSize } from "./presets";
import { createSimulator, type RateLimits, type Simulator } from "./server";
import { generateWorkspace } from "./workspace";
import type { Seed } from "./random";

export interface LaunchOptions {
  seed: Seed;
  size: SizePresetName | WorkspaceSize;
  port?: number;
  host?: string;
  workspaceId?: string;
  /** Generation time (ms); default DEFAULT_NOW_MS. */
  now?: number;
  /** Read+delete key; default derived from the seed. */
  apiKey?: string;
  /** A second key with only the read scope; default derived from the seed. */
  readOnlyApiKey?: string;
  controlToken?: string;
  rateLimits?: RateLimits | null;
  shortPageRate?: number;
  conversationsMode?: "1.1.5" | "1.1.1";
  clock?: () => number;
  publicUrl?: string;
}

export interface LaunchedSimulator {
  simulator: Simulator;
  url: string;
  apiBaseUrl: string;
  workspaceId: string;
  apiKey: string;
  readOnlyApiKey: string;
  controlToken: string;
}

function derived(seed: Seed, label: string, prefix: string): string {
  return prefix + createHash("sha256").update(`custodian-simulator:${label}:${String(seed)}`).digest("hex").slice(0, 40);
}

export async function launchSimulator(options: LaunchOptions): Promise<LaunchedSimulator> {
  const size = typeof options.size === "string" ? SIZE_PRESETS[options.size] : options.size;
  const workspace = generateWorkspace({ seed: options.seed, size, workspaceId: options.workspaceId, now: options.now });
  const apiKey = options.apiKey ?? derived(options.seed, "api-key", "sk-sim-");
  const readOnlyApiKey = options.readOnlyApiKey ?? derived(options.seed, "read-key", "sk-sim-ro-");
  const controlToken = options.controlToken ?? derived(options.seed, "control", "ctl-");
  const simulator = createSimulator({
    workspace,
    apiKeys: [
      { key: apiKey, scopes: ["read", "delete"] },
      { key: readOnlyApiKey, scopes: ["read"] },
    ],
    rateLimits: options.rateLimits,
    shortPageRate: options.shortPageRate,
    conversationsMode: options.conversationsMode,
    controlToken,
    clock: options.clock,
    publicUrl: options.publicUrl,
  });
  const { url, apiBaseUrl } = await simulator.listen(options.port ?? 0, options.host ?? "127.0.0.1");
  return { simulator, url, apiBaseUrl, workspaceId: workspace.id, apiKey, readOnlyApiKey, controlToken };
}
