// `npm run simulator -- --seed 42 --port 4010 --size demo|small|large`: a standalone Compliance API
// simulator for the demo and for manual testing. Prints the base URL, workspace id, API keys and control
// token; Ctrl+C stops it. Other flags: --host, --api-key, --control-token, --no-rate-limit,
// --mode 1.1.5|1.1.1, --short-page-rate <0..1>, --now <ISO date>.
import { isSizePresetName, launchSimulator, SIZE_PRESETS } from "@/lib/simulator";

function parseArgs(argv: string[]): Map<string, string | true> {
  const out = new Map<string, string | true>();
  for (let i = 0; i < argv.length; i++) {
    const a = argv[i];
    if (!a.startsWith("--")) continue;
    const [name, inline] = a.slice(2).split("=", 2);
    if (inline !== undefined) out.set(name, inline);
    else if (i + 1 < argv.length && !argv[i + 1].startsWith("--")) out.set(name, argv[++i]);
    else out.set(name, true);
  }
  return out;
}

function fail(message: string): never {
  console.error(`[simulator] ${message}`);
  process.exit(2);
}

async function main() {
  const args = parseArgs(process.argv.slice(2));
  const str = (name: string) => {
    const v = args.get(name);
    return typeof v === "string" ? v : undefined;
  };
  const sizeName = str("size") ?? "demo";
  if (!isSizePresetName(sizeName)) fail(`--size must be one of ${Object.keys(SIZE_PRESETS).join(", ")}`);
  const seedArg = str("seed") ?? "42";
  const seed = /^\d+$/.test(seedArg) ? Number(seedArg) : seedArg;
  const port = Number(str("port") ?? "4010");
  if (!Number.isInteger(port) || port < 0 || port > 65535) fail("--port must be an integer port number");
  const mode = str("mode") ?? "1.1.5";
  if (mode !== "1.1.5" && mode !== "1.1.1") fail("--mode must be 1.1.5 or 1.1.1");
  const shortPageRate = str("short-page-rate") === undefined ? undefined : Number(str("short-page-rate"));
  const nowArg = str("now");
  const now = nowArg === undefined ? undefined : Date.parse(nowArg);
  if (now !== undefined && !Number.isFinite(now)) fail("--now must be an ISO date");

  const started = Date.now();
  const sim = await launchSimulator({
    seed,
    size: sizeName,
    port,
    host: str("host") ?? "127.0.0.1",
    apiKey: str("api-key"),
    controlToken: str("control-token"),
    rateLimits: args.has("no-rate-limit") ? null : undefined,
    conversationsMode: mode,
    shortPageRate,
    now,
  });
  const summary = sim.simulator.workspace;
  console.log(
    [
      `Compliance API simulator (seed ${String(seed)}, size ${sizeName}) ready in ${Date.now() - started} ms`,
      `  base URL       ${sim.apiBaseUrl}`,
      `  workspace id   ${sim.workspaceId}`,
      `  API key        ${sim.apiKey}   (read, delete)`,
      `  read-only key  ${sim.readOnlyApiKey}`,
      `  control token  ${sim.controlToken}`,
      `  workspace      ${summary.users.length} users, ${summary.liveConversationCount()} conversations, ${summary.liveMessageCount()} messages, ${summary.gpts.length} GPTs, ${summary.projects.length} projects`,
      `  try            curl -H "Authorization: Bearer ${sim.apiKey}" "${sim.apiBaseUrl}/compliance/workspaces/${sim.workspaceId}/users"`,
    ].join("\n"),
  );
  const stop = () => {
    void sim.simulator.close().then(() => process.exit(0));
  };
  process.on("SIGINT", stop);
  process.on("SIGTERM", stop);
}

main().catch((err: unknown) => {
  console.error(err);
  process.exit(1);
});
