// Public surface of the Compliance API simulator (see server.ts for the HTTP side, workspace.ts for the
// seeded generator, dataset.ts for the truth a sync is compared against).
export { generateWorkspace, Workspace, DEFAULT_NOW_MS, compareKeys } from "./workspace";
export type { GenerateWorkspaceOptions, ConversationIndexEntry, ConversationKey, UserState } from "./workspace";
export { SIZE_PRESETS, workspaceSizeSchema, isSizePresetName } from "./presets";
export type { WorkspaceSize, SizePresetName } from "./presets";
export { createSimulator } from "./server";
export type { Simulator, SimulatorOptions, ApiKeyConfig, RateLimits, ListenResult, Scope } from "./server";
export { launchSimulator } from "./launch";
export type { LaunchOptions, LaunchedSimulator } from "./launch";
export { FaultInjector, FAULT_KINDS, faultSpecSchema } from "./faults";
export type { FaultKind, FaultSpec, ActiveFault } from "./faults";
export { createMutator, MUTATION_OPS, mutationRequestSchema, MutationError } from "./mutate";
export type { Mutator, MutationResult, MutationOp, MutationRequest, AddMessagesMode } from "./mutate";
export { buildDataset, datasetSummary, datasetDigest, messageHashes, payloadHash, stripVolatile, VOLATILE_FIELDS } from "./dataset";
export type { Dataset, DatasetOptions, DatasetSummary, ConversationTruth, GizmoTruth, ConfigTruth, MemoryTruth, FileTruth } from "./dataset";
export { SimulatorStats } from "./stats";
export type { RequestLogEntry, StatsSnapshot } from "./stats";
export { ID_PATTERNS } from "./ids";
export { fileBytes, mimeTypeOf, needsConversationId, SHARED_DOCUMENTS } from "./files";
export type { FileRef, FileScope } from "./files";
export { EMBEDDED_URL_TTL_SECONDS, REDIRECT_URL_TTL_SECONDS } from "./blobs";
export type * from "./types";
export { VISIBILITIES } from "./types";
export { startTestSimulator } from "./test-harness";
export type { TestHarness, TestHarnessOptions, FakeClock, RequestOptions } from "./test-harness";
