import { model, Schema } from 'mongoose';

/**
 * An event the API stored and could not hand to its lifecycle (Temporal was down or slow, and the client
 * got a 503): the API hands it on itself once Temporal answers again, so nothing stored waits on a
 * client's resend. `_id` = eventId; the row goes once the event is handed on.
 */
const pendingHandoffSchema = new Schema(
  {
    _id: { type: String, required: true },
    since: { type: Date, required: true },
  },
  { versionKey: false },
);

export const PendingHandoffModel = model('PendingHandoff', pendingHandoffSchema, 'pending_handoffs');
