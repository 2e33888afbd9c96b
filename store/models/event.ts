import { type InferSchemaType, model, Schema } from 'mongoose';

/** Every event a service sent; the unique eventId is what makes a retried delivery act once. */
const eventSchema = new Schema(
  {
    eventId: { type: String, required: true, unique: true },
    customerId: { type: String, required: true },
    type: { type: String, required: true },
    occurredAt: { type: Date, required: true },
    properties: { type: Schema.Types.Mixed, default: {} },
    receivedAt: { type: Date, required: true },
    /** Set once journeys and stages have acted on the event; unset means a redelivery must act again. */
    dispatchedAt: { type: Date, default: null },
  },
  { versionKey: false, minimize: false },
);
eventSchema.index({ customerId: 1, occurredAt: -1 });

export type EventDoc = InferSchemaType<typeof eventSchema>;
export const EventModel = model('Event', eventSchema, 'events');
