import type { CustomerEvent } from '../domain/events.js';
import { isDuplicateKeyError } from './errors.js';
import { EventModel } from './models/event.js';

/** Stores an event under its id; false when one with that id was stored before (nothing written). */
export async function recordEvent(event: CustomerEvent, receivedAt = new Date()): Promise<boolean> {
  try {
    await EventModel.create({ _id: event.eventId, ...event, occurredAt: new Date(event.occurredAt), receivedAt });
    return true;
  } catch (error) {
    if (isDuplicateKeyError(error)) return false;
    throw error;
  }
}
