import { asCustomerEvent, EventModel, findEvent } from './models/event.js';
import { type ParkedEventDoc, ParkedEventModel } from './models/parked-event.js';
import type { CustomerEvent } from '../domain/events.js';

/** Parked events, the latest first: all of them, or one customer's. */
export async function listParkedEvents({ customerId, limit }: { customerId?: string; limit: number }): Promise<ParkedEventDoc[]> {
  return ParkedEventModel.find(customerId ? { customerId } : {}).sort({ parkedAt: -1 }).limit(limit).lean();
}

/**
 * Takes an event out of the parked ones so it can be handed to its lifecycle again: the row goes and the
 * event is no longer marked. Returns the event, or undefined when it is not parked (or not stored).
 */
export async function unpark(eventId: string): Promise<CustomerEvent | undefined> {
  const parked = await ParkedEventModel.findById(eventId).lean();
  const stored = parked ? await findEvent(eventId) : null;
  if (!parked || !stored) return undefined;
  // The mark goes first: should the lifecycle park it again, it writes a new row that must stay.
  await EventModel.updateOne({ _id: eventId }, { $unset: { parkedAt: 1 } });
  await ParkedEventModel.deleteOne({ _id: eventId });
  return asCustomerEvent(stored);
}
