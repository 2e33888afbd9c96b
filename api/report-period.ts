import { z } from 'zod';
import { HttpProblem } from './problem.js';

const DAY_MS = 86_400_000;
/** The longest period a report covers, in days (a leap year). */
export const MAX_PERIOD_DAYS = 366;
/** The period a report covers when none is given: the last 30 days, today included. */
const DEFAULT_PERIOD_DAYS = 30;

const day = z.iso.date({ error: 'a UTC day like 2026-03-01' });
/** `?from=YYYY-MM-DD&to=YYYY-MM-DD`, both UTC days and both included. */
export const periodQuerySchema = z.strictObject({ from: day.optional(), to: day.optional() });

export interface Period {
  /** The first day, `YYYY-MM-DD`. */
  from: string;
  /** The last day, included. */
  to: string;
  /** 00:00 UTC of the first day. */
  start: Date;
  /** 00:00 UTC of the day after the last: the period is [start, end). */
  end: Date;
  /** Every day of the period, in order. */
  days: string[];
}

const dayOf = (ms: number) => new Date(ms).toISOString().slice(0, 10);

/** The period the query names (by default the last 30 days up to today); 400 when it runs backwards or exceeds 366 days. */
export function periodOf(query: z.infer<typeof periodQuerySchema>, now = new Date()): Period {
  const to = query.to ?? dayOf(now.getTime());
  const from = query.from ?? dayOf(Date.parse(to) - (DEFAULT_PERIOD_DAYS - 1) * DAY_MS);
  const start = Date.parse(from);
  const end = Date.parse(to) + DAY_MS;
  const length = (end - start) / DAY_MS;
  if (length < 1) throw new HttpProblem(400, 'Invalid request', `from (${from}) is after to (${to}).`, { errors: [{ path: 'from', message: 'on or before to', code: 'too_big' }] });
  if (length > MAX_PERIOD_DAYS) {
    throw new HttpProblem(400, 'Invalid request', `The period is ${length} days; at most ${MAX_PERIOD_DAYS}.`, { errors: [{ path: 'from', message: `at most ${MAX_PERIOD_DAYS} days before to`, code: 'too_big' }] });
  }
  return { from, to, start: new Date(start), end: new Date(end), days: Array.from({ length }, (_, i) => dayOf(start + i * DAY_MS)) };
}
