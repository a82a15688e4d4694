-- CreateEnum
CREATE TYPE "Role" AS ENUM ('ADMIN', 'OFFICER', 'REVIEWER', 'AUDITOR');

-- CreateEnum
CREATE TYPE "AuditOutcome" AS ENUM ('SUCCESS', 'FAILURE', 'DENIED');

-- CreateEnum
CREATE TYPE "SourceType" AS ENUM ('OPENAI_CHATGPT');

-- CreateEnum
CREATE TYPE "AuthorizationStatus" AS ENUM ('UNTESTED', 'VALID', 'INVALID', 'REVOKED');

-- CreateEnum
CREATE TYPE "SyncTrigger" AS ENUM ('SCHEDULE', 'CRON', 'MANUAL', 'DEMO');

-- CreateEnum
CREATE TYPE "RunStatus" AS ENUM ('QUEUED', 'RUNNING', 'SUCCEEDED', 'PARTIAL', 'FAILED', 'CANCELLED');

-- CreateEnum
CREATE TYPE "CaptureErrorKind" AS ENUM ('QUARANTINED', 'FETCH_FAILED', 'FILE_EXPIRED', 'FILE_FAILED');

-- CreateEnum
CREATE TYPE "FileKind" AS ENUM ('CONVERSATION', 'GPT', 'PROJECT');

-- CreateEnum
CREATE TYPE "FileStatus" AS ENUM ('PENDING', 'STORED', 'EXPIRED', 'FAILED');

-- CreateEnum
CREATE TYPE "MemoryChange" AS ENUM ('ADDED', 'CHANGED', 'DELETED');

-- CreateEnum
CREATE TYPE "ItemType" AS ENUM ('CONVERSATION', 'MESSAGE', 'GPT', 'GPT_CONFIG', 'PROJECT', 'PROJECT_CONFIG', 'MEMORY', 'FILE');

-- CreateEnum
CREATE TYPE "ReviewState" AS ENUM ('UNREVIEWED', 'IN_REVIEW', 'REVIEWED', 'ESCALATED');

-- CreateEnum
CREATE TYPE "HoldStatus" AS ENUM ('DRAFT', 'ACTIVE', 'RELEASED');

-- CreateEnum
CREATE TYPE "HeldBy" AS ENUM ('SCOPE', 'EXPLICIT');

-- CreateEnum
CREATE TYPE "RetentionDateBasis" AS ENUM ('CAPTURED', 'SOURCE_CREATED');

-- CreateEnum
CREATE TYPE "DispositionTrigger" AS ENUM ('SCHEDULE', 'MANUAL');

-- CreateEnum
CREATE TYPE "ExportKind" AS ENUM ('SEARCH', 'HOLD', 'SELECTION');

-- CreateEnum
CREATE TYPE "OutboxOp" AS ENUM ('UPSERT', 'DELETE');

-- CreateTable
CREATE TABLE "User" (
    "id" TEXT NOT NULL,
    "email" TEXT NOT NULL,
    "name" TEXT NOT NULL,
    "role" "Role" NOT NULL DEFAULT 'REVIEWER',
    "passwordHash" TEXT,
    "passwordChangedAt" TIMESTAMPTZ(3),
    "oidcSubject" TEXT,
    "disabledAt" TIMESTAMPTZ(3),
    "lastLoginAt" TIMESTAMPTZ(3),
    "createdAt" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" TIMESTAMPTZ(3) NOT NULL,
    "createdById" TEXT,

    CONSTRAINT "User_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "AuditEvent" (
    "id" TEXT NOT NULL,
    "seq" BIGINT NOT NULL,
    "at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "actorId" TEXT,
    "actorEmail" TEXT,
    "actorRole" "Role",
    "action" TEXT NOT NULL,
    "targetType" TEXT,
    "targetId" TEXT,
    "outcome" "AuditOutcome" NOT NULL DEFAULT 'SUCCESS',
    "ip" TEXT,
    "userAgent" TEXT,
    "requestId" TEXT,
    "details" JSONB,
    "prevHash" TEXT NOT NULL,
    "hash" TEXT NOT NULL,

    CONSTRAINT "AuditEvent_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "Source" (
    "id" TEXT NOT NULL,
    "name" TEXT NOT NULL,
    "type" "SourceType" NOT NULL DEFAULT 'OPENAI_CHATGPT',
    "description" TEXT,
    "workspaceId" TEXT NOT NULL,
    "apiBaseUrl" TEXT NOT NULL DEFAULT 'https://api.chatgpt.com/v1',
    "captureEnabled" BOOLEAN NOT NULL DEFAULT true,
    "listRateLimit" INTEGER,
    "objectRateLimit" INTEGER,
    "isDemo" BOOLEAN NOT NULL DEFAULT false,
    "lastSyncAt" TIMESTAMPTZ(3),
    "lastSuccessfulSyncAt" TIMESTAMPTZ(3),
    "createdById" TEXT,
    "createdAt" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" TIMESTAMPTZ(3) NOT NULL,

    CONSTRAINT "Source_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "SourceAuthorization" (
    "id" TEXT NOT NULL,
    "sourceId" TEXT NOT NULL,
    "encryptedSecret" TEXT,
    "keyId" TEXT,
    "last4" TEXT NOT NULL,
    "status" "AuthorizationStatus" NOT NULL DEFAULT 'UNTESTED',
    "lastTestedAt" TIMESTAMPTZ(3),
    "lastTestMessage" TEXT,
    "createdById" TEXT,
    "createdAt" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "revokedAt" TIMESTAMPTZ(3),
    "revokedById" TEXT,

    CONSTRAINT "SourceAuthorization_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "SyncRun" (
    "id" TEXT NOT NULL,
    "sourceId" TEXT NOT NULL,
    "trigger" "SyncTrigger" NOT NULL,
    "status" "RunStatus" NOT NULL DEFAULT 'QUEUED',
    "requestedById" TEXT,
    "jobId" TEXT,
    "queuedAt" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "startedAt" TIMESTAMPTZ(3),
    "finishedAt" TIMESTAMPTZ(3),
    "heartbeatAt" TIMESTAMPTZ(3),
    "requestCount" INTEGER NOT NULL DEFAULT 0,
    "progress" JSONB,
    "error" TEXT,

    CONSTRAINT "SyncRun_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "SyncRunStream" (
    "runId" TEXT NOT NULL,
    "stream" TEXT NOT NULL,
    "status" "RunStatus" NOT NULL DEFAULT 'RUNNING',
    "listed" INTEGER NOT NULL DEFAULT 0,
    "created" INTEGER NOT NULL DEFAULT 0,
    "changed" INTEGER NOT NULL DEFAULT 0,
    "unchanged" INTEGER NOT NULL DEFAULT 0,
    "deleted" INTEGER NOT NULL DEFAULT 0,
    "quarantined" INTEGER NOT NULL DEFAULT 0,
    "files" INTEGER NOT NULL DEFAULT 0,
    "errors" INTEGER NOT NULL DEFAULT 0,
    "startedAt" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "finishedAt" TIMESTAMPTZ(3),

    CONSTRAINT "SyncRunStream_pkey" PRIMARY KEY ("runId","stream")
);

-- CreateTable
CREATE TABLE "SyncCheckpoint" (
    "sourceId" TEXT NOT NULL,
    "stream" TEXT NOT NULL,
    "watermark" TIMESTAMPTZ(3),
    "cursor" TEXT,
    "state" JSONB,
    "updatedAt" TIMESTAMPTZ(3) NOT NULL,

    CONSTRAINT "SyncCheckpoint_pkey" PRIMARY KEY ("sourceId","stream")
);

-- CreateTable
CREATE TABLE "CaptureError" (
    "id" TEXT NOT NULL,
    "sourceId" TEXT NOT NULL,
    "runId" TEXT,
    "stream" TEXT NOT NULL,
    "kind" "CaptureErrorKind" NOT NULL,
    "objectType" TEXT,
    "objectId" TEXT,
    "message" TEXT NOT NULL,
    "rawPayload" TEXT,
    "createdAt" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "resolvedAt" TIMESTAMPTZ(3),

    CONSTRAINT "CaptureError_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "WorkspaceUser" (
    "id" TEXT NOT NULL,
    "sourceId" TEXT NOT NULL,
    "email" TEXT NOT NULL,
    "name" TEXT,
    "role" TEXT,
    "status" TEXT,
    "createdAtSource" TIMESTAMPTZ(3),
    "rawJson" JSONB NOT NULL,
    "sha256" TEXT NOT NULL,
    "firstSeenAt" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "lastSeenAt" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "deletedAtSource" TIMESTAMPTZ(3),

    CONSTRAINT "WorkspaceUser_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "Conversation" (
    "id" TEXT NOT NULL,
    "sourceId" TEXT NOT NULL,
    "userId" TEXT NOT NULL,
    "userEmail" TEXT,
    "title" TEXT,
    "createdAtSource" TIMESTAMPTZ(3),
    "lastActiveAt" TIMESTAMPTZ(3),
    "messageCount" INTEGER NOT NULL DEFAULT 0,
    "activeLeafId" TEXT,
    "currentVersion" INTEGER NOT NULL DEFAULT 1,
    "rawJson" JSONB NOT NULL,
    "sha256" TEXT NOT NULL,
    "firstSeenAt" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "lastSeenAt" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "deletedAtSource" TIMESTAMPTZ(3),

    CONSTRAINT "Conversation_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "ConversationVersion" (
    "id" TEXT NOT NULL,
    "conversationId" TEXT NOT NULL,
    "version" INTEGER NOT NULL,
    "title" TEXT,
    "messageCount" INTEGER NOT NULL,
    "sha256" TEXT NOT NULL,
    "rawJson" JSONB NOT NULL,
    "syncRunId" TEXT,
    "capturedAt" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "ConversationVersion_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "Message" (
    "id" TEXT NOT NULL,
    "conversationId" TEXT NOT NULL,
    "sourceId" TEXT NOT NULL,
    "parentId" TEXT,
    "authorRole" TEXT NOT NULL,
    "toolName" TEXT,
    "contentType" TEXT,
    "text" TEXT,
    "annotations" JSONB,
    "gptId" TEXT,
    "projectId" TEXT,
    "createdAtSource" TIMESTAMPTZ(3),
    "depth" INTEGER NOT NULL DEFAULT 0,
    "isActiveBranch" BOOLEAN NOT NULL DEFAULT false,
    "hasFiles" BOOLEAN NOT NULL DEFAULT false,
    "version" INTEGER NOT NULL DEFAULT 1,
    "rawJson" JSONB NOT NULL,
    "sha256" TEXT NOT NULL,
    "firstSeenAt" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "lastSeenAt" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "deletedAtSource" TIMESTAMPTZ(3),

    CONSTRAINT "Message_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "MessageVersion" (
    "id" TEXT NOT NULL,
    "messageId" TEXT NOT NULL,
    "version" INTEGER NOT NULL,
    "text" TEXT,
    "rawJson" JSONB NOT NULL,
    "sha256" TEXT NOT NULL,
    "capturedAt" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "MessageVersion_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "StoredFile" (
    "sha256" TEXT NOT NULL,
    "size" BIGINT NOT NULL,
    "contentType" TEXT,
    "storageKey" TEXT NOT NULL,
    "createdAt" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "StoredFile_pkey" PRIMARY KEY ("sha256")
);

-- CreateTable
CREATE TABLE "SourceFile" (
    "id" TEXT NOT NULL,
    "sourceId" TEXT NOT NULL,
    "kind" "FileKind" NOT NULL,
    "name" TEXT,
    "userId" TEXT,
    "conversationId" TEXT,
    "status" "FileStatus" NOT NULL DEFAULT 'PENDING',
    "blobSha256" TEXT,
    "createdAtSource" TIMESTAMPTZ(3),
    "downloadedAt" TIMESTAMPTZ(3),
    "lastError" TEXT,
    "rawJson" JSONB NOT NULL,
    "sha256" TEXT NOT NULL,
    "firstSeenAt" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "lastSeenAt" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "deletedAtSource" TIMESTAMPTZ(3),

    CONSTRAINT "SourceFile_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "MessageFile" (
    "messageId" TEXT NOT NULL,
    "fileId" TEXT NOT NULL,

    CONSTRAINT "MessageFile_pkey" PRIMARY KEY ("messageId","fileId")
);

-- CreateTable
CREATE TABLE "Gpt" (
    "id" TEXT NOT NULL,
    "sourceId" TEXT NOT NULL,
    "ownerId" TEXT,
    "ownerEmail" TEXT,
    "builderName" TEXT,
    "name" TEXT,
    "visibility" TEXT,
    "createdAtSource" TIMESTAMPTZ(3),
    "currentVersion" INTEGER NOT NULL DEFAULT 1,
    "rawJson" JSONB NOT NULL,
    "sha256" TEXT NOT NULL,
    "firstSeenAt" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "lastSeenAt" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "deletedAtSource" TIMESTAMPTZ(3),

    CONSTRAINT "Gpt_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "GptVersion" (
    "id" TEXT NOT NULL,
    "gptId" TEXT NOT NULL,
    "version" INTEGER NOT NULL,
    "visibility" TEXT,
    "sharing" JSONB,
    "rawJson" JSONB NOT NULL,
    "sha256" TEXT NOT NULL,
    "capturedAt" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "GptVersion_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "GptConfigVersion" (
    "id" TEXT NOT NULL,
    "gptId" TEXT NOT NULL,
    "configId" TEXT NOT NULL,
    "name" TEXT,
    "description" TEXT,
    "instructions" TEXT,
    "categories" TEXT[],
    "conversationStarters" TEXT[],
    "tools" JSONB,
    "versionAuthorId" TEXT,
    "versionAuthorEmail" TEXT,
    "createdAtSource" TIMESTAMPTZ(3),
    "rawJson" JSONB NOT NULL,
    "sha256" TEXT NOT NULL,
    "firstSeenAt" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "lastSeenAt" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "deletedAtSource" TIMESTAMPTZ(3),

    CONSTRAINT "GptConfigVersion_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "GptConfigFile" (
    "configVersionId" TEXT NOT NULL,
    "fileId" TEXT NOT NULL,

    CONSTRAINT "GptConfigFile_pkey" PRIMARY KEY ("configVersionId","fileId")
);

-- CreateTable
CREATE TABLE "GptSharedUser" (
    "gptId" TEXT NOT NULL,
    "userId" TEXT NOT NULL,
    "email" TEXT,
    "permissions" JSONB,
    "rawJson" JSONB NOT NULL,
    "sha256" TEXT NOT NULL,
    "firstSeenAt" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "lastSeenAt" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "deletedAtSource" TIMESTAMPTZ(3),

    CONSTRAINT "GptSharedUser_pkey" PRIMARY KEY ("gptId","userId")
);

-- CreateTable
CREATE TABLE "Project" (
    "id" TEXT NOT NULL,
    "sourceId" TEXT NOT NULL,
    "ownerId" TEXT,
    "ownerEmail" TEXT,
    "builderName" TEXT,
    "name" TEXT,
    "visibility" TEXT,
    "createdAtSource" TIMESTAMPTZ(3),
    "currentVersion" INTEGER NOT NULL DEFAULT 1,
    "rawJson" JSONB NOT NULL,
    "sha256" TEXT NOT NULL,
    "firstSeenAt" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "lastSeenAt" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "deletedAtSource" TIMESTAMPTZ(3),

    CONSTRAINT "Project_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "ProjectVersion" (
    "id" TEXT NOT NULL,
    "projectId" TEXT NOT NULL,
    "version" INTEGER NOT NULL,
    "visibility" TEXT,
    "sharing" JSONB,
    "rawJson" JSONB NOT NULL,
    "sha256" TEXT NOT NULL,
    "capturedAt" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "ProjectVersion_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "ProjectConfigVersion" (
    "id" TEXT NOT NULL,
    "projectId" TEXT NOT NULL,
    "configId" TEXT NOT NULL,
    "name" TEXT,
    "description" TEXT,
    "instructions" TEXT,
    "categories" TEXT[],
    "conversationStarters" TEXT[],
    "tools" JSONB,
    "createdAtSource" TIMESTAMPTZ(3),
    "rawJson" JSONB NOT NULL,
    "sha256" TEXT NOT NULL,
    "firstSeenAt" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "lastSeenAt" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "deletedAtSource" TIMESTAMPTZ(3),

    CONSTRAINT "ProjectConfigVersion_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "ProjectConfigFile" (
    "configVersionId" TEXT NOT NULL,
    "fileId" TEXT NOT NULL,

    CONSTRAINT "ProjectConfigFile_pkey" PRIMARY KEY ("configVersionId","fileId")
);

-- CreateTable
CREATE TABLE "ProjectSharedUser" (
    "projectId" TEXT NOT NULL,
    "userId" TEXT NOT NULL,
    "email" TEXT,
    "permissions" JSONB,
    "rawJson" JSONB NOT NULL,
    "sha256" TEXT NOT NULL,
    "firstSeenAt" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "lastSeenAt" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "deletedAtSource" TIMESTAMPTZ(3),

    CONSTRAINT "ProjectSharedUser_pkey" PRIMARY KEY ("projectId","userId")
);

-- CreateTable
CREATE TABLE "Memory" (
    "id" TEXT NOT NULL,
    "sourceId" TEXT NOT NULL,
    "userId" TEXT NOT NULL,
    "contextId" TEXT NOT NULL,
    "entryId" TEXT NOT NULL,
    "content" TEXT,
    "updatedAtSource" TIMESTAMPTZ(3),
    "currentVersion" INTEGER NOT NULL DEFAULT 1,
    "rawJson" JSONB NOT NULL,
    "sha256" TEXT NOT NULL,
    "firstSeenAt" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "lastSeenAt" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "deletedAtSource" TIMESTAMPTZ(3),

    CONSTRAINT "Memory_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "MemoryVersion" (
    "id" TEXT NOT NULL,
    "memoryId" TEXT NOT NULL,
    "version" INTEGER NOT NULL,
    "change" "MemoryChange" NOT NULL,
    "content" TEXT,
    "updatedAtSource" TIMESTAMPTZ(3),
    "rawJson" JSONB NOT NULL,
    "sha256" TEXT NOT NULL,
    "capturedAt" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "MemoryVersion_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "Tag" (
    "id" TEXT NOT NULL,
    "name" TEXT NOT NULL,
    "color" TEXT NOT NULL DEFAULT '#64748b',
    "description" TEXT,
    "createdAt" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "Tag_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "ItemTag" (
    "id" TEXT NOT NULL,
    "tagId" TEXT NOT NULL,
    "itemType" "ItemType" NOT NULL,
    "itemId" TEXT NOT NULL,
    "createdById" TEXT NOT NULL,
    "createdAt" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "ItemTag_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "Flag" (
    "id" TEXT NOT NULL,
    "itemType" "ItemType" NOT NULL,
    "itemId" TEXT NOT NULL,
    "reason" TEXT NOT NULL,
    "createdById" TEXT NOT NULL,
    "createdAt" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "resolvedAt" TIMESTAMPTZ(3),
    "resolvedById" TEXT,

    CONSTRAINT "Flag_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "Comment" (
    "id" TEXT NOT NULL,
    "itemType" "ItemType" NOT NULL,
    "itemId" TEXT NOT NULL,
    "parentId" TEXT,
    "authorId" TEXT NOT NULL,
    "body" TEXT NOT NULL,
    "createdAt" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "editedAt" TIMESTAMPTZ(3),

    CONSTRAINT "Comment_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "CommentRevision" (
    "id" TEXT NOT NULL,
    "commentId" TEXT NOT NULL,
    "body" TEXT NOT NULL,
    "createdAt" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "CommentRevision_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "ReviewStatus" (
    "itemType" "ItemType" NOT NULL,
    "itemId" TEXT NOT NULL,
    "status" "ReviewState" NOT NULL DEFAULT 'UNREVIEWED',
    "assigneeId" TEXT,
    "updatedById" TEXT,
    "updatedAt" TIMESTAMPTZ(3) NOT NULL,

    CONSTRAINT "ReviewStatus_pkey" PRIMARY KEY ("itemType","itemId")
);

-- CreateTable
CREATE TABLE "SavedSearch" (
    "id" TEXT NOT NULL,
    "name" TEXT NOT NULL,
    "query" TEXT NOT NULL,
    "filters" JSONB,
    "ownerId" TEXT NOT NULL,
    "shared" BOOLEAN NOT NULL DEFAULT false,
    "lastRunAt" TIMESTAMPTZ(3),
    "createdAt" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" TIMESTAMPTZ(3) NOT NULL,

    CONSTRAINT "SavedSearch_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "LegalHold" (
    "id" TEXT NOT NULL,
    "name" TEXT NOT NULL,
    "matter" TEXT,
    "description" TEXT,
    "status" "HoldStatus" NOT NULL DEFAULT 'DRAFT',
    "scope" JSONB NOT NULL,
    "scopeVersion" INTEGER NOT NULL DEFAULT 1,
    "createdById" TEXT NOT NULL,
    "createdAt" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" TIMESTAMPTZ(3) NOT NULL,
    "activatedAt" TIMESTAMPTZ(3),
    "activatedById" TEXT,
    "releasedAt" TIMESTAMPTZ(3),
    "releasedById" TEXT,
    "releaseReason" TEXT,

    CONSTRAINT "LegalHold_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "LegalHoldScopeVersion" (
    "id" TEXT NOT NULL,
    "holdId" TEXT NOT NULL,
    "version" INTEGER NOT NULL,
    "scope" JSONB NOT NULL,
    "createdById" TEXT NOT NULL,
    "createdAt" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "LegalHoldScopeVersion_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "HeldItem" (
    "holdId" TEXT NOT NULL,
    "itemType" "ItemType" NOT NULL,
    "itemId" TEXT NOT NULL,
    "heldBy" "HeldBy" NOT NULL DEFAULT 'SCOPE',
    "addedAt" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "HeldItem_pkey" PRIMARY KEY ("holdId","itemType","itemId")
);

-- CreateTable
CREATE TABLE "RetentionPolicy" (
    "id" TEXT NOT NULL,
    "name" TEXT NOT NULL,
    "description" TEXT,
    "itemTypes" "ItemType"[],
    "sourceId" TEXT,
    "custodianIds" TEXT[],
    "periodDays" INTEGER NOT NULL,
    "dateBasis" "RetentionDateBasis" NOT NULL DEFAULT 'CAPTURED',
    "versionsKept" INTEGER,
    "enabled" BOOLEAN NOT NULL DEFAULT false,
    "version" INTEGER NOT NULL DEFAULT 1,
    "createdById" TEXT NOT NULL,
    "createdAt" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" TIMESTAMPTZ(3) NOT NULL,

    CONSTRAINT "RetentionPolicy_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "RetentionPolicyVersion" (
    "id" TEXT NOT NULL,
    "policyId" TEXT NOT NULL,
    "version" INTEGER NOT NULL,
    "definition" JSONB NOT NULL,
    "createdById" TEXT NOT NULL,
    "createdAt" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "RetentionPolicyVersion_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "DispositionRun" (
    "id" TEXT NOT NULL,
    "trigger" "DispositionTrigger" NOT NULL,
    "status" "RunStatus" NOT NULL DEFAULT 'QUEUED',
    "requestedById" TEXT,
    "queuedAt" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "startedAt" TIMESTAMPTZ(3),
    "finishedAt" TIMESTAMPTZ(3),
    "policyVersions" JSONB,
    "cursor" JSONB,
    "progress" JSONB,
    "disposedCount" INTEGER NOT NULL DEFAULT 0,
    "heldSkippedCount" INTEGER NOT NULL DEFAULT 0,
    "blobsDeleted" INTEGER NOT NULL DEFAULT 0,
    "tombstoneDigest" TEXT,
    "certificate" JSONB,
    "certificateSha256" TEXT,
    "error" TEXT,

    CONSTRAINT "DispositionRun_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "DispositionRecord" (
    "id" TEXT NOT NULL,
    "runId" TEXT NOT NULL,
    "itemType" "ItemType" NOT NULL,
    "itemId" TEXT NOT NULL,
    "sha256" TEXT NOT NULL,
    "policyId" TEXT NOT NULL,
    "policyVersion" INTEGER NOT NULL,
    "disposedAt" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "disposedBy" TEXT NOT NULL,

    CONSTRAINT "DispositionRecord_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "ExportJob" (
    "id" TEXT NOT NULL,
    "name" TEXT NOT NULL,
    "kind" "ExportKind" NOT NULL,
    "params" JSONB NOT NULL,
    "status" "RunStatus" NOT NULL DEFAULT 'QUEUED',
    "progress" JSONB,
    "createdById" TEXT NOT NULL,
    "createdAt" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "startedAt" TIMESTAMPTZ(3),
    "finishedAt" TIMESTAMPTZ(3),
    "expiresAt" TIMESTAMPTZ(3),
    "itemCount" INTEGER,
    "storageKey" TEXT,
    "sizeBytes" BIGINT,
    "sha256" TEXT,
    "error" TEXT,

    CONSTRAINT "ExportJob_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "IndexOutbox" (
    "id" BIGSERIAL NOT NULL,
    "itemType" "ItemType" NOT NULL,
    "itemId" TEXT NOT NULL,
    "op" "OutboxOp" NOT NULL DEFAULT 'UPSERT',
    "enqueuedAt" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "availableAt" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "attempts" INTEGER NOT NULL DEFAULT 0,
    "lastError" TEXT,
    "processedAt" TIMESTAMPTZ(3),

    CONSTRAINT "IndexOutbox_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE UNIQUE INDEX "User_email_key" ON "User"("email");

-- CreateIndex
CREATE UNIQUE INDEX "User_oidcSubject_key" ON "User"("oidcSubject");

-- CreateIndex
CREATE UNIQUE INDEX "AuditEvent_seq_key" ON "AuditEvent"("seq");

-- CreateIndex
CREATE UNIQUE INDEX "AuditEvent_hash_key" ON "AuditEvent"("hash");

-- CreateIndex
CREATE INDEX "AuditEvent_action_at_idx" ON "AuditEvent"("action", "at");

-- CreateIndex
CREATE INDEX "AuditEvent_actorEmail_action_at_idx" ON "AuditEvent"("actorEmail", "action", "at");

-- CreateIndex
CREATE INDEX "AuditEvent_ip_action_at_idx" ON "AuditEvent"("ip", "action", "at");

-- CreateIndex
CREATE INDEX "AuditEvent_targetType_targetId_idx" ON "AuditEvent"("targetType", "targetId");

-- CreateIndex
CREATE INDEX "AuditEvent_at_idx" ON "AuditEvent"("at");

-- CreateIndex
CREATE UNIQUE INDEX "Source_workspaceId_apiBaseUrl_key" ON "Source"("workspaceId", "apiBaseUrl");

-- CreateIndex
CREATE INDEX "SourceAuthorization_sourceId_revokedAt_idx" ON "SourceAuthorization"("sourceId", "revokedAt");

-- CreateIndex
CREATE INDEX "SyncRun_sourceId_queuedAt_idx" ON "SyncRun"("sourceId", "queuedAt" DESC);

-- CreateIndex
CREATE INDEX "SyncRun_status_idx" ON "SyncRun"("status");

-- CreateIndex
CREATE INDEX "CaptureError_sourceId_createdAt_idx" ON "CaptureError"("sourceId", "createdAt" DESC);

-- CreateIndex
CREATE INDEX "CaptureError_runId_idx" ON "CaptureError"("runId");

-- CreateIndex
CREATE INDEX "CaptureError_objectType_objectId_idx" ON "CaptureError"("objectType", "objectId");

-- CreateIndex
CREATE INDEX "WorkspaceUser_sourceId_idx" ON "WorkspaceUser"("sourceId");

-- CreateIndex
CREATE INDEX "WorkspaceUser_email_idx" ON "WorkspaceUser"("email");

-- CreateIndex
CREATE INDEX "Conversation_userId_lastActiveAt_idx" ON "Conversation"("userId", "lastActiveAt" DESC);

-- CreateIndex
CREATE INDEX "Conversation_sourceId_lastActiveAt_idx" ON "Conversation"("sourceId", "lastActiveAt" DESC);

-- CreateIndex
CREATE INDEX "Conversation_lastActiveAt_idx" ON "Conversation"("lastActiveAt" DESC);

-- CreateIndex
CREATE INDEX "Conversation_createdAtSource_idx" ON "Conversation"("createdAtSource");

-- CreateIndex
CREATE UNIQUE INDEX "ConversationVersion_conversationId_version_key" ON "ConversationVersion"("conversationId", "version");

-- CreateIndex
CREATE INDEX "Message_conversationId_createdAtSource_idx" ON "Message"("conversationId", "createdAtSource");

-- CreateIndex
CREATE INDEX "Message_conversationId_parentId_idx" ON "Message"("conversationId", "parentId");

-- CreateIndex
CREATE INDEX "Message_createdAtSource_idx" ON "Message"("createdAtSource");

-- CreateIndex
CREATE INDEX "Message_gptId_idx" ON "Message"("gptId");

-- CreateIndex
CREATE INDEX "Message_projectId_idx" ON "Message"("projectId");

-- CreateIndex
CREATE UNIQUE INDEX "MessageVersion_messageId_version_key" ON "MessageVersion"("messageId", "version");

-- CreateIndex
CREATE INDEX "SourceFile_blobSha256_idx" ON "SourceFile"("blobSha256");

-- CreateIndex
CREATE INDEX "SourceFile_status_idx" ON "SourceFile"("status");

-- CreateIndex
CREATE INDEX "SourceFile_userId_idx" ON "SourceFile"("userId");

-- CreateIndex
CREATE INDEX "MessageFile_fileId_idx" ON "MessageFile"("fileId");

-- CreateIndex
CREATE INDEX "Gpt_ownerId_idx" ON "Gpt"("ownerId");

-- CreateIndex
CREATE INDEX "Gpt_sourceId_idx" ON "Gpt"("sourceId");

-- CreateIndex
CREATE UNIQUE INDEX "GptVersion_gptId_version_key" ON "GptVersion"("gptId", "version");

-- CreateIndex
CREATE INDEX "GptConfigVersion_gptId_createdAtSource_idx" ON "GptConfigVersion"("gptId", "createdAtSource" DESC);

-- CreateIndex
CREATE UNIQUE INDEX "GptConfigVersion_configId_sha256_key" ON "GptConfigVersion"("configId", "sha256");

-- CreateIndex
CREATE INDEX "GptConfigFile_fileId_idx" ON "GptConfigFile"("fileId");

-- CreateIndex
CREATE INDEX "GptSharedUser_userId_idx" ON "GptSharedUser"("userId");

-- CreateIndex
CREATE INDEX "Project_ownerId_idx" ON "Project"("ownerId");

-- CreateIndex
CREATE INDEX "Project_sourceId_idx" ON "Project"("sourceId");

-- CreateIndex
CREATE UNIQUE INDEX "ProjectVersion_projectId_version_key" ON "ProjectVersion"("projectId", "version");

-- CreateIndex
CREATE INDEX "ProjectConfigVersion_projectId_createdAtSource_idx" ON "ProjectConfigVersion"("projectId", "createdAtSource" DESC);

-- CreateIndex
CREATE UNIQUE INDEX "ProjectConfigVersion_configId_sha256_key" ON "ProjectConfigVersion"("configId", "sha256");

-- CreateIndex
CREATE INDEX "ProjectConfigFile_fileId_idx" ON "ProjectConfigFile"("fileId");

-- CreateIndex
CREATE INDEX "ProjectSharedUser_userId_idx" ON "ProjectSharedUser"("userId");

-- CreateIndex
CREATE INDEX "Memory_userId_updatedAtSource_idx" ON "Memory"("userId", "updatedAtSource");

-- CreateIndex
CREATE UNIQUE INDEX "Memory_sourceId_userId_contextId_entryId_key" ON "Memory"("sourceId", "userId", "contextId", "entryId");

-- CreateIndex
CREATE INDEX "MemoryVersion_capturedAt_idx" ON "MemoryVersion"("capturedAt");

-- CreateIndex
CREATE UNIQUE INDEX "MemoryVersion_memoryId_version_key" ON "MemoryVersion"("memoryId", "version");

-- CreateIndex
CREATE UNIQUE INDEX "Tag_name_key" ON "Tag"("name");

-- CreateIndex
CREATE INDEX "ItemTag_itemType_itemId_idx" ON "ItemTag"("itemType", "itemId");

-- CreateIndex
CREATE UNIQUE INDEX "ItemTag_tagId_itemType_itemId_key" ON "ItemTag"("tagId", "itemType", "itemId");

-- CreateIndex
CREATE INDEX "Flag_itemType_itemId_idx" ON "Flag"("itemType", "itemId");

-- CreateIndex
CREATE INDEX "Flag_createdAt_idx" ON "Flag"("createdAt");

-- CreateIndex
CREATE INDEX "Comment_itemType_itemId_createdAt_idx" ON "Comment"("itemType", "itemId", "createdAt");

-- CreateIndex
CREATE INDEX "CommentRevision_commentId_idx" ON "CommentRevision"("commentId");

-- CreateIndex
CREATE INDEX "ReviewStatus_assigneeId_status_idx" ON "ReviewStatus"("assigneeId", "status");

-- CreateIndex
CREATE INDEX "ReviewStatus_status_idx" ON "ReviewStatus"("status");

-- CreateIndex
CREATE INDEX "SavedSearch_ownerId_idx" ON "SavedSearch"("ownerId");

-- CreateIndex
CREATE INDEX "SavedSearch_shared_idx" ON "SavedSearch"("shared");

-- CreateIndex
CREATE INDEX "LegalHold_status_idx" ON "LegalHold"("status");

-- CreateIndex
CREATE UNIQUE INDEX "LegalHoldScopeVersion_holdId_version_key" ON "LegalHoldScopeVersion"("holdId", "version");

-- CreateIndex
CREATE INDEX "HeldItem_itemType_itemId_idx" ON "HeldItem"("itemType", "itemId");

-- CreateIndex
CREATE INDEX "RetentionPolicy_enabled_idx" ON "RetentionPolicy"("enabled");

-- CreateIndex
CREATE UNIQUE INDEX "RetentionPolicyVersion_policyId_version_key" ON "RetentionPolicyVersion"("policyId", "version");

-- CreateIndex
CREATE INDEX "DispositionRun_queuedAt_idx" ON "DispositionRun"("queuedAt" DESC);

-- CreateIndex
CREATE INDEX "DispositionRecord_runId_idx" ON "DispositionRecord"("runId");

-- CreateIndex
CREATE UNIQUE INDEX "DispositionRecord_itemType_itemId_key" ON "DispositionRecord"("itemType", "itemId");

-- CreateIndex
CREATE INDEX "ExportJob_createdById_createdAt_idx" ON "ExportJob"("createdById", "createdAt" DESC);

-- CreateIndex
CREATE INDEX "IndexOutbox_processedAt_availableAt_id_idx" ON "IndexOutbox"("processedAt", "availableAt", "id");

-- CreateIndex
CREATE INDEX "IndexOutbox_itemType_itemId_idx" ON "IndexOutbox"("itemType", "itemId");

-- AddForeignKey
ALTER TABLE "SourceAuthorization" ADD CONSTRAINT "SourceAuthorization_sourceId_fkey" FOREIGN KEY ("sourceId") REFERENCES "Source"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "SyncRun" ADD CONSTRAINT "SyncRun_sourceId_fkey" FOREIGN KEY ("sourceId") REFERENCES "Source"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "SyncRunStream" ADD CONSTRAINT "SyncRunStream_runId_fkey" FOREIGN KEY ("runId") REFERENCES "SyncRun"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "SyncCheckpoint" ADD CONSTRAINT "SyncCheckpoint_sourceId_fkey" FOREIGN KEY ("sourceId") REFERENCES "Source"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "CaptureError" ADD CONSTRAINT "CaptureError_sourceId_fkey" FOREIGN KEY ("sourceId") REFERENCES "Source"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "CaptureError" ADD CONSTRAINT "CaptureError_runId_fkey" FOREIGN KEY ("runId") REFERENCES "SyncRun"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "ConversationVersion" ADD CONSTRAINT "ConversationVersion_conversationId_fkey" FOREIGN KEY ("conversationId") REFERENCES "Conversation"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "Message" ADD CONSTRAINT "Message_conversationId_fkey" FOREIGN KEY ("conversationId") REFERENCES "Conversation"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "MessageVersion" ADD CONSTRAINT "MessageVersion_messageId_fkey" FOREIGN KEY ("messageId") REFERENCES "Message"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "SourceFile" ADD CONSTRAINT "SourceFile_blobSha256_fkey" FOREIGN KEY ("blobSha256") REFERENCES "StoredFile"("sha256") ON DELETE SET NULL ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "MessageFile" ADD CONSTRAINT "MessageFile_messageId_fkey" FOREIGN KEY ("messageId") REFERENCES "Message"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "MessageFile" ADD CONSTRAINT "MessageFile_fileId_fkey" FOREIGN KEY ("fileId") REFERENCES "SourceFile"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "GptVersion" ADD CONSTRAINT "GptVersion_gptId_fkey" FOREIGN KEY ("gptId") REFERENCES "Gpt"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "GptConfigVersion" ADD CONSTRAINT "GptConfigVersion_gptId_fkey" FOREIGN KEY ("gptId") REFERENCES "Gpt"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "GptConfigFile" ADD CONSTRAINT "GptConfigFile_configVersionId_fkey" FOREIGN KEY ("configVersionId") REFERENCES "GptConfigVersion"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "GptConfigFile" ADD CONSTRAINT "GptConfigFile_fileId_fkey" FOREIGN KEY ("fileId") REFERENCES "SourceFile"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "GptSharedUser" ADD CONSTRAINT "GptSharedUser_gptId_fkey" FOREIGN KEY ("gptId") REFERENCES "Gpt"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "ProjectVersion" ADD CONSTRAINT "ProjectVersion_projectId_fkey" FOREIGN KEY ("projectId") REFERENCES "Project"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "ProjectConfigVersion" ADD CONSTRAINT "ProjectConfigVersion_projectId_fkey" FOREIGN KEY ("projectId") REFERENCES "Project"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "ProjectConfigFile" ADD CONSTRAINT "ProjectConfigFile_configVersionId_fkey" FOREIGN KEY ("configVersionId") REFERENCES "ProjectConfigVersion"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "ProjectConfigFile" ADD CONSTRAINT "ProjectConfigFile_fileId_fkey" FOREIGN KEY ("fileId") REFERENCES "SourceFile"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "ProjectSharedUser" ADD CONSTRAINT "ProjectSharedUser_projectId_fkey" FOREIGN KEY ("projectId") REFERENCES "Project"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "MemoryVersion" ADD CONSTRAINT "MemoryVersion_memoryId_fkey" FOREIGN KEY ("memoryId") REFERENCES "Memory"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "ItemTag" ADD CONSTRAINT "ItemTag_tagId_fkey" FOREIGN KEY ("tagId") REFERENCES "Tag"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "ItemTag" ADD CONSTRAINT "ItemTag_createdById_fkey" FOREIGN KEY ("createdById") REFERENCES "User"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "Flag" ADD CONSTRAINT "Flag_createdById_fkey" FOREIGN KEY ("createdById") REFERENCES "User"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "Comment" ADD CONSTRAINT "Comment_parentId_fkey" FOREIGN KEY ("parentId") REFERENCES "Comment"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "Comment" ADD CONSTRAINT "Comment_authorId_fkey" FOREIGN KEY ("authorId") REFERENCES "User"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "CommentRevision" ADD CONSTRAINT "CommentRevision_commentId_fkey" FOREIGN KEY ("commentId") REFERENCES "Comment"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "ReviewStatus" ADD CONSTRAINT "ReviewStatus_assigneeId_fkey" FOREIGN KEY ("assigneeId") REFERENCES "User"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "SavedSearch" ADD CONSTRAINT "SavedSearch_ownerId_fkey" FOREIGN KEY ("ownerId") REFERENCES "User"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "LegalHoldScopeVersion" ADD CONSTRAINT "LegalHoldScopeVersion_holdId_fkey" FOREIGN KEY ("holdId") REFERENCES "LegalHold"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "HeldItem" ADD CONSTRAINT "HeldItem_holdId_fkey" FOREIGN KEY ("holdId") REFERENCES "LegalHold"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "RetentionPolicyVersion" ADD CONSTRAINT "RetentionPolicyVersion_policyId_fkey" FOREIGN KEY ("policyId") REFERENCES "RetentionPolicy"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "DispositionRecord" ADD CONSTRAINT "DispositionRecord_runId_fkey" FOREIGN KEY ("runId") REFERENCES "DispositionRun"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "ExportJob" ADD CONSTRAINT "ExportJob_createdById_fkey" FOREIGN KEY ("createdById") REFERENCES "User"("id") ON DELETE RESTRICT ON UPDATE CASCADE;
