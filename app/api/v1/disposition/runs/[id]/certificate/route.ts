import { withAuth } from "@/lib/http/handler";
import { getCertificate } from "@/lib/governance/disposition";
import { renderCertificateHtml } from "@/lib/governance/disposition-certificate";
import { certificateQuery, runParams } from "@/lib/governance/retention-schemas";

// The certificate of destruction as JSON (exactly what its SHA-256 covers) or as a readable HTML page.
export const GET = withAuth({ action: "retention:read", params: runParams, query: certificateQuery }, async ({ params, query, audit }) => {
  const { certificate, sha256 } = await getCertificate(params.id);
  await audit({ action: "disposition.certificate.view", target: { type: "disposition_run", id: params.id }, details: { format: query.format, sha256 } });
  const headers = { "x-certificate-sha256": sha256, "cache-control": "no-store" };
  if (query.format === "html") {
    return new Response(renderCertificateHtml(certificate, sha256), {
      headers: { ...headers, "content-type": "text/html; charset=utf-8", "content-security-policy": "default-src 'none'; style-src 'unsafe-inline'" },
    });
  }
  return new Response(JSON.stringify(certificate, null, 2), {
    headers: { ...headers, "content-type": "application/json; charset=utf-8", "content-disposition": `attachment; filename="certificate-${params.id}.json"` },
  });
});
