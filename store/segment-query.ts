import { eventTerms, type RecentEvents, type Segment, segmentMatches, withinDates } from '../domain/segment.js';
import { CustomerModel } from './models/customer.js';
import { EventModel } from './models/event.js';

type Filter = Record<string, unknown>;
const EVERYONE: Filter = {};
const NOBODY: Filter = { _id: { $in: [] } };

function attributeFilter(term: Extract<Segment, { attribute: string }>, now: number): Filter {
  const path = `attributes.${term.attribute}`;
  if (term.equals !== undefined) return { [path]: term.equals };
  const range: Record<string, string> = {};
  if (term.after !== undefined) range.$gt = term.after;
  if (term.before !== undefined) range.$lt = term.before;
  if (term.within !== undefined) {
    const { from, to } = withinDates(term.within, now);
    range.$gte = from;
    range.$lte = to;
  }
  // Dates are `YYYY-MM-DD` strings: string bounds compare them in calendar order and skip other types.
  return { [path]: range };
}

const and = (parts: Filter[]): Filter => {
  if (parts.some((p) => p === NOBODY)) return NOBODY;
  const kept = parts.filter((p) => p !== EVERYONE);
  return kept.length === 0 ? EVERYONE : kept.length === 1 ? kept[0]! : { $and: kept };
};
const or = (parts: Filter[]): Filter => {
  if (parts.some((p) => p === EVERYONE)) return EVERYONE;
  const kept = parts.filter((p) => p !== NOBODY);
  return kept.length === 0 ? NOBODY : kept.length === 1 ? kept[0]! : { $or: kept };
};
const nor = (part: Filter): Filter => (part === EVERYONE ? NOBODY : part === NOBODY ? EVERYONE : { $nor: [part] });

/**
 * The segment as a store filter. Recent-event terms are not in the customer document: `widest` lets them
 * all through (a filter every member matches, checked exactly per page), the narrow one lets none through
 * (what `not` turns into the widest again).
 */
export function segmentFilter(segment: Segment, now: number, widest = true): Filter {
  if ('stageIn' in segment) return { stage: { $in: segment.stageIn } };
  if ('health' in segment) {
    const { below, atLeast } = segment.health;
    return { 'health.score': { ...(atLeast !== undefined ? { $gte: atLeast } : {}), ...(below !== undefined ? { $lt: below } : {}) } };
  }
  if ('hasTag' in segment) return { tags: segment.hasTag };
  if ('attribute' in segment) return attributeFilter(segment, now);
  if ('event' in segment) return widest ? EVERYONE : NOBODY;
  if ('all' in segment) return and(segment.all.map((s) => segmentFilter(s, now, widest)));
  if ('any' in segment) return or(segment.any.map((s) => segmentFilter(s, now, widest)));
  return nor(segmentFilter(segment.not, now, !widest));
}

export interface SegmentPage {
  /** The customers of the page in the segment, in id order. */
  members: { id: string; timezone: string | null }[];
  /** Customers the page read (in the store filter); the next page starts after the last one. */
  examined: number;
  lastId: string | null;
}

/**
 * One page of the segment at `now`, in `_id` order after `afterId`: one query on customers (merged ones
 * left out), and, when the segment names events, one on the events of that page's customers.
 */
export async function segmentPage(segment: Segment, { afterId, pageSize, now }: { afterId: string | null; pageSize: number; now: number }): Promise<SegmentPage> {
  const filter = and([{ mergedInto: { $exists: false } }, ...(afterId ? [{ _id: { $gt: afterId } }] : []), segmentFilter(segment, now)]);
  const page = await CustomerModel.find(filter as never, { stage: 1, tags: 1, health: 1, attributes: 1, timezone: 1 })
    .sort({ _id: 1 })
    .limit(pageSize)
    .lean();
  const recent = await recentEvents(segment, page.map((c) => c._id), now);
  const members = page
    .filter((customer) => segmentMatches(segment, customer as Parameters<typeof segmentMatches>[1], recent.get(customer._id) ?? new Map(), now))
    .map((customer) => ({ id: customer._id, timezone: customer.timezone ?? null }));
  return { members, examined: page.length, lastId: page.at(-1)?._id ?? null };
}

/** Per customer, the latest event of each type the segment names within its longest look-back. */
async function recentEvents(segment: Segment, customerIds: string[], now: number): Promise<Map<string, RecentEvents>> {
  const { types, lookBackMs } = eventTerms(segment);
  const byCustomer = new Map<string, Map<string, number>>();
  if (!types.length || !customerIds.length) return byCustomer;
  const events = await EventModel.find({ customerId: { $in: customerIds }, type: { $in: types }, occurredAt: { $gte: new Date(now - lookBackMs) } }, { customerId: 1, type: 1, occurredAt: 1 }).lean();
  for (const event of events) {
    const seen = byCustomer.get(event.customerId) ?? new Map<string, number>();
    seen.set(event.type, Math.max(seen.get(event.type) ?? 0, event.occurredAt.getTime()));
    byCustomer.set(event.customerId, seen);
  }
  return byCustomer;
}
