/**
 * Load generators: a closed loop (N clients, each sends its next item as soon as its last one was
 * answered) and an open loop paced at a rate (for background load), plus the figures of a sample.
 */

/** What one request came to: accepted items, and the HTTP status (0 when it never answered). */
export interface Outcome {
  accepted: number;
  status: number;
  error?: string;
}

export interface LoadResult {
  requests: number;
  accepted: number;
  /** From the first request sent to the last answer, ms. */
  elapsedMs: number;
  /** Per request, ms, in the order they finished. */
  latencies: number[];
  /** HTTP status (or `error`) → count. */
  statuses: Record<string, number>;
  /** A few distinct error messages, for the report. */
  errors: string[];
  startedAt: number;
}

const recordInto = (result: LoadResult, outcome: Outcome, ms: number) => {
  result.requests += 1;
  result.accepted += outcome.accepted;
  result.latencies.push(ms);
  const key = outcome.status === 0 ? 'error' : String(outcome.status);
  result.statuses[key] = (result.statuses[key] ?? 0) + 1;
  if (outcome.error && result.errors.length < 5 && !result.errors.includes(outcome.error)) result.errors.push(outcome.error);
};

const emptyResult = (): LoadResult => ({ requests: 0, accepted: 0, elapsedMs: 0, latencies: [], statuses: {}, errors: [], startedAt: Date.now() });

/** Sends every item, `clients` at a time; `send` never throws (it returns an Outcome). Stops early at `deadline`. */
export async function closedLoop<T>(items: T[], clients: number, send: (item: T) => Promise<Outcome>, deadline = Infinity): Promise<LoadResult> {
  const result = emptyResult();
  const t0 = performance.now();
  let next = 0;
  await Promise.all(
    Array.from({ length: Math.min(clients, items.length) }, async () => {
      while (next < items.length && Date.now() < deadline) {
        const item = items[next++]!;
        const sent = performance.now();
        recordInto(result, await send(item), performance.now() - sent);
      }
    }),
  );
  result.elapsedMs = performance.now() - t0;
  return result;
}

/**
 * Sends `make(i)` at `perSecond` until `stop()` is called or `maxItems` were sent, with at most
 * `maxInFlight` requests open (a slower server gets fewer, the rest are counted as `skipped`).
 */
export function openLoop<T>(perSecond: number, maxItems: number, maxInFlight: number, make: (i: number) => T, send: (item: T) => Promise<Outcome>) {
  const result = { ...emptyResult(), skipped: 0 };
  const t0 = performance.now();
  let stopped = false;
  let inFlight = 0;
  const open = new Set<Promise<void>>();
  const done = (async () => {
    for (let i = 0; i < maxItems && !stopped; i++) {
      const due = t0 + (i * 1000) / perSecond;
      const wait = due - performance.now();
      if (wait > 0) await new Promise((resolve) => setTimeout(resolve, wait));
      if (stopped) break;
      if (inFlight >= maxInFlight) {
        result.skipped += 1;
        continue;
      }
      inFlight += 1;
      const sent = performance.now();
      const request = send(make(i)).then((outcome) => {
        recordInto(result, outcome, performance.now() - sent);
        inFlight -= 1;
        open.delete(request);
      });
      open.add(request);
    }
    await Promise.all(open);
    result.elapsedMs = performance.now() - t0;
  })();
  return {
    result,
    /** Resolves once `maxItems` were sent (or skipped) and answered, or after `stop()`. */
    done: done.then(() => result),
    /** Stops sending and resolves once the requests in flight were answered. */
    stop: async () => {
      stopped = true;
      await done;
      return result;
    },
  };
}

/** The `p`-th percentile (0–100) by nearest rank; NaN for an empty sample. */
export function percentile(values: number[], p: number): number {
  if (values.length === 0) return NaN;
  const sorted = [...values].sort((a, b) => a - b);
  const rank = Math.ceil((p / 100) * sorted.length);
  return sorted[Math.min(sorted.length - 1, Math.max(0, rank - 1))]!;
}

/** Count of statuses in [from, to). */
export function countStatuses(statuses: Record<string, number>, test: (status: number) => boolean): number {
  return Object.entries(statuses).reduce((sum, [key, n]) => (key !== 'error' && test(Number(key)) ? sum + n : sum), 0);
}
