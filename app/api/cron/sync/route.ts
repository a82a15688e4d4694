// Cron: enqueue one sync per capture-enabled source (sources already syncing are skipped).
import { withCron } from "@/lib/http/handler";
import { enqueueAllSyncs } from "@/lib/ingest/enqueue";

export const POST = withCron(async () => enqueueAllSyncs("CRON"));
