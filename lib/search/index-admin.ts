// Index health and reindex for the admin API: which engine, how much is indexed, and starting a rebuild.
import { AppError } from "@/lib/http/errors";
import { enqueueJob } from "@/lib/jobs/boss";
import { configuredEngineName, getSearchEngine } from "@/lib/search/engine";
import { activeReindexRun, createReindexRun, indexHealth, type IndexHealth } from "@/lib/search/indexer";

export async function getIndexHealth(): Promise<IndexHealth> {
  const name = configuredEngineName();
  try {
    return await indexHealth(await getSearchEngine(), name);
  } catch (err) {
    // The engine could not even be set up (e.g. Meilisearch down): the archive side still reports.
    return indexHealth(null, name, err instanceof Error ? err.message : String(err));
  }
}

/** Queues a full rebuild; refuses while one is queued or running. */
export async function startReindex(requestedById: string): Promise<string> {
  const active = await activeReindexRun();
  if (active) throw new AppError("conflict", "A reindex is already queued or running.");
  const runId = await createReindexRun(configuredEngineName(), requestedById);
  await enqueueJob("search.reindex", { runId });
  return runId;
}
