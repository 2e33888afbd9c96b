import { z } from 'zod';
import { isCalendarDate } from './attribute-dates.js';
import { localMinutes } from './local-time.js';

/**
 * A journey that enters on a date in the customer's profile (a birthday, a contract renewal), at a local
 * time in the customer's timezone: every year on its month-day (29 Feb → 28 Feb in other years) or once.
 */
export interface DateEntry {
  /** A custom attribute declared `date` (config/customer-attributes.json), stored as `YYYY-MM-DD`. */
  attribute: string;
  every: 'year' | 'once';
  /** Local time of day, `HH:MM`, from which the customer enters on the day. */
  at: string;
}

export const dateEntrySchema: z.ZodType<DateEntry> = z.strictObject({
  attribute: z.string().regex(/^[A-Za-z][A-Za-z0-9_]*$/, 'an attribute name like "birthday"'),
  every: z.enum(['year', 'once']),
  at: z.string().regex(/^([01]\d|2[0-3]):[0-5]\d$/, 'a local time like "09:00"'),
});

const DAY_MS = 86_400_000;
const isLeapYear = (year: number) => (year % 4 === 0 && year % 100 !== 0) || year % 400 === 0;

/** The calendar date `YYYY-MM-DD` in `timeZone` at `epochMs`. */
export function localDate(epochMs: number, timeZone: string): string {
  const parts = new Intl.DateTimeFormat('en-CA', { timeZone, year: 'numeric', month: '2-digit', day: '2-digit' }).formatToParts(epochMs);
  const part = (type: string) => parts.find((p) => p.type === type)?.value ?? '';
  return `${part('year')}-${part('month')}-${part('day')}`;
}

/** The day a yearly date falls on in `year`: its month-day, 29 Feb on 28 Feb outside leap years. */
export function anniversaryIn(date: string, year: number): string {
  const monthDay = date.slice(5);
  return `${String(year).padStart(4, '0')}-${monthDay === '02-29' && !isLeapYear(year) ? '02-28' : monthDay}`;
}

/**
 * The values of the customer's derived `anniversaries` (yearly) or `dates` (once) that can be due at
 * `now` somewhere on Earth (UTC−12 … UTC+14: yesterday, today or tomorrow in UTC): the store query's keys.
 */
export function dateEntryKeys(entry: DateEntry, now: number): string[] {
  const keys = new Set<string>();
  for (const offset of [-DAY_MS, 0, DAY_MS]) {
    const day = new Date(now + offset).toISOString().slice(0, 10);
    if (entry.every === 'once') {
      keys.add(`${entry.attribute}:${day}`);
      continue;
    }
    keys.add(`${entry.attribute}:${day.slice(5)}`);
    if (day.slice(5) === '02-28' && !isLeapYear(Number(day.slice(0, 4)))) keys.add(`${entry.attribute}:02-29`);
  }
  return [...keys];
}

const minutesOf = (time: string) => Number(time.slice(0, 2)) * 60 + Number(time.slice(3, 5));

/**
 * The local date on which the customer enters at `now`, or undefined: it is the day (the date itself, or
 * its anniversary this local year) in their timezone and the local time has reached `at`.
 */
export function dueOccurrence(entry: DateEntry, value: unknown, timeZone: string, now: number): string | undefined {
  if (!isCalendarDate(value)) return undefined;
  const today = localDate(now, timeZone);
  const day = entry.every === 'once' ? value : anniversaryIn(value, Number(today.slice(0, 4)));
  if (day !== today) return undefined;
  return localMinutes(now, timeZone) >= minutesOf(entry.at) ? today : undefined;
}

/** The run's trigger, also what marks the occurrence as entered: `date:birthday:2026-03-14`. */
export const dateEntryTrigger = (entry: DateEntry, occurrence: string) => `date:${entry.attribute}:${occurrence}`;
