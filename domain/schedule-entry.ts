import { z } from 'zod';
import { type Segment, segmentSchema } from './segment.js';
import { isTimeZone } from './send-policy.js';

/** A journey that enters on a schedule: at each firing of the cron, in its timezone, the customers then in the segment. */
export interface ScheduleEntry {
  /** Five fields, minute hour day-of-month month day-of-week (`0 10 * * MON`), or `@daily`, `@weekly`, … */
  cron: string;
  /** The IANA timezone the cron is read in, e.g. `Asia/Shanghai`. */
  timezone: string;
  segment: Segment;
}

const MACROS = ['@yearly', '@annually', '@monthly', '@weekly', '@daily', '@midnight', '@hourly'];
const MONTHS = ['JAN', 'FEB', 'MAR', 'APR', 'MAY', 'JUN', 'JUL', 'AUG', 'SEP', 'OCT', 'NOV', 'DEC'];
const WEEKDAYS = ['SUN', 'MON', 'TUE', 'WED', 'THU', 'FRI', 'SAT'];
const FIELDS: { name: string; min: number; max: number; names?: string[]; base?: number }[] = [
  { name: 'minute', min: 0, max: 59 },
  { name: 'hour', min: 0, max: 23 },
  { name: 'day of month', min: 1, max: 31 },
  { name: 'month', min: 1, max: 12, names: MONTHS, base: 1 },
  { name: 'day of week', min: 0, max: 7, names: WEEKDAYS, base: 0 },
];

/** Why a cron string does not parse (the five-field syntax Temporal Schedules read), or undefined. */
export function cronProblem(cron: string): string | undefined {
  const text = cron.trim();
  if (text.startsWith('@')) return MACROS.includes(text.toLowerCase()) ? undefined : `unknown cron macro "${text}" (one of ${MACROS.join(', ')})`;
  const fields = text.split(/\s+/);
  if (fields.length !== 5) return `a cron has 5 fields (minute hour day-of-month month day-of-week), "${cron}" has ${fields.length}`;
  for (const [index, field] of fields.entries()) {
    const spec = FIELDS[index]!;
    const value = (token: string): number | undefined => {
      const named = spec.names?.indexOf(token.toUpperCase()) ?? -1;
      if (named >= 0) return named + spec.base!;
      return /^\d+$/.test(token) ? Number(token) : undefined;
    };
    for (const item of field.split(',')) {
      const match = /^(\*|([A-Za-z0-9]+)(?:-([A-Za-z0-9]+))?)(?:\/(\d+))?$/.exec(item);
      const bounds = match && (match[1] === '*' ? [spec.min, spec.max] : [value(match[2]!), match[3] === undefined ? value(match[2]!) : value(match[3])]);
      const [from, to] = bounds ?? [];
      const ok = match && from !== undefined && to !== undefined && from >= spec.min && to <= spec.max && from <= to && (match[4] === undefined || Number(match[4]) > 0);
      if (!ok) return `cron ${spec.name} "${item}" is not valid (${spec.min}–${spec.max}${spec.names ? ` or ${spec.names[0]}…` : ''}, *, a-b, */n, lists)`;
    }
  }
  return undefined;
}

export const scheduleEntrySchema: z.ZodType<ScheduleEntry> = z.strictObject({
  cron: z.string().superRefine((cron, ctx) => {
    const problem = cronProblem(cron);
    if (problem) ctx.addIssue({ code: 'custom', message: problem });
  }),
  timezone: z.string().refine(isTimeZone, 'an IANA timezone like "Asia/Shanghai"'),
  segment: segmentSchema,
});
