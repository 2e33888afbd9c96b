import { type OrderEvent, RECENT_ORDERS } from '../domain/template-orders.js';
import { EventModel } from './models/event.js';

/** The customer's latest `order.placed` events, newest first: one query on the events' customerId+type+occurredAt index. */
export async function latestOrderEvents(customerId: string, limit = RECENT_ORDERS): Promise<OrderEvent[]> {
  return EventModel.find({ customerId, type: 'order.placed' }, { _id: 0, eventId: 1, occurredAt: 1, properties: 1 }).sort({ occurredAt: -1 }).limit(limit).lean();
}
