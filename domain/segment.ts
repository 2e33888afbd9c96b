import { z } from 'zod';
import { isCalendarDate } from './attribute-dates.js';
import { type Duration, durationSchema, durationToMs } from './durations.js';
import { keyedUnion } from './keyed-union.js';
import { type Stage, stageSchema } from './stages.js';

/**
 * Which customers a scheduled journey enrols at a firing, e.g. "active customers with health < 40":
 * `{ all: [{ stageIn: ['active'] }, { health: { below: 40 } }] }`. Unlike a branch condition it runs as a
 * store query over every customer (store/segment-query.ts); recent-event terms are checked per page.
 */
export type Segment =
  | { stageIn: Stage[] }
  /** Customers without a score match neither bound. */
  | { health: { below?: number; atLeast?: number } }
  | { hasTag: string }
  /** A custom attribute: `equals` a value; a date attribute (`YYYY-MM-DD`) `before`/`after` a date, or `within` the coming period. */
  | { attribute: string; equals?: string | number | boolean; before?: string; after?: string; within?: Duration }
  /** At least one event of this type within the last period, e.g. `{ event: 'order.placed', within: '30 days' }`. */
  | { event: string; within: Duration }
  | { all: Segment[] }
  | { any: Segment[] }
  | { not: Segment };

const attributeName = z.string().regex(/^[A-Za-z][A-Za-z0-9_]*$/, 'an attribute name like "contractRenewal"');
const calendarDate = z.string().refine(isCalendarDate, 'a calendar date like "2026-03-14"');
const score = z.number().min(0).max(100);

export const segmentSchema: z.ZodType<Segment> = z.lazy(() =>
  keyedUnion<Segment>({
    stageIn: z.strictObject({ stageIn: z.array(stageSchema).min(1) }),
    health: z
      .strictObject({ health: z.strictObject({ below: score.optional(), atLeast: score.optional() }) })
      .refine((s) => s.health.below !== undefined || s.health.atLeast !== undefined, 'give below, atLeast or both'),
    hasTag: z.strictObject({ hasTag: z.string().min(1) }),
    attribute: z
      .strictObject({
        attribute: attributeName,
        equals: z.union([z.string(), z.number(), z.boolean()]).optional(),
        before: calendarDate.optional(),
        after: calendarDate.optional(),
        within: durationSchema.optional(),
      })
      .refine((s) => [s.equals, s.before, s.after, s.within].some((v) => v !== undefined), 'give equals, before, after or within')
      .refine((s) => s.equals === undefined || [s.before, s.after, s.within].every((v) => v === undefined), 'equals cannot be combined with before, after or within'),
    event: z.strictObject({ event: z.string().min(1), within: durationSchema }),
    all: z.strictObject({ all: z.array(segmentSchema).min(1) }),
    any: z.strictObject({ any: z.array(segmentSchema).min(1) }),
    not: z.strictObject({ not: segmentSchema }),
  }),
);

/** A customer as a segment sees them (the fields store/segment-query.ts reads). */
export interface SegmentCustomer {
  stage?: string | null;
  tags?: string[] | null;
  health?: { score?: number | null } | null;
  attributes?: Record<string, unknown> | null;
}

/** When each event type the segment asks about last happened for this customer (epoch ms). */
export type RecentEvents = ReadonlyMap<string, number>;

const DAY_MS = 86_400_000;
const utcDate = (epochMs: number) => new Date(epochMs).toISOString().slice(0, 10);

/** The `[from, to]` calendar dates (UTC) of an attribute's `within` period starting today. */
export function withinDates(within: Duration, now: number): { from: string; to: string } {
  return { from: utcDate(now), to: utcDate(now + Math.max(0, durationToMs(within) - DAY_MS)) };
}

/** The event types and the longest look-back the segment's event terms need (none: no events query). */
export function eventTerms(segment: Segment): { types: string[]; lookBackMs: number } {
  const terms: { event: string; within: Duration }[] = [];
  const walk = (s: Segment): void => {
    if ('event' in s) terms.push(s);
    else if ('all' in s) s.all.forEach(walk);
    else if ('any' in s) s.any.forEach(walk);
    else if ('not' in s) walk(s.not);
  };
  walk(segment);
  return { types: [...new Set(terms.map((t) => t.event))], lookBackMs: Math.max(0, ...terms.map((t) => durationToMs(t.within))) };
}

function attributeMatches(term: Extract<Segment, { attribute: string }>, value: unknown, now: number): boolean {
  if (term.equals !== undefined) return Array.isArray(value) ? value.includes(term.equals) : value === term.equals;
  if (typeof value !== 'string') return false;
  if (term.before !== undefined && !(value < term.before)) return false;
  if (term.after !== undefined && !(value > term.after)) return false;
  if (term.within !== undefined) {
    const { from, to } = withinDates(term.within, now);
    if (value < from || value > to) return false;
  }
  return true;
}

/** Whether the customer is in the segment at `now`; `recent` holds their latest event of each type the segment names. */
export function segmentMatches(segment: Segment, customer: SegmentCustomer, recent: RecentEvents, now: number): boolean {
  if ('stageIn' in segment) return customer.stage != null && (segment.stageIn as string[]).includes(customer.stage);
  if ('health' in segment) {
    const value = customer.health?.score;
    if (typeof value !== 'number') return false;
    return (segment.health.below === undefined || value < segment.health.below) && (segment.health.atLeast === undefined || value >= segment.health.atLeast);
  }
  if ('hasTag' in segment) return (customer.tags ?? []).includes(segment.hasTag);
  if ('attribute' in segment) return attributeMatches(segment, customer.attributes?.[segment.attribute], now);
  if ('event' in segment) {
    const last = recent.get(segment.event);
    return last !== undefined && last >= now - durationToMs(segment.within);
  }
  if ('all' in segment) return segment.all.every((s) => segmentMatches(s, customer, recent, now));
  if ('any' in segment) return segment.any.some((s) => segmentMatches(s, customer, recent, now));
  return !segmentMatches(segment.not, customer, recent, now);
}
