import { type InferSchemaType, model, Schema } from 'mongoose';
import { IDENTITY_KINDS } from '../../domain/identities.js';

/**
 * Who an identity belongs to. The key (`identityKey`) is the `_id`, so the store itself lets an
 * identity belong to one customer at most (a unique `_id`, not a unique multikey index, which
 * FerretDB v1 does not enforce reliably).
 */
const identitySchema = new Schema(
  {
    _id: { type: String, required: true },
    kind: { type: String, enum: IDENTITY_KINDS, required: true },
    system: String,
    value: { type: String, required: true },
    customerId: { type: String, required: true },
    claimedAt: { type: Date, required: true },
  },
  { versionKey: false },
);
identitySchema.index({ customerId: 1 });

export type IdentityDoc = InferSchemaType<typeof identitySchema>;
export const IdentityModel = model('Identity', identitySchema, 'identities');
