// Every capture stream, in the order a sync runs them: people first (so custodians exist), then GPTs and
// projects (so conversations can link to them), then conversations, then memories. Adding a stream
// (canvases, automations, recordings, Codex tasks) means writing one module and listing it here.
import type { StreamModule } from "@/lib/ingest/types";
import { usersStream } from "@/lib/ingest/streams/users";
import { gptsStream, projectsStream } from "@/lib/ingest/streams/owned-objects";
import { conversationsStream } from "@/lib/ingest/streams/conversations";
import { memoriesStream } from "@/lib/ingest/streams/memories";

export const streams: readonly StreamModule[] = [usersStream, gptsStream, projectsStream, conversationsStream, memoriesStream];
