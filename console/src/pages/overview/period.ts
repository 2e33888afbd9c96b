/** The period the dashboard reads, kept in the address (`#/overview?days=7`, `?from=…&to=…`) so a reload or a shared link shows the same. */

const DAY_MS = 86_400_000;
/** The choices offered as buttons, in days. */
export const PRESET_DAYS = [7, 30, 90] as const;
/** As the API: at most 366 days. */
export const MAX_DAYS = 366;
const DEFAULT_DAYS = 30;

export interface Period {
  /** First UTC day, `YYYY-MM-DD`. */
  from: string;
  /** Last UTC day, included. */
  to: string;
  /** The preset it is, if one. */
  days?: number;
}

const dayOf = (ms: number) => new Date(ms).toISOString().slice(0, 10);
const isDay = (text: string | null): text is string => !!text && /^\d{4}-\d{2}-\d{2}$/.test(text) && !Number.isNaN(Date.parse(text));

/** The last `days` UTC days, today included (the API's days are UTC days). */
export function lastDays(days: number, now = Date.now()): Period {
  return { from: dayOf(now - (days - 1) * DAY_MS), to: dayOf(now), days };
}

/** The period the address names; the last 30 days when it names none (or a broken one). */
export function periodFromQuery(query: URLSearchParams, now = Date.now()): Period {
  const from = query.get('from');
  const to = query.get('to');
  if (isDay(from) && isDay(to)) return { from, to };
  const days = Number(query.get('days'));
  return lastDays(PRESET_DAYS.includes(days as (typeof PRESET_DAYS)[number]) ? days : DEFAULT_DAYS, now);
}

/** The address of the overview for a period. */
export const periodPath = (period: Period) => (period.days ? `/overview?days=${period.days}` : `/overview?from=${period.from}&to=${period.to}`);

/** How many days a period covers, both ends included. */
export const daysIn = ({ from, to }: { from: string; to: string }) => Math.round((Date.parse(to) - Date.parse(from)) / DAY_MS) + 1;

/** Why a from–to range cannot be read, as a message key; null when it can. */
export function rangeProblem(from: string, to: string): string | null {
  if (!isDay(from) || !isDay(to)) return 'overview.period.incomplete';
  if (Date.parse(from) > Date.parse(to)) return 'overview.period.backwards';
  if (daysIn({ from, to }) > MAX_DAYS) return 'overview.period.tooLong';
  return null;
}

/** A UTC day (`2026-03-01`) as the reader writes it: "Mar 1", "3月1日"; in UTC, so it is the API's day wherever the reader is. */
export const formatUtcDay = (locale: string, day: string) => new Intl.DateTimeFormat(locale, { month: 'short', day: 'numeric', timeZone: 'UTC' }).format(new Date(day));
