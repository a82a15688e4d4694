// GPTs and projects: the same shape (owner, sharing, latest_config, configs history, shared users, files),
// so one module serves both through a descriptor. Per listed object:
// - the object itself (owner, sharing…) is versioned when its hash changes (GptVersion/ProjectVersion);
// - every configuration is kept: when the latest configuration is one we have not stored, the full
//   /configs history is fetched, and each (config id, content hash) not yet stored becomes a row;
// - shared users are fetched when the object is new or its sharing changed; users no longer listed are
//   marked deletedAtSource;
// - knowledge files are recorded and downloaded right after the page commits.
// Network calls happen before the page's transaction, never inside it.
import type pg from "pg";
import type { ComplianceClient, Page } from "@/lib/compliance-api/client";
import { toApiTimestamp, type Gpt, type GptConfig, type WorkspaceUser } from "@/lib/compliance-api/schemas";
import { hashConfig, hashJson, hashOwnedObject, ownedObjectMeta } from "@/lib/ingest/hashing";
import { getIngestPool, inTransaction, iso, json, text } from "@/lib/ingest/pg";
import type { FileRef } from "@/lib/ingest/files";
import type { StreamModule, SyncContext } from "@/lib/ingest/types";
import { beginListing, finishListing, touchQuarantined } from "@/lib/ingest/streams/listing";

type Kind = {
  name: "gpts" | "projects";
  label: string;
  objectType: "gpt" | "project";
  table: "Gpt" | "Project";
  versionTable: "GptVersion" | "ProjectVersion";
  configTable: "GptConfigVersion" | "ProjectConfigVersion";
  configFileTable: "GptConfigFile" | "ProjectConfigFile";
  sharedTable: "GptSharedUser" | "ProjectSharedUser";
  fk: "gptId" | "projectId";
  fileKind: "GPT" | "PROJECT";
  itemType: "GPT" | "PROJECT";
  configItemType: "GPT_CONFIG" | "PROJECT_CONFIG";
  list: (c: ComplianceClient) => AsyncGenerator<Page<Gpt>>;
  listConfigs: (c: ComplianceClient, id: string) => AsyncGenerator<Page<GptConfig>>;
  listShared: (c: ComplianceClient, id: string) => AsyncGenerator<Page<WorkspaceUser>>;
};

const GPT: Kind = {
  name: "gpts",
  label: "GPTs",
  objectType: "gpt",
  table: "Gpt",
  versionTable: "GptVersion",
  configTable: "GptConfigVersion",
  configFileTable: "GptConfigFile",
  sharedTable: "GptSharedUser",
  fk: "gptId",
  fileKind: "GPT",
  itemType: "GPT",
  configItemType: "GPT_CONFIG",
  list: (c) => c.listGpts(),
  listConfigs: (c, id) => c.listGptConfigs(id),
  listShared: (c, id) => c.listGptSharedUsers(id),
};

const PROJECT: Kind = {
  name: "projects",
  label: "Projects",
  objectType: "project",
  table: "Project",
  versionTable: "ProjectVersion",
  configTable: "ProjectConfigVersion",
  configFileTable: "ProjectConfigFile",
  sharedTable: "ProjectSharedUser",
  fk: "projectId",
  fileKind: "PROJECT",
  itemType: "PROJECT",
  configItemType: "PROJECT_CONFIG",
  list: (c) => c.listProjects() as AsyncGenerator<Page<Gpt>>,
  listConfigs: (c, id) => c.listProjectConfigs(id) as AsyncGenerator<Page<GptConfig>>,
  listShared: (c, id) => c.listProjectSharedUsers(id),
};

type Json = Record<string, unknown>;
type ConfigIn = { raw: Json; value: GptConfig; sha: string };
type Planned = {
  raw: Json;
  value: Gpt;
  metaSha: string;
  isNew: boolean;
  metaChanged: boolean;
  configs: ConfigIn[];
  shared: { raw: Json; value: WorkspaceUser }[] | null;
};

function latestConfigRaw(raw: Json): Json | null {
  const lc = raw.latest_config as unknown;
  const first = Array.isArray(lc) ? lc[0] : (lc as { data?: unknown[] } | null | undefined)?.data?.[0];
  return first && typeof first === "object" ? (first as Json) : null;
}

function configFiles(kind: Kind, cfg: GptConfig, raw: Json): FileRef[] {
  const rawFiles = ((raw.files as { data?: unknown[] } | unknown[] | undefined) ?? []) as unknown;
  const rawList = Array.isArray(rawFiles) ? rawFiles : ((rawFiles as { data?: unknown[] }).data ?? []);
  return cfg.files.data.map((f, i) => ({
    id: f.id,
    kind: kind.fileKind,
    name: f.name ?? null,
    userId: null,
    conversationId: null,
    downloadUrl: "download_url" in f && typeof f.download_url === "string" ? f.download_url : null,
    createdAt: "created_at" in f ? (toApiTimestamp(f.created_at as number | null)?.date ?? null) : null,
    raw: rawList[i] ?? f,
  }));
}

async function collect<T>(pages: AsyncGenerator<Page<T>>, ctx: SyncContext, objectType: string): Promise<{ raw: Json; value: T }[]> {
  const out: { raw: Json; value: T }[] = [];
  for await (const page of pages) {
    for (const item of page.items) {
      if (item.ok) out.push({ raw: item.raw as Json, value: item.value });
      else await ctx.quarantine({ objectType, raw: item.raw, error: item.error });
    }
  }
  return out;
}

async function plan(kind: Kind, ctx: SyncContext, items: { raw: Json; value: Gpt }[]): Promise<Planned[]> {
  const { rows: existing } = await getIngestPool().query<{ id: string; sha256: string }>(`SELECT id, sha256 FROM "${kind.table}" WHERE id = ANY($1::text[])`, [
    items.map((i) => i.value.id),
  ]);
  const prior = new Map(existing.map((r) => [r.id, r.sha256]));
  const latest = items.map((i) => {
    const raw = latestConfigRaw(i.raw);
    return raw ? { id: String(raw.id), sha: hashConfig(raw) } : null;
  });
  const { rows: known } = await getIngestPool().query<{ configId: string; sha256: string }>(
    `SELECT "configId", sha256 FROM "${kind.configTable}" WHERE ("configId", sha256) IN (SELECT * FROM unnest($1::text[], $2::text[]))`,
    [latest.map((l) => l?.id ?? ""), latest.map((l) => l?.sha ?? "")],
  );
  const knownSet = new Set(known.map((k) => `${k.configId}\u0000${k.sha256}`));

  const planned: Planned[] = [];
  for (const [idx, item] of items.entries()) {
    const metaSha = hashOwnedObject(item.raw);
    const isNew = !prior.has(item.value.id);
    const metaChanged = !isNew && prior.get(item.value.id) !== metaSha;
    const l = latest[idx];
    const configs: ConfigIn[] = [];
    const latestRaw = latestConfigRaw(item.raw);
    if (latestRaw && item.value.latest_config.data[0]) configs.push({ raw: latestRaw, value: item.value.latest_config.data[0], sha: l!.sha });
    if (l && !knownSet.has(`${l.id}\u0000${l.sha}`)) {
      try {
        const history = await collect(kind.listConfigs(ctx.client, item.value.id), ctx, `${kind.objectType}_config`);
        for (const h of history) configs.push({ raw: h.raw, value: h.value, sha: hashConfig(h.raw) });
      } catch (err) {
        await ctx.recordError({ objectType: `${kind.objectType}_configs`, objectId: item.value.id, message: err instanceof Error ? err.message : String(err) });
      }
    }
    let shared: Planned["shared"] = null;
    if (isNew || metaChanged) {
      try {
        shared = await collect(kind.listShared(ctx.client, item.value.id), ctx, `${kind.objectType}_shared_user`);
      } catch (err) {
        await ctx.recordError({ objectType: `${kind.objectType}_shared_users`, objectId: item.value.id, message: err instanceof Error ? err.message : String(err) });
      }
    }
    planned.push({ raw: item.raw, value: item.value, metaSha, isNew, metaChanged, configs, shared });
    await ctx.checkCancelled();
  }
  return planned;
}

async function write(kind: Kind, ctx: SyncContext, tx: pg.PoolClient, planned: Planned[]): Promise<{ files: FileRef[]; newConfigs: number }> {
  const objs = planned;
  // Objects: insert or update; version bump only when the object's own hash changed.
  await tx.query(
    `INSERT INTO "${kind.table}" AS o (id, "sourceId", "ownerId", "ownerEmail", "builderName", name, visibility, "createdAtSource", "rawJson", sha256)
     SELECT * FROM unnest($1::text[], $2::text[], $3::text[], $4::text[], $5::text[], $6::text[], $7::text[], $8::timestamptz[], $9::jsonb[], $10::text[])
     ON CONFLICT (id) DO UPDATE SET
       "ownerId" = EXCLUDED."ownerId", "ownerEmail" = EXCLUDED."ownerEmail", "builderName" = EXCLUDED."builderName",
       name = EXCLUDED.name, visibility = EXCLUDED.visibility, "createdAtSource" = EXCLUDED."createdAtSource",
       "currentVersion" = o."currentVersion" + (CASE WHEN o.sha256 = EXCLUDED.sha256 THEN 0 ELSE 1 END),
       "rawJson" = EXCLUDED."rawJson", sha256 = EXCLUDED.sha256, "lastSeenAt" = now(), "deletedAtSource" = NULL`,
    [
      objs.map((o) => o.value.id),
      objs.map(() => ctx.source.id),
      objs.map((o) => o.value.owner_id ?? null),
      objs.map((o) => o.value.owner_email ?? null),
      objs.map((o) => text(o.value.builder_name)),
      objs.map((o) => text(o.value.latest_config.data[0]?.name)),
      objs.map((o) => o.value.sharing?.visibility ?? null),
      objs.map((o) => iso(toApiTimestamp(o.value.created_at)?.date)),
      objs.map((o) => json(ownedObjectMeta(o.raw))),
      objs.map((o) => o.metaSha),
    ],
  );
  const versioned = objs.filter((o) => o.isNew || o.metaChanged);
  if (versioned.length) {
    await tx.query(
      `INSERT INTO "${kind.versionTable}" (id, "${kind.fk}", version, visibility, sharing, "rawJson", sha256)
       SELECT gen_random_uuid()::text, o.id, o."currentVersion", o.visibility, s.sharing, o."rawJson", o.sha256
       FROM unnest($1::text[], $2::jsonb[]) AS s(id, sharing) JOIN "${kind.table}" o ON o.id = s.id
       ON CONFLICT ("${kind.fk}", version) DO NOTHING`,
      [versioned.map((o) => o.value.id), versioned.map((o) => json(o.raw.sharing ?? null))],
    );
  }

  // Configurations: one row per (config id, content hash); repeats only refresh lastSeenAt.
  let cfgs = objs.flatMap((o) => dedupeConfigs(o.configs).map((c) => ({ owner: o.value.id, ...c })));
  // A configuration version disposed of under retention is not captured again from the history the API
  // still lists (its tombstone carries the same content hash).
  if (kind.table === "Gpt" && cfgs.length) {
    const { rows: disposed } = await tx.query<{ sha256: string }>(
      `SELECT sha256 FROM "DispositionRecord" WHERE "itemType" = 'GPT_CONFIG' AND sha256 = ANY($1::text[])`,
      [cfgs.map((c) => c.sha)],
    );
    const gone = new Set(disposed.map((r) => r.sha256));
    if (gone.size) cfgs = cfgs.filter((c) => !gone.has(c.sha));
  }
  let newConfigs = 0;
  const files: FileRef[] = [];
  if (cfgs.length) {
    const { rows } = await tx.query<{ id: string; configId: string; sha256: string; inserted: boolean }>(
      `INSERT INTO "${kind.configTable}" AS c (id, "${kind.fk}", "configId", name, description, instructions, categories, "conversationStarters", tools,
         ${kind.table === "Gpt" ? `"versionAuthorId", "versionAuthorEmail",` : ""} "createdAtSource", "rawJson", sha256)
       SELECT gen_random_uuid()::text, t.owner, t.cid, t.name, t.descr, t.instr,
              ARRAY(SELECT jsonb_array_elements_text(t.cats)), ARRAY(SELECT jsonb_array_elements_text(t.starters)), t.tools,
              ${kind.table === "Gpt" ? "t.author_id, t.author_email," : ""} t.created, t.raw, t.sha
       FROM unnest($1::text[], $2::text[], $3::text[], $4::text[], $5::text[], $6::jsonb[], $7::jsonb[], $8::jsonb[], $9::text[], $10::text[], $11::timestamptz[], $12::jsonb[], $13::text[])
         AS t(owner, cid, name, descr, instr, cats, starters, tools, author_id, author_email, created, raw, sha)
       ON CONFLICT ("configId", sha256) DO UPDATE SET "lastSeenAt" = now()
       RETURNING c.id, c."configId", c.sha256, (xmax = 0) AS inserted`,
      [
        cfgs.map((c) => c.owner),
        cfgs.map((c) => c.value.id),
        cfgs.map((c) => text(c.value.name)),
        cfgs.map((c) => text(c.value.description)),
        cfgs.map((c) => text(c.value.instructions)),
        cfgs.map((c) => json(c.value.categories)),
        cfgs.map((c) => json(c.value.conversation_starters)),
        cfgs.map((c) => json(c.raw.tools ?? null)),
        cfgs.map((c) => c.value.version_author?.id ?? null),
        cfgs.map((c) => c.value.version_author?.email ?? null),
        cfgs.map((c) => iso(toApiTimestamp(c.value.created_at)?.date)),
        cfgs.map((c) => json(c.raw)),
        cfgs.map((c) => c.sha),
      ],
    );
    const rowId = new Map(rows.map((r) => [`${r.configId}\u0000${r.sha256}`, r.id]));
    newConfigs = rows.filter((r) => r.inserted).length;
    const links: { cfg: string; file: string }[] = [];
    for (const c of cfgs) {
      const refs = configFiles(kind, c.value, c.raw);
      files.push(...refs);
      for (const f of refs) links.push({ cfg: rowId.get(`${c.value.id}\u0000${c.sha}`)!, file: f.id });
    }
    await ctx.files.record(tx, files);
    if (links.length) {
      await tx.query(
        `INSERT INTO "${kind.configFileTable}" ("configVersionId", "fileId") SELECT * FROM unnest($1::text[], $2::text[]) ON CONFLICT DO NOTHING`,
        [links.map((l) => l.cfg), links.map((l) => l.file)],
      );
    }
    const inserted = rows.filter((r) => r.inserted).map((r) => r.id);
    if (inserted.length) {
      await tx.query(`INSERT INTO "IndexOutbox" ("itemType", "itemId") SELECT $1::"ItemType", unnest($2::text[])`, [kind.configItemType, inserted]);
    }
  }

  // Shared users, for objects whose sharing was (re)fetched.
  for (const o of objs.filter((p) => p.shared !== null)) {
    const shared = o.shared!;
    await tx.query(
      `INSERT INTO "${kind.sharedTable}" AS s ("${kind.fk}", "userId", email, permissions, "rawJson", sha256)
       SELECT $1, * FROM unnest($2::text[], $3::text[], $4::jsonb[], $5::jsonb[], $6::text[])
       ON CONFLICT ("${kind.fk}", "userId") DO UPDATE SET email = EXCLUDED.email, permissions = EXCLUDED.permissions,
         "rawJson" = EXCLUDED."rawJson", sha256 = EXCLUDED.sha256, "lastSeenAt" = now(), "deletedAtSource" = NULL`,
      [
        o.value.id,
        shared.map((s) => s.value.id),
        shared.map((s) => s.value.email ?? null),
        shared.map((s) => json((s.raw as Json).permissions ?? null)),
        shared.map((s) => json(s.raw)),
        shared.map((s) => hashJson(s.raw)),
      ],
    );
    await tx.query(
      `UPDATE "${kind.sharedTable}" SET "deletedAtSource" = now()
       WHERE "${kind.fk}" = $1 AND "deletedAtSource" IS NULL AND NOT ("userId" = ANY($2::text[]))`,
      [o.value.id, shared.map((s) => s.value.id)],
    );
  }

  const changedObjects = objs.filter((o) => o.isNew || o.metaChanged).map((o) => o.value.id);
  if (changedObjects.length || newConfigs) {
    const ids = [...new Set([...changedObjects, ...objs.filter((o) => o.configs.length > 1).map((o) => o.value.id)])];
    await tx.query(`INSERT INTO "IndexOutbox" ("itemType", "itemId") SELECT $1::"ItemType", unnest($2::text[])`, [kind.itemType, ids]);
  }
  return { files, newConfigs };
}

function dedupeConfigs(configs: ConfigIn[]): ConfigIn[] {
  const seen = new Map<string, ConfigIn>();
  for (const c of configs) seen.set(`${c.value.id}\u0000${c.sha}`, c);
  return [...seen.values()];
}

function ownedStream(kind: Kind): StreamModule {
  return {
    name: kind.name,
    label: kind.label,
    async run(ctx) {
      const listingStartedAt = await beginListing(ctx);
      for await (const page of kind.list(ctx.client)) {
        await ctx.checkCancelled();
        const valid: { raw: Json; value: Gpt }[] = [];
        for (const item of page.items) {
          ctx.counts.listed += 1;
          if (item.ok) valid.push({ raw: item.raw as Json, value: item.value });
          else await ctx.quarantine({ objectType: kind.objectType, raw: item.raw, error: item.error });
        }
        await touchQuarantined(ctx, kind.table, page.items);
        if (!valid.length) continue;
        const planned = await plan(kind, ctx, valid);
        const { files, newConfigs } = await inTransaction((tx) => write(kind, ctx, tx, planned));
        for (const p of planned) {
          if (p.isNew) ctx.counts.created += 1;
          else if (p.metaChanged || p.configs.length > 1) ctx.counts.changed += 1;
          else ctx.counts.unchanged += 1;
        }
        const outcome = await ctx.files.fetchPending(files);
        ctx.counts.files += outcome.stored;
        await ctx.progress(`${ctx.counts.listed} ${kind.label} listed, ${newConfigs} new configurations in this page`, ctx.counts.listed);
      }
      ctx.counts.files += (await ctx.files.fetchOutstanding(kind.fileKind)).stored;
      ctx.counts.deleted += await finishListing(ctx, kind.table, listingStartedAt);
    },
  };
}

export const gptsStream = ownedStream(GPT);
export const projectsStream = ownedStream(PROJECT);
