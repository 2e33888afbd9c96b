import type { CustomerEvent } from './events.js';

/** Events older than this are refused by the lifecycle: no customer of Tideway's interacted before it. */
export const EARLIEST_EVENT_TIME = '2000-01-01T00:00:00.000Z';
/** How far ahead of the lifecycle's clock an event may say it happened (clock skew between services). */
export const MAX_EVENT_LEAD_MS = 24 * 3_600_000;

/** What an event would leave the customer with: only the parts a bad value can break. */
export interface FactsAfter {
  orders: number;
  totalValue: number;
}

/**
 * Why the lifecycle cannot apply this event, or undefined when it can. The API refuses such events at
 * the door; this is the lifecycle's own guard for what reached it anyway (events stored before the door
 * checked them, a bug, a re-drive): applied, one of them would freeze the silence timer, start a
 * win-back at once, or leave totals the store cannot hold, and stall the customer.
 */
export function whyUnappliable(event: CustomerEvent, after: FactsAfter, now: number): string | undefined {
  const at = Date.parse(event.occurredAt);
  if (Number.isNaN(at)) return `occurredAt "${event.occurredAt}" is not a date`;
  if (at < Date.parse(EARLIEST_EVENT_TIME)) return `occurredAt ${event.occurredAt} is before ${EARLIEST_EVENT_TIME.slice(0, 10)}`;
  if (at > now + MAX_EVENT_LEAD_MS) return `occurredAt ${event.occurredAt} is more than a day ahead`;
  if (!Number.isSafeInteger(after.orders)) return `the order count would be ${after.orders}`;
  if (!Number.isFinite(after.totalValue) || after.totalValue > Number.MAX_SAFE_INTEGER) return `the customer's total value would be ${after.totalValue}`;
  return undefined;
}
