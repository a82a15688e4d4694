// How background processes (worker, one-off syncs) are started: TypeScript through tsx's loader in the
// same process (so signals reach the process doing the work), server-only modules allowed, and a bounded
// heap — capture pages are sized to fit it, which keeps a sync's memory flat (see bench:ingest).
// package.json's "worker" and "sync" scripts use the same flags.
export const WORKER_NODE_FLAGS = ["--max-old-space-size=160", "--conditions=react-server", "--import", "tsx"];
