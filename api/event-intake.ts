import { randomUUID } from 'node:crypto';
import type { CustomerEvent } from '../domain/events.js';
import { StoreDeadlineError, withStoreDeadline } from '../store/connection.js';
import { recordEvent } from '../store/events.js';
import { customerForIdentity, survivorOf } from '../store/identities.js';
import { asCustomerEvent, findEvent, isSettled } from '../store/models/event.js';
import type { JourneyRunner } from '../temporal/journey-runner.js';
import type { EventHandoffs } from './event-handoffs.js';
import { countEvent } from './metrics.js';
import type { CustomerEventInput } from './event-input.js';
import type { IntakeResult } from './schemas.js';

/**
 * Records an event under its eventId and hands it to the customer's lifecycle workflow, which applies
 * it once per eventId and marks it applied: one insert and one signal-with-start before the 202. An
 * eventId stored before is `duplicate` once applied; until then (its delivery failed, a 503) the stored
 * event is handed over again and the lifecycle ignores it if it has it already. An event that may be
 * stored when the request fails is handed on by `handoffs`, without waiting for the client's resend.
 */
export async function acceptEvent(input: CustomerEventInput, runner: JourneyRunner, { now = new Date(), handoffs }: { now?: Date; handoffs?: EventHandoffs } = {}): Promise<IntakeResult> {
  let event = newEvent(input, await customerOf(input, now), now);
  const inserted = await withStoreDeadline(() => recordEvent(event, now)).catch((error: unknown) => {
    if (error instanceof StoreDeadlineError) handoffs?.maybeStored([event.eventId]);
    throw error;
  });
  if (!inserted) {
    const earlier = await withStoreDeadline(() => findEvent(event.eventId));
    if (!earlier) throw new Error(`event ${event.eventId} was refused as a duplicate but is not in the store`);
    if (isSettled(earlier)) {
      countEvent('duplicate');
      return { eventId: earlier.eventId, status: 'duplicate', customerId: earlier.customerId };
    }
    event = asCustomerEvent(earlier);
  }
  try {
    await runner.deliverToLifecycle(event);
  } catch (error) {
    await handoffs?.stored([event.eventId]);
    throw error;
  }
  countEvent('accepted');
  return { eventId: event.eventId, status: 'accepted', customerId: event.customerId };
}

/** The event as stored and delivered: with an id (random unless given), the customer it goes to and a time. */
export function newEvent(input: CustomerEventInput, customerId: string, now: Date): CustomerEvent {
  return {
    eventId: input.eventId ?? randomUUID(),
    customerId,
    type: input.type,
    occurredAt: input.occurredAt ? new Date(input.occurredAt).toISOString() : now.toISOString(),
    properties: input.properties ?? {},
  };
}

/**
 * Who the event is for: the customer named, or the identity's owner (a new customer if unknown), or
 * whoever they were merged into. An identity always resolves to the same customer, so a retried event
 * by identity finds its first copy.
 */
export async function customerOf({ customerId, identity }: CustomerEventInput, now: Date): Promise<string> {
  const named = identity ? await withStoreDeadline(() => customerForIdentity(identity, now)) : customerId;
  if (!named) throw new Error('an event input needs a customerId or an identity');
  return withStoreDeadline(() => survivorOf(named));
}
