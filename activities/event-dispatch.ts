import { heartbeat, log } from '@temporalio/activity';
import type { CustomerEvent } from '../domain/events.js';
import { inLanes, STORE_CALLS_AT_ONCE } from '../store/connection.js';
import { asCustomerEvent, findEvent, isSettled } from '../store/models/event.js';

/** Hands an event to its customer's lifecycle workflow (signal-with-start); the Temporal client does it. */
export interface EventDispatchDeps {
  lifecycles: { deliverToLifecycle(event: CustomerEvent): Promise<void> };
}

export interface EventBatchInput {
  /** Stored events, in the order they were sent. */
  eventIds: string[];
}

export interface EventBatchDelivery {
  delivered: number;
  customers: number;
  /** Applied already (a retried batch, or a retried attempt of this activity): not sent again. */
  applied: number;
}

/** Customers whose lifecycles are signalled at a time; each customer's events go one after the other. */
const CUSTOMERS_AT_ONCE = 16;

export function createEventDispatchActivities({ lifecycles }: EventDispatchDeps) {
  /**
   * Reads each event back by id and signal-with-starts its customer's lifecycle: in the given order per
   * customer, customers in parallel. Events applied already are skipped; a retried attempt signals again
   * what it may have signalled before, which the lifecycle ignores by eventId.
   */
  async function dispatchStoredEvents({ eventIds }: EventBatchInput): Promise<EventBatchDelivery> {
    const docs: Awaited<ReturnType<typeof findEvent>>[] = new Array(eventIds.length);
    await inLanes(eventIds, STORE_CALLS_AT_ONCE, async (eventId, index) => {
      docs[index] = await findEvent(eventId);
      heartbeat(`read ${eventId}`);
    });
    const byCustomer = new Map<string, CustomerEvent[]>();
    let applied = 0;
    docs.forEach((doc, index) => {
      if (!doc) return log.warn('an event of the batch is not in the store; skipped', { eventId: eventIds[index] });
      if (isSettled(doc)) return (applied += 1);
      const events = byCustomer.get(doc.customerId) ?? [];
      if (events.length === 0) byCustomer.set(doc.customerId, events);
      events.push(asCustomerEvent(doc));
    });
    let delivered = 0;
    await inLanes([...byCustomer.values()], CUSTOMERS_AT_ONCE, async (events) => {
      for (const event of events) {
        await lifecycles.deliverToLifecycle(event);
        heartbeat(`delivered ${(delivered += 1)}`);
      }
    });
    return { delivered, customers: byCustomer.size, applied };
  }

  return { dispatchStoredEvents };
}
