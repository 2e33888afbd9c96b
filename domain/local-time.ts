import { z } from 'zod';

const clock = z.string().regex(/^([01]\d|2[0-3]):[0-5]\d$/, 'a time like "09:00"');

/** Hours of the customer's day when a message may go out, e.g. `{ from: '09:00', to: '21:00' }`. */
export interface LocalWindow {
  from: string;
  to: string;
}

export const localWindowSchema = z.strictObject({ from: clock, to: clock }).refine((w) => w.from !== w.to, 'from and to must differ');

const minutesOf = (time: string) => Number(time.slice(0, 2)) * 60 + Number(time.slice(3, 5));

/** Minutes since local midnight in `timeZone` at `epochMs`. */
export function localMinutes(epochMs: number, timeZone: string): number {
  const parts = new Intl.DateTimeFormat('en-GB', { timeZone, hour: '2-digit', minute: '2-digit', hourCycle: 'h23' }).formatToParts(epochMs);
  const value = (type: string) => Number(parts.find((p) => p.type === type)?.value ?? 0);
  return value('hour') * 60 + value('minute');
}

/**
 * How long from `epochMs` until the window opens in `timeZone` (0 when inside it).
 * A window may cross midnight (`22:00`–`06:00`). It opens on the minute; a DST jump during the wait shifts it by that hour.
 */
export function msUntilWindow(epochMs: number, timeZone: string, window: LocalWindow): number {
  const now = localMinutes(epochMs, timeZone);
  const from = minutesOf(window.from);
  const to = minutesOf(window.to);
  const inside = from < to ? now >= from && now < to : now >= from || now < to;
  if (inside) return 0;
  const minutes = (from - now + 1440) % 1440;
  return minutes * 60_000 - (epochMs % 60_000);
}
