import { Schema } from 'mongoose';
import { ROLES } from '../../domain/roles.js';

export const ACTOR_KINDS = ['user', 'key', 'cli'] as const;

/** Who did something: a signed-in person, an API key (by its name), or `npm run users` (by the OS user). */
export const actorSchema = new Schema(
  {
    kind: { type: String, enum: ACTOR_KINDS, required: true },
    name: { type: String, required: true },
    role: { type: String, enum: [...ROLES, null], default: null },
  },
  { _id: false },
);
