import { randomUUID } from 'node:crypto';
import type { CustomerEvent, CustomerEventInput } from '../domain/events.js';
import { isDuplicateKeyError } from '../store/errors.js';
import { customerForIdentity, survivorOf } from '../store/identities.js';
import { CustomerModel } from '../store/models/customer.js';
import { EventModel } from '../store/models/event.js';
import type { JourneyRunner } from '../temporal/journey-runner.js';

export interface IntakeResult {
  eventId: string;
  /** `accepted`: handed to the customer's lifecycle now; `duplicate`: this eventId was handed over before, nothing done. */
  status: 'accepted' | 'duplicate';
  /** The customer the event is for: the one named, the identity's owner (new if unknown), or the survivor of a merge. */
  customerId: string;
}

/**
 * Records an event and hands it to the customer's lifecycle workflow exactly once per eventId. The
 * event is stored first and marked dispatched last, so a delivery that failed half-way (a 503) is
 * completed by the client's retry; the workflow ignores an eventId it has seen.
 */
export async function acceptEvent(input: CustomerEventInput, runner: JourneyRunner, now = new Date()): Promise<IntakeResult> {
  // An identity always resolves to the same customer, so a retried event by identity finds its first copy.
  const customerId = await survivorOf(await addressee(input, now));
  const event: CustomerEvent = {
    eventId: input.eventId ?? randomUUID(),
    customerId,
    type: input.type,
    occurredAt: input.occurredAt ? new Date(input.occurredAt).toISOString() : now.toISOString(),
    properties: input.properties ?? {},
  };
  try {
    await EventModel.create({ ...event, occurredAt: new Date(event.occurredAt), receivedAt: now });
  } catch (error) {
    if (!isDuplicateKeyError(error)) throw error;
    const earlier = await EventModel.findOne({ eventId: event.eventId }, { dispatchedAt: 1, customerId: 1 }).orFail().lean();
    if (earlier.dispatchedAt) return { eventId: event.eventId, status: 'duplicate', customerId: earlier.customerId };
  }
  await dispatch(event, runner);
  await EventModel.updateOne({ eventId: event.eventId }, { $set: { dispatchedAt: new Date() } });
  return { eventId: event.eventId, status: 'accepted', customerId };
}

async function addressee({ customerId, identity }: CustomerEventInput, now: Date): Promise<string> {
  if (identity) return customerForIdentity(identity, now);
  if (customerId) return customerId;
  throw new Error('an event input needs a customerId or an identity');
}

/** Makes sure the customer exists, then hands the event to their lifecycle workflow, which acts on it. */
async function dispatch(event: CustomerEvent, runner: JourneyRunner): Promise<void> {
  await CustomerModel.updateOne({ _id: event.customerId }, { $setOnInsert: { _id: event.customerId } }, { upsert: true });
  await runner.deliverToLifecycle(event);
}
