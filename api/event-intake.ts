import { randomUUID } from 'node:crypto';
import type { CustomerEvent, CustomerEventInput } from '../domain/events.js';
import { isDuplicateKeyError } from '../store/errors.js';
import { CustomerModel } from '../store/models/customer.js';
import { EventModel } from '../store/models/event.js';
import type { JourneyRunner } from '../temporal/journey-runner.js';

export interface IntakeResult {
  eventId: string;
  /** `accepted`: handed to the customer's lifecycle now; `duplicate`: this eventId was handed over before, nothing done. */
  status: 'accepted' | 'duplicate';
}

/**
 * Records an event and hands it to the customer's lifecycle workflow exactly once per eventId. The
 * event is stored first and marked dispatched last, so a delivery that failed half-way (a 503) is
 * completed by the client's retry; the workflow ignores an eventId it has seen.
 */
export async function acceptEvent(input: CustomerEventInput, runner: JourneyRunner, now = new Date()): Promise<IntakeResult> {
  const event: CustomerEvent = {
    eventId: input.eventId ?? randomUUID(),
    customerId: input.customerId,
    type: input.type,
    occurredAt: input.occurredAt ? new Date(input.occurredAt).toISOString() : now.toISOString(),
    properties: input.properties ?? {},
  };
  try {
    await EventModel.create({ ...event, occurredAt: new Date(event.occurredAt), receivedAt: now });
  } catch (error) {
    if (!isDuplicateKeyError(error)) throw error;
    const earlier = await EventModel.findOne({ eventId: event.eventId }, { dispatchedAt: 1 }).orFail().lean();
    if (earlier.dispatchedAt) return { eventId: event.eventId, status: 'duplicate' };
  }
  await dispatch(event, runner);
  await EventModel.updateOne({ eventId: event.eventId }, { $set: { dispatchedAt: new Date() } });
  return { eventId: event.eventId, status: 'accepted' };
}

/** Makes sure the customer exists, then hands the event to their lifecycle workflow, which acts on it. */
async function dispatch(event: CustomerEvent, runner: JourneyRunner): Promise<void> {
  await CustomerModel.updateOne({ _id: event.customerId }, { $setOnInsert: { _id: event.customerId } }, { upsert: true });
  await runner.deliverToLifecycle(event);
}
