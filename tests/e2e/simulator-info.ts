import { E2E_SIMULATOR } from "./accounts";

export function getSimulatorInfo() {
  return {
    apiBaseUrl: `http://127.0.0.1:${E2E_SIMULATOR.port}/v1`,
    workspaceId: E2E_SIMULATOR.workspaceId,
    validKey: E2E_SIMULATOR.apiKey,
    invalidKey: E2E_SIMULATOR.invalidKey,
  };
}
