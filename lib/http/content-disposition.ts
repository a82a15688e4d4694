// Content-Disposition for downloads whose names come from untrusted content: always an attachment, an
// ASCII fallback without quotes, slashes or control characters, and the full name in RFC 5987 form.
export function contentDisposition(name: string | null, fallback: string): string {
  const base = (name ?? "").replace(/[\u0000-\u001f\u007f"\\/]/g, "_").trim() || fallback;
  const ascii = base.replace(/[^\x20-\x7e]/g, "_").slice(0, 150);
  const encoded = encodeURIComponent(base.slice(0, 150)).replace(/['()*]/g, (c) => `%${c.charCodeAt(0).toString(16).toUpperCase()}`);
  return `attachment; filename="${ascii}"; filename*=UTF-8''${encoded}`;
}
