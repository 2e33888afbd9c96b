import { type InferSchemaType, model, Schema } from 'mongoose';

/**
 * A signed-in person's session. Stored under the SHA-256 of its cookie's token, so the store alone
 * cannot be used to act as anyone. No TTL index (FerretDB has none): expiry is checked on use, and a
 * person's expired sessions are removed when they sign in again.
 */
const sessionSchema = new Schema(
  {
    /** SHA-256 of the session token, hex. */
    _id: { type: String, required: true },
    name: { type: String, required: true },
    /** Sent back as `X-CSRF-Token` on every write made with the cookie. */
    csrfToken: { type: String, required: true },
    createdAt: { type: Date, required: true },
    expiresAt: { type: Date, required: true },
  },
  { versionKey: false },
);
sessionSchema.index({ name: 1 });

export type SessionDoc = InferSchemaType<typeof sessionSchema>;
export const SessionModel = model('Session', sessionSchema, 'sessions');
