// How background processes (worker, one-off syncs) are started: TypeScript through tsx's loader in the
// same process (so signals reach the process doing the work), server-only modules allowed, and a bounded
// memory footprint — capture pages are sized to fit it, which keeps a sync's memory flat (see
// bench:ingest). package.json's "worker" and "sync" scripts use the same flags and environment (tested).
//  - --max-old-space-size bounds the heap; a sync's live heap is about 50 MB.
//  - --max-semi-space-size=4: the young generation is where a page's short-lived objects die; V8's
//    default (16 MB semi-spaces) cost about 60 MB more peak RSS and no measurable speed.
export const WORKER_NODE_FLAGS = ["--max-old-space-size=160", "--max-semi-space-size=4", "--conditions=react-server", "--import", "tsx"];

/**
 * glibc's malloc raises its mmap threshold as large blocks are freed, after which page bodies and file
 * chunks (hundreds of KB to a few MB, freed within a second) stay in its heaps instead of going back to
 * the system; a fixed threshold returns them. About 30 MB less peak RSS in bench:ingest, same speed.
 */
export const WORKER_ENV = { MALLOC_MMAP_THRESHOLD_: "131072" } as const;

/** The environment for a worker or sync process: the caller's, with WORKER_ENV where not already set. */
export function workerProcessEnv(env: NodeJS.ProcessEnv): NodeJS.ProcessEnv {
  return { ...WORKER_ENV, ...env };
}
