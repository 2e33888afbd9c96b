import { z } from 'zod';

const UNIT_MS = {
  minute: 60_000,
  hour: 3_600_000,
  day: 86_400_000,
  week: 604_800_000,
} as const;

const DURATION = /^(\d+)\s+(minute|hour|day|week)s?$/;

/** A duration as a marketer writes it: `'45 days'`, `'1 hour'`, `'2 weeks'`. */
export type Duration = `${number} ${'minute' | 'minutes' | 'hour' | 'hours' | 'day' | 'days' | 'week' | 'weeks'}`;

export const durationSchema = z
  .string()
  // abort: a refinement after it (a bound on the length) may then read the duration safely.
  .regex(DURATION, { error: 'a duration like "3 days", "12 hours" or "2 weeks"', abort: true }) as unknown as z.ZodType<Duration>;

/** Milliseconds in a duration such as `'3 days'`. Throws on anything else. */
export function durationToMs(duration: Duration): number {
  const match = DURATION.exec(duration);
  if (!match) throw new Error(`Not a duration: "${duration}" (expected e.g. "3 days")`);
  return Number(match[1]) * UNIT_MS[match[2] as keyof typeof UNIT_MS];
}
