// Signed, expiring download URLs served by the simulator's own "blob host" (the real API hands out Azure
// SAS URLs on files01.oaiusercontent.com). The signature covers the file, its scope and owner and the
// expiry, so a URL cannot be edited into another file or a later expiry. Links embedded in payloads live
// 1 h; the content endpoints' 307 targets live 5 min (compliance-api.md §6, §10).
import { createHmac, timingSafeEqual } from "node:crypto";

export type BlobScope = "u" | "g" | "p";

export interface BlobClaims {
  fileId: string;
  scope: BlobScope;
  /** User files: owner user id and conversation id. */
  ownerId?: string;
  conversationId?: string;
  /** Expiry, Unix seconds. */
  expiresAt: number;
  name: string;
}

export const EMBEDDED_URL_TTL_SECONDS = 3_600;
export const REDIRECT_URL_TTL_SECONDS = 300;

function isoSeconds(unixSeconds: number): string {
  return new Date(unixSeconds * 1000).toISOString().replace(/\.\d{3}Z$/, "Z");
}

export class BlobSigner {
  constructor(private readonly secret: Buffer) {}

  private mac(c: Omit<BlobClaims, "name">, se: string): string {
    return createHmac("sha256", this.secret)
      .update([c.fileId, c.scope, c.ownerId ?? "", c.conversationId ?? "", se].join("\n"))
      .digest("base64url");
  }

  /** `${baseUrl}/blobs/<file id>?…&se=<ISO expiry>&sig=…` */
  sign(baseUrl: string, claims: BlobClaims, ttlSeconds: number): string {
    const se = isoSeconds(claims.expiresAt);
    const params = new URLSearchParams();
    params.set("k", claims.scope);
    if (claims.ownerId) params.set("o", claims.ownerId);
    if (claims.conversationId) params.set("c", claims.conversationId);
    params.set("se", se);
    params.set("sp", "r");
    params.set("sv", "2024-08-04");
    params.set("sr", "b");
    params.set("rscc", `max-age=${ttlSeconds - 1}, immutable, private`);
    params.set("rscd", `attachment; filename*=UTF-8''${encodeURIComponent(claims.name)}`);
    params.set("sig", this.mac(claims, se));
    return `${baseUrl}/blobs/${encodeURIComponent(claims.fileId)}?${params.toString()}`;
  }

  /** Parses and checks a blob request; "invalid" covers missing or forged signatures. */
  verify(fileId: string, query: URLSearchParams): { ok: true; claims: Omit<BlobClaims, "name"> } | { ok: false; reason: "invalid" } {
    const scope = query.get("k");
    const se = query.get("se");
    const sig = query.get("sig");
    if ((scope !== "u" && scope !== "g" && scope !== "p") || !se || !sig) return { ok: false, reason: "invalid" };
    const expiresMs = Date.parse(se);
    if (!Number.isFinite(expiresMs)) return { ok: false, reason: "invalid" };
    const claims = { fileId, scope: scope as BlobScope, ownerId: query.get("o") ?? undefined, conversationId: query.get("c") ?? undefined, expiresAt: expiresMs / 1000 };
    const expected = Buffer.from(this.mac(claims, se));
    const given = Buffer.from(sig);
    if (expected.length !== given.length || !timingSafeEqual(expected, given)) return { ok: false, reason: "invalid" };
    return { ok: true, claims };
  }
}

/** Content-Disposition with an ASCII fallback and the exact UTF-8 name. */
export function contentDisposition(name: string): string {
  const ascii = name.replace(/[^\x20-\x7e]/g, "_").replace(/["\\]/g, "_");
  return `attachment; filename="${ascii}"; filename*=UTF-8''${encodeURIComponent(name)}`;
}
