// One message's stored payload (raw JSON as captured), its hash and version, and its earlier versions, for
// the reader's "Raw JSON" view. Reading raw content is audited.
import { withAuth } from "@/lib/http/handler";
import { archiveIdParams, getMessageRaw } from "@/lib/archive/reader";

export const GET = withAuth({ action: "archive:read", params: archiveIdParams }, async ({ params, audit }) => {
  const m = await getMessageRaw(params.id);
  await audit({ action: "message.view_raw", target: { type: "message", id: m.id }, details: { conversationId: m.conversationId, version: m.version } });
  return {
    message: {
      id: m.id,
      conversationId: m.conversationId,
      version: m.version,
      sha256: m.sha256,
      firstSeenAt: m.firstSeenAt,
      lastSeenAt: m.lastSeenAt,
      deletedAtSource: m.deletedAtSource,
      rawJson: m.rawJson,
    },
    versions: m.versions,
  };
});
