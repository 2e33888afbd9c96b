import { type InferSchemaType, model, Schema } from 'mongoose';

/** A secret Tideway made for itself, shared by the worker and the API through the store. */
const secretSchema = new Schema(
  {
    /** What it signs, e.g. `unsubscribe`. */
    _id: { type: String, required: true },
    value: { type: String, required: true },
    createdAt: { type: Date, required: true },
  },
  { versionKey: false },
);

export type SecretDoc = InferSchemaType<typeof secretSchema>;
export const SecretModel = model('Secret', secretSchema, 'secrets');
