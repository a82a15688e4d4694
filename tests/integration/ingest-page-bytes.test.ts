// A page's bytes go to PostgreSQL as a binary jsonb parameter (lib/ingest/pg.ts jsonbParam): what the
// server stores must be what JSON.parse reads from the same bytes, with U+0000 (which PostgreSQL cannot
// store) replaced as json() replaces it, escaped backslashes left alone, and bytes that are not UTF-8
// decoded with replacement characters as a string would be.
import pg from "pg";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { json, jsonbParam } from "@/lib/ingest/pg";

let client: pg.Client;
beforeAll(async () => {
  client = new pg.Client({ connectionString: process.env.DATABASE_URL });
  await client.connect();
});
afterAll(async () => {
  await client.end();
});

async function stored(param: Buffer | string | null): Promise<unknown> {
  const { rows } = await client.query<{ v: unknown }>("SELECT $1::jsonb AS v", [param]);
  return rows[0].v;
}

describe("page bytes as a jsonb parameter", () => {
  it("stores exactly what JSON.parse reads, multilingual text and numbers included", async () => {
    const value = { data: [{ id: "c-1", title: "Zürich 日本語 😀", n: 1758511530.204871, nested: { a: [1, "two", null, true] } }], has_more: false };
    const body = Buffer.from(JSON.stringify(value));
    expect(await stored(jsonbParam(body))).toEqual(value);
  });

  it("replaces \\u0000 escapes as json() does, and leaves an escaped backslash before u0000 alone", async () => {
    const value = { a: "nul\u0000here", b: "\\u0000 is text", c: "\\\u0000", d: "\u0000\u0000" };
    const body = Buffer.from(JSON.stringify(value));
    const expected = { a: "nul\ufffdhere", b: "\\u0000 is text", c: "\\\ufffd", d: "\ufffd\ufffd" };
    expect(await stored(jsonbParam(body))).toEqual(expected);
    expect(await stored(json(value))).toEqual(expected);
    // Without the replacement PostgreSQL refuses the document.
    await expect(stored(Buffer.concat([Buffer.from([1]), body]))).rejects.toThrow(/unsupported Unicode escape sequence/);
  });

  it("decodes bytes that are not UTF-8 with replacement characters, as toString would", async () => {
    const body = Buffer.concat([Buffer.from('{"t":"ok '), Buffer.from([0xff, 0xfe]), Buffer.from(' end"}')]);
    expect(await stored(jsonbParam(body))).toEqual(JSON.parse(body.toString("utf8")));
  });
});
