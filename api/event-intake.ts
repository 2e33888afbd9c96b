import { randomUUID } from 'node:crypto';
import type { CustomerEvent, CustomerEventInput } from '../domain/events.js';
import { changeStage } from '../store/customers.js';
import { isDuplicateKeyError } from '../store/errors.js';
import { CustomerModel } from '../store/models/customer.js';
import { EventModel } from '../store/models/event.js';
import type { JourneyRunner } from '../temporal/journey-runner.js';

export interface IntakeResult {
  eventId: string;
  /** `accepted`: acted on now; `duplicate`: this eventId was already acted on, nothing done. */
  status: 'accepted' | 'duplicate';
}

/**
 * Records an event and acts on it exactly once per eventId. The event is stored first and marked
 * dispatched last, so a delivery that failed half-way (a 503) is completed by the client's retry.
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

/** What an event changes: the stage rules of this version, new journey runs, and the customer's running journeys. */
async function dispatch(event: CustomerEvent, runner: JourneyRunner): Promise<void> {
  const customer = await CustomerModel.findOneAndUpdate(
    { _id: event.customerId },
    { $setOnInsert: { _id: event.customerId } },
    { upsert: true, returnDocument: 'after', lean: true },
  ).orFail();
  if (event.type === 'customer.registered' && (!customer.stage || customer.stage === 'new')) {
    await changeStage({ customerId: event.customerId, stage: 'new', reason: 'registered', source: `event:${event.type}` });
    await runner.onStageEntered(event.customerId, 'new');
  }
  await runner.onEvent(event);
}
