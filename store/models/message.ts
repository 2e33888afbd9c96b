import { type InferSchemaType, model, Schema } from 'mongoose';

/**
 * The send ledger: one row per message, keyed by a key made in the workflow, checked before any provider
 * call. Stored under its send key (`_id`), so a send finds its row by the `_id` index (FerretDB's SQLite
 * backend reads the whole collection for a filter without `_id`). Rows stored before that have an
 * ObjectId `_id`; the unique `sendKey` guards them.
 */
const messageSchema = new Schema(
  {
    /** The send key (`sendKey`). */
    _id: { type: String, required: true },
    sendKey: { type: String, required: true, unique: true },
    customerId: { type: String, required: true },
    channel: { type: String, enum: ['email', 'sms', 'wecom'], required: true },
    template: { type: String, required: true },
    journeyId: String,
    workflowId: String,
    to: String,
    locale: String,
    subject: String,
    /**
     * `outbox`: rendered and kept, not handed to a provider (none configured). `delivered` and a
     * `failed` after `sent` come from the provider's status callback. `unconfirmed`: an attempt was cut
     * short after it may have reached a provider that cannot be asked (SMTP), so it is not sent again.
     */
    status: { type: String, enum: ['pending', 'sent', 'delivered', 'failed', 'skipped', 'outbox', 'unconfirmed'], required: true },
    text: String,
    reason: String,
    providerMessageId: String,
    /** Set just before the provider is called: a retry that finds it asks the provider before sending again. */
    attemptedAt: Date,
    sentAt: Date,
    deliveredAt: Date,
    failedAt: Date,
  },
  { timestamps: true, versionKey: false },
);
messageSchema.index({ customerId: 1, createdAt: -1 });
// Status callbacks name the message by the provider's id (Twilio's SID).
messageSchema.index({ providerMessageId: 1 });

export type MessageDoc = InferSchemaType<typeof messageSchema>;
export const MessageModel = model('Message', messageSchema, 'messages');
