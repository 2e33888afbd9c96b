import { type InferSchemaType, model, Schema } from 'mongoose';
import { ROLES } from '../../domain/roles.js';

/** A person who signs in to the API (and the console). Made with `npm run users -- add`. */
const userSchema = new Schema(
  {
    /** The sign-in name, lower-case; unique as the `_id`. */
    _id: { type: String, required: true },
    role: { type: String, enum: ROLES, required: true },
    /** `scrypt$<N>$<r>$<p>$<salt>$<hash>` (store/password-hash.ts): the parameters travel with the hash. */
    passwordHash: { type: String, required: true },
    createdAt: { type: Date, required: true },
    /** A disabled person cannot sign in, and their open sessions stop working. */
    disabled: { type: Boolean, default: false },
    disabledAt: Date,
  },
  { versionKey: false },
);

export type UserDoc = InferSchemaType<typeof userSchema>;
export const UserModel = model('User', userSchema, 'users');
