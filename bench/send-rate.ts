/**
 * How fast sends went, from their times: per-second buckets, the peak second, the busiest window of
 * a few seconds (Temporal's task-queue limiter is a token bucket: a second may take a burst, a window
 * of several seconds may not) and the mean over the span.
 */

export interface SendRate {
  count: number;
  /** Sends in each whole second from the first to the last. */
  perSecond: number[];
  peakPerS: number;
  /** The most sends in any `windowS` seconds (sliding, by the millisecond). */
  peakWindow: { windowS: number; sends: number; perS: number };
  /** Sends ÷ seconds from the first send's second to the last's. */
  meanPerS: number;
  /** The median of the seconds that had a send: the steady pace, without the tail of retries. */
  medianBusyPerS: number;
}

/** The most of `times` (ms) that fall within any `windowMs`. */
export function mostInWindow(times: number[], windowMs: number): number {
  const sorted = [...times].sort((a, b) => a - b);
  let most = 0;
  for (let start = 0, end = 0; end < sorted.length; end++) {
    while (sorted[end]! - sorted[start]! >= windowMs) start++;
    most = Math.max(most, end - start + 1);
  }
  return most;
}

export function sendRate(times: number[], windowS = 3): SendRate {
  if (times.length === 0) return { count: 0, perSecond: [], peakPerS: 0, peakWindow: { windowS, sends: 0, perS: 0 }, meanPerS: 0, medianBusyPerS: 0 };
  const seconds = times.map((t) => Math.floor(t / 1000));
  const first = Math.min(...seconds);
  const perSecond = Array<number>(Math.max(...seconds) - first + 1).fill(0);
  for (const s of seconds) perSecond[s - first]! += 1;
  const busy = perSecond.filter((n) => n > 0).sort((a, b) => a - b);
  const sends = mostInWindow(times, windowS * 1000);
  return {
    count: times.length,
    perSecond,
    peakPerS: Math.max(...perSecond),
    peakWindow: { windowS, sends, perS: sends / windowS },
    meanPerS: times.length / perSecond.length,
    medianBusyPerS: busy[Math.floor(busy.length / 2)]!,
  };
}
