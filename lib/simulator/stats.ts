// Request accounting for tests and the demo: totals per endpoint template and status, and a bounded log
// of recent requests (oldest dropped first), so a test can assert exactly what a client asked for.

export interface RequestLogEntry {
  method: string;
  path: string;
  /** Raw query string without the leading "?" ("" when none). */
  query: string;
  /** HTTP status sent; 0 when the connection was dropped before a complete response. */
  status: number;
  /** Clock time (ms) when the request arrived. */
  time: number;
  /** Endpoint template, e.g. "GET /gpts/{gpt_id}/configs"; null for unmatched paths. */
  endpoint: string | null;
  /** The API key's last four characters, when one was sent. */
  keyLast4: string | null;
  /** Fault applied, e.g. "429" or "invalid-record:<record id>". */
  fault?: string;
}

export interface StatsSnapshot {
  total: number;
  byEndpoint: Record<string, number>;
  byStatus: Record<string, number>;
  log: RequestLogEntry[];
}

export class SimulatorStats {
  total = 0;
  byEndpoint: Record<string, number> = {};
  byStatus: Record<string, number> = {};
  log: RequestLogEntry[] = [];

  constructor(private readonly logLimit = 2_000) {}

  record(entry: RequestLogEntry): void {
    this.total++;
    const key = entry.endpoint ?? "unmatched";
    this.byEndpoint[key] = (this.byEndpoint[key] ?? 0) + 1;
    this.byStatus[String(entry.status)] = (this.byStatus[String(entry.status)] ?? 0) + 1;
    this.log.push(entry);
    if (this.log.length > this.logLimit) this.log.splice(0, this.log.length - this.logLimit);
  }

  /** Requests per endpoint template (0 when none). */
  count(endpoint: string): number {
    return this.byEndpoint[endpoint] ?? 0;
  }

  reset(): void {
    this.total = 0;
    this.byEndpoint = {};
    this.byStatus = {};
    this.log = [];
  }

  snapshot(): StatsSnapshot {
    return { total: this.total, byEndpoint: { ...this.byEndpoint }, byStatus: { ...this.byStatus }, log: this.log.slice() };
  }
}
