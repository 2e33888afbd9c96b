import { type InferSchemaType, model, Schema } from 'mongoose';

/**
 * An event its customer's lifecycle could not apply, set aside with the reason so the customer's next
 * events go on. One row per event (`_id` = eventId): ops list them, fix the cause and re-drive them.
 */
const parkedEventSchema = new Schema(
  {
    _id: { type: String, required: true },
    customerId: { type: String, required: true },
    type: { type: String, required: true },
    reason: { type: String, required: true },
    parkedAt: { type: Date, required: true },
    /** The lifecycle run that parked it (its page in the Temporal UI shows the step). */
    workflowId: { type: String, required: true },
    runId: { type: String, required: true },
  },
  { versionKey: false },
);

export type ParkedEventDoc = InferSchemaType<typeof parkedEventSchema>;
export const ParkedEventModel = model('ParkedEvent', parkedEventSchema, 'parked_events');
