// Fault injection: the failures a capture engine must survive, on demand. A fault matches requests by
// endpoint template (substring, else regular expression, e.g. "GET /conversations" or "gpts/\\{gpt_id\\}$")
// and applies to the next `count` matching requests and/or with probability `rate`. One fault applies per
// request; kinds that need a particular response (a list page, a file) only match where they make sense.
import { z } from "zod";
import { Rng } from "./random";

export const FAULT_KINDS = ["429", "500", "502", "slow", "drop", "truncated", "invalid-record", "expired-url"] as const;
export type FaultKind = (typeof FAULT_KINDS)[number];

export const faultSpecSchema = z.object({
  kind: z.enum(FAULT_KINDS),
  /** Endpoint template substring or regex source, matched against e.g. "GET /gpts/{gpt_id}/configs". */
  endpoint: z.string().min(1).optional(),
  /** Apply to the next N matching requests. Default: 1 when `rate` is unset, unlimited otherwise. */
  count: z.number().int().min(1).optional(),
  /** Probability of applying to each matching request (0..1). */
  rate: z.number().min(0).max(1).optional(),
  /** "slow": added latency (default 1500 ms). */
  delayMs: z.number().int().min(0).max(600_000).optional(),
  /** "429": the Retry-After header value (default 1). */
  retryAfterSeconds: z.number().int().min(0).optional(),
});

export type FaultSpec = z.infer<typeof faultSpecSchema>;

export interface ActiveFault extends FaultSpec {
  id: string;
  /** Remaining applications; null = unlimited (rate-only faults). */
  remaining: number | null;
  applied: number;
}

/** What the server knows about a request when it asks for a fault. */
export interface FaultTarget {
  /** e.g. "GET /conversations", "GET /blobs/{file_id}". */
  endpoint: string;
  /** The response is a list envelope (invalid-record needs one). */
  isList: boolean;
  /** The response carries download URLs or file content (expired-url needs one). */
  hasFiles: boolean;
}

function applicable(kind: FaultKind, target: FaultTarget): boolean {
  if (kind === "invalid-record") return target.isList;
  if (kind === "expired-url") return target.hasFiles;
  return true;
}

function matches(pattern: string | undefined, endpoint: string): boolean {
  if (!pattern) return true;
  if (endpoint.includes(pattern)) return true;
  try {
    return new RegExp(pattern).test(endpoint);
  } catch {
    return false;
  }
}

export class FaultInjector {
  private faults: ActiveFault[] = [];
  private nextId = 1;
  private readonly rng: Rng;

  constructor(seed: number) {
    this.rng = new Rng(seed);
  }

  /** Adds a fault; returns its id. Throws on an invalid spec. */
  inject(spec: FaultSpec): string {
    const parsed = faultSpecSchema.parse(spec);
    const id = `fault_${this.nextId++}`;
    const remaining = parsed.count ?? (parsed.rate === undefined ? 1 : null);
    this.faults.push({ ...parsed, id, remaining, applied: 0 });
    return id;
  }

  remove(id: string): boolean {
    const before = this.faults.length;
    this.faults = this.faults.filter((f) => f.id !== id);
    return this.faults.length !== before;
  }

  /** Removes every fault; returns how many there were. */
  clear(): number {
    const n = this.faults.length;
    this.faults = [];
    return n;
  }

  list(): ActiveFault[] {
    return this.faults.map((f) => ({ ...f }));
  }

  /** Picks (and consumes one use of) the first fault that applies to this request, if any. */
  take(target: FaultTarget): ActiveFault | null {
    for (const f of this.faults) {
      if (!applicable(f.kind, target) || !matches(f.endpoint, target.endpoint)) continue;
      if (f.rate !== undefined && !this.rng.chance(f.rate)) continue;
      f.applied++;
      if (f.remaining !== null) {
        f.remaining--;
        if (f.remaining <= 0) this.faults = this.faults.filter((x) => x !== f);
      }
      return { ...f };
    }
    return null;
  }

  /** The server's stream for fault details (which record to corrupt, where to cut). */
  get random(): Rng {
    return this.rng;
  }
}
