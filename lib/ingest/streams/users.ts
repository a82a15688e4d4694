// Workspace users (the custodians). The endpoint has no time filter, so every run lists all of them:
// new and changed users are written, unchanged ones only get lastSeenAt, and users the listing no longer
// returns are marked deletedAtSource (never deleted). A listing interrupted by a crash restarts, keeping
// its original start time so the "not seen since" test for deletions stays correct.
import { hashJson } from "@/lib/ingest/hashing";
import { inTransaction, iso, json, text } from "@/lib/ingest/pg";
import { toApiTimestamp, type WorkspaceUser } from "@/lib/compliance-api/schemas";
import type { StreamModule, SyncContext } from "@/lib/ingest/types";
import { beginListing, finishListing, touchQuarantined } from "@/lib/ingest/streams/listing";

export const usersStream: StreamModule = {
  name: "users",
  label: "Workspace users",
  async run(ctx: SyncContext) {
    const listingStartedAt = await beginListing(ctx);
    for await (const page of ctx.client.listUsers()) {
      await ctx.checkCancelled();
      const valid: { raw: unknown; value: WorkspaceUser; sha: string }[] = [];
      for (const item of page.items) {
        ctx.counts.listed += 1;
        if (item.ok) valid.push({ raw: item.raw, value: item.value, sha: hashJson(item.raw) });
        else await ctx.quarantine({ objectType: "user", raw: item.raw, error: item.error });
      }
      await touchQuarantined(ctx, "WorkspaceUser", page.items);
      if (valid.length) {
        const { rows } = await inTransaction((tx) =>
          tx.query<{ id: string; inserted: boolean; changed: boolean }>(
            `WITH input AS (
               SELECT * FROM unnest($2::text[], $3::text[], $4::text[], $5::text[], $6::text[], $7::timestamptz[], $8::jsonb[], $9::text[])
                 AS t(id, email, name, role, status, created, raw, sha)
             ), prior AS (
               SELECT u.id, u.sha256 FROM "WorkspaceUser" u JOIN input i ON i.id = u.id
             ), up AS (
               INSERT INTO "WorkspaceUser" AS w (id, "sourceId", email, name, role, status, "createdAtSource", "rawJson", sha256)
               SELECT id, $1, email, name, role, status, created, raw, sha FROM input
               ON CONFLICT (id) DO UPDATE SET
                 email = EXCLUDED.email, name = EXCLUDED.name, role = EXCLUDED.role, status = EXCLUDED.status,
                 "createdAtSource" = EXCLUDED."createdAtSource", "rawJson" = EXCLUDED."rawJson", sha256 = EXCLUDED.sha256,
                 "lastSeenAt" = now(), "deletedAtSource" = NULL
               RETURNING w.id
             )
             SELECT up.id, prior.id IS NULL AS inserted, prior.sha256 IS DISTINCT FROM i.sha AS changed
             FROM up JOIN input i ON i.id = up.id LEFT JOIN prior ON prior.id = up.id`,
            [
              ctx.source.id,
              valid.map((v) => v.value.id),
              valid.map((v) => text(v.value.email ?? "")),
              valid.map((v) => text(v.value.name)),
              valid.map((v) => v.value.role ?? null),
              valid.map((v) => v.value.status ?? null),
              valid.map((v) => iso(toApiTimestamp(v.value.created_at)?.date)),
              valid.map((v) => json(v.raw)),
              valid.map((v) => v.sha),
            ],
          ),
        );
        for (const r of rows) {
          if (r.inserted) ctx.counts.created += 1;
          else if (r.changed) ctx.counts.changed += 1;
          else ctx.counts.unchanged += 1;
        }
      }
      await ctx.progress(`${ctx.counts.listed} users listed`, ctx.counts.listed);
    }
    ctx.counts.deleted += await finishListing(ctx, "WorkspaceUser", listingStartedAt);
  },
};
