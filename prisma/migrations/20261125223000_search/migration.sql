-- Search: the PostgreSQL engine's document table (tsvector + GIN, pg_trgm for names, emails and titles),
-- the `custodian` text search configuration (English stemming, accents folded) and reindex runs.

-- CreateExtension
CREATE EXTENSION IF NOT EXISTS pg_trgm;

-- CreateExtension
CREATE EXTENSION IF NOT EXISTS unaccent;

-- CreateTable
CREATE TABLE "SearchDocument" (
    "id" TEXT NOT NULL,
    "type" TEXT NOT NULL,
    "itemType" "ItemType" NOT NULL,
    "itemId" TEXT NOT NULL,
    "sourceId" TEXT NOT NULL,
    "title" TEXT,
    "body" TEXT NOT NULL,
    "conversationId" TEXT,
    "messageId" TEXT,
    "userId" TEXT,
    "userName" TEXT,
    "userEmail" TEXT,
    "userKeys" TEXT[],
    "role" TEXT,
    "toolName" TEXT,
    "gptId" TEXT,
    "gptName" TEXT,
    "gptKeys" TEXT[],
    "projectId" TEXT,
    "projectName" TEXT,
    "projectKeys" TEXT[],
    "time" TIMESTAMPTZ(3),
    "hasFile" BOOLEAN NOT NULL DEFAULT false,
    "onActiveBranch" BOOLEAN NOT NULL DEFAULT true,
    "deletedAtSource" BOOLEAN NOT NULL DEFAULT false,
    "tags" TEXT[],
    "flagged" BOOLEAN NOT NULL DEFAULT false,
    "held" BOOLEAN NOT NULL DEFAULT false,
    "status" TEXT NOT NULL DEFAULT 'unreviewed',
    "version" INTEGER NOT NULL DEFAULT 1,
    "searchVector" tsvector NOT NULL,
    "indexedAt" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

CONSTRAINT "SearchDocument_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "SearchReindexRun" (
    "id" TEXT NOT NULL,
    "engine" TEXT NOT NULL,
    "status" "RunStatus" NOT NULL DEFAULT 'QUEUED',
    "requestedById" TEXT,
    "total" INTEGER NOT NULL DEFAULT 0,
    "done" INTEGER NOT NULL DEFAULT 0,
    "removed" INTEGER NOT NULL DEFAULT 0,
    "error" TEXT,
    "createdAt" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "startedAt" TIMESTAMPTZ(3),
    "finishedAt" TIMESTAMPTZ(3),

CONSTRAINT "SearchReindexRun_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE INDEX "SearchDocument_itemType_itemId_idx" ON "SearchDocument"("itemType", "itemId");

-- CreateIndex
CREATE INDEX "SearchDocument_conversationId_idx" ON "SearchDocument"("conversationId");

-- CreateIndex
CREATE INDEX "SearchDocument_indexedAt_idx" ON "SearchDocument"("indexedAt");

-- CreateIndex
CREATE INDEX "SearchReindexRun_createdAt_idx" ON "SearchReindexRun"("createdAt" DESC);

-- CustomSql (/// sql: at schema.prisma line 1019)
CREATE TEXT SEARCH CONFIGURATION custodian (COPY = english);

-- CustomSql (/// sql: at schema.prisma line 1020)
ALTER TEXT SEARCH CONFIGURATION custodian ALTER MAPPING FOR hword, hword_part, word WITH unaccent, english_stem;

-- CustomSql (/// sql: at schema.prisma line 1021)
CREATE INDEX "SearchDocument_searchVector_idx" ON "SearchDocument" USING GIN ("searchVector");

-- CustomSql (/// sql: at schema.prisma line 1022)
CREATE INDEX "SearchDocument_userKeys_idx" ON "SearchDocument" USING GIN ("userKeys");

-- CustomSql (/// sql: at schema.prisma line 1023)
CREATE INDEX "SearchDocument_gptKeys_idx" ON "SearchDocument" USING GIN ("gptKeys");

-- CustomSql (/// sql: at schema.prisma line 1024)
CREATE INDEX "SearchDocument_projectKeys_idx" ON "SearchDocument" USING GIN ("projectKeys");

-- CustomSql (/// sql: at schema.prisma line 1025)
CREATE INDEX "SearchDocument_tags_idx" ON "SearchDocument" USING GIN (tags);

-- CustomSql (/// sql: at schema.prisma line 1026)
CREATE INDEX "SearchDocument_userName_trgm_idx" ON "SearchDocument" USING GIN ("userName" gin_trgm_ops);

-- CustomSql (/// sql: at schema.prisma line 1027)
CREATE INDEX "SearchDocument_userEmail_trgm_idx" ON "SearchDocument" USING GIN ("userEmail" gin_trgm_ops);

-- CustomSql (/// sql: at schema.prisma line 1028)
CREATE TEXT SEARCH CONFIGURATION custodian_prefix (COPY = simple);

-- CustomSql (/// sql: at schema.prisma line 1029)
ALTER TEXT SEARCH CONFIGURATION custodian_prefix ALTER MAPPING FOR hword, hword_part, word WITH unaccent, simple;

-- CustomSql (/// sql: at schema.prisma line 1030)
CREATE INDEX "SearchDocument_newest_idx" ON "SearchDocument" ((coalesce("time", '-infinity'::timestamptz)) DESC, id DESC);

-- CustomSql (/// sql: at schema.prisma line 1031)
CREATE INDEX "SearchDocument_oldest_idx" ON "SearchDocument" ((coalesce("time", 'infinity'::timestamptz)), id);
