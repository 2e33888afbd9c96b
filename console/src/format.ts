import type { Locale } from './i18n/locale.js';

/** Dates, numbers and durations the way the reader's language writes them. */
export function formatDateTime(locale: Locale, value: string | Date | null | undefined): string {
  if (!value) return '—';
  return new Intl.DateTimeFormat(locale, { dateStyle: 'medium', timeStyle: 'short' }).format(new Date(value));
}

export function formatDay(locale: Locale, value: string | Date): string {
  return new Intl.DateTimeFormat(locale, { month: 'short', day: 'numeric' }).format(new Date(value));
}

export function formatNumber(locale: Locale, value: number | null | undefined, options?: Intl.NumberFormatOptions): string {
  if (value === null || value === undefined || Number.isNaN(value)) return '—';
  return new Intl.NumberFormat(locale, options).format(value);
}

/** 0.4234 → "42.3%". */
export const formatShare = (locale: Locale, share: number | null | undefined) => formatNumber(locale, share, { style: 'percent', maximumFractionDigits: 1 });

const UNITS: [Intl.RelativeTimeFormatUnit, number][] = [
  ['day', 86_400_000],
  ['hour', 3_600_000],
  ['minute', 60_000],
];

/** A duration in the largest unit that fits: "3 hours", "2 days". */
export function formatDuration(locale: Locale, ms: number | null | undefined): string {
  if (ms === null || ms === undefined) return '—';
  const [unit, size] = UNITS.find(([, size]) => Math.abs(ms) >= size) ?? ['minute', 60_000];
  return new Intl.NumberFormat(locale, { style: 'unit', unit, unitDisplay: 'long', maximumFractionDigits: 0 }).format(Math.round(ms / size));
}

/** "in 3 hours" / "2 days ago". */
export function formatRelative(locale: Locale, to: string | Date, now = Date.now()): string {
  const ms = new Date(to).getTime() - now;
  const [unit, size] = UNITS.find(([, size]) => Math.abs(ms) >= size) ?? ['minute', 60_000];
  return new Intl.RelativeTimeFormat(locale, { numeric: 'auto' }).format(Math.round(ms / size), unit);
}
