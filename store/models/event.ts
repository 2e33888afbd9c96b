import { type InferSchemaType, model, Schema } from 'mongoose';
import type { CustomerEvent } from '../../domain/events.js';

/**
 * Every event a service sent, stored under its eventId (`_id`), so a retried delivery finds its first
 * copy by the one lookup every store answers in O(1). Rows stored before that have an ObjectId `_id`;
 * the unique `eventId` still guards them and readers may still look them up by it.
 */
const eventSchema = new Schema(
  {
    _id: { type: String, required: true },
    eventId: { type: String, required: true, unique: true },
    customerId: { type: String, required: true },
    type: { type: String, required: true },
    occurredAt: { type: Date, required: true },
    properties: { type: Schema.Types.Mixed, default: {} },
    receivedAt: { type: Date, required: true },
    /** Set by the customer's lifecycle once it has applied the event; unset, a redelivery hands it over again. */
    appliedAt: { type: Date, default: null },
    /** Rows stored before `appliedAt`: the event was handed to its lifecycle, which counts as applied. */
    dispatchedAt: { type: Date },
    /** Set when the lifecycle could not apply the event and set it aside (`parked_events` says why); cleared by a re-drive. */
    parkedAt: { type: Date },
  },
  { versionKey: false, minimize: false },
);
eventSchema.index({ customerId: 1, occurredAt: -1 });
/** A customer's latest events of one type (templates' `orders`: store/customer-orders.ts). */
eventSchema.index({ customerId: 1, type: 1, occurredAt: -1 });

export type EventDoc = InferSchemaType<typeof eventSchema>;
export const EventModel = model('Event', eventSchema, 'events');

/**
 * True once the event needs no other delivery: its lifecycle applied it (or, before `appliedAt`, it was
 * handed over), or parked it (only ops hand a parked event over again, by a re-drive).
 */
export const isSettled = (event: Pick<EventDoc, 'appliedAt' | 'dispatchedAt' | 'parkedAt'>) => Boolean(event.appliedAt ?? event.dispatchedAt ?? event.parkedAt);

/** The event as journeys and lifecycles see it. */
export const asCustomerEvent = (doc: Pick<EventDoc, 'eventId' | 'customerId' | 'type' | 'occurredAt' | 'properties'>): CustomerEvent => ({
  eventId: doc.eventId,
  customerId: doc.customerId,
  type: doc.type,
  occurredAt: doc.occurredAt.toISOString(),
  properties: (doc.properties ?? {}) as Record<string, unknown>,
});

/** The stored event with this id: by `_id`, else (a row stored before `_id` was the eventId) by `eventId`, a full scan on FerretDB. */
export async function findEvent(eventId: string): Promise<EventDoc | null> {
  return (await EventModel.findById(eventId).lean()) ?? (await EventModel.findOne({ eventId }).lean());
}
