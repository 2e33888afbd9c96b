import type { CustomerEvent } from '../domain/events.js';
import { EventModel } from '../store/models/event.js';
import { ParkedEventModel } from '../store/models/parked-event.js';

export interface ParkedEvent {
  event: Pick<CustomerEvent, 'eventId' | 'customerId' | 'type'>;
  reason: string;
  workflowId: string;
  runId: string;
}

/**
 * Sets an event aside for good, with why: listed with the parked events, and marked on the event so a
 * resend by its service answers `duplicate` instead of handing it over again.
 */
export async function parkEvent({ event, reason, workflowId, runId }: ParkedEvent): Promise<void> {
  const parkedAt = new Date();
  await ParkedEventModel.updateOne(
    { _id: event.eventId },
    { $set: { customerId: event.customerId, type: event.type, reason, parkedAt, workflowId, runId } },
    { upsert: true },
  );
  await EventModel.updateOne({ _id: event.eventId }, { $set: { parkedAt } });
}
