import { type InferSchemaType, model, Schema } from 'mongoose';
import { actorSchema } from './actor.js';

/**
 * One change made through the API (or the users command): who, when, what, and from which value to
 * which where the route knows it. Appended, never updated.
 */
const auditEntrySchema = new Schema(
  {
    at: { type: Date, required: true },
    actor: { type: actorSchema, required: true },
    /** `POST`, `PUT`, `DELETE`; `CLI` for the users command. */
    method: { type: String, required: true },
    /** The route's pattern, `/v1/tasks/:id/complete`, or the command, `users add`. */
    route: { type: String, required: true },
    /** What it changed: a customer, task, approval, user, event id; null when nothing in particular. */
    target: { type: String, default: null },
    /** The field that changed, e.g. `stage`, `consent.email`, `outcome`, `decision`. */
    field: { type: String, default: null },
    from: { type: Schema.Types.Mixed, default: null },
    to: { type: Schema.Types.Mixed, default: null },
    /** Why, as the person gave it. */
    reason: { type: String, default: null },
    /** The HTTP status answered (2xx: only changes are recorded). */
    status: { type: Number, default: null },
  },
  // An empty `{}` from or to (a change that changed nothing) is kept, not dropped.
  { versionKey: false, minimize: false },
);
auditEntrySchema.index({ at: -1 });
auditEntrySchema.index({ 'actor.name': 1, at: -1 });
auditEntrySchema.index({ target: 1, at: -1 });

export type AuditEntryDoc = InferSchemaType<typeof auditEntrySchema>;
export const AuditEntryModel = model('AuditEntry', auditEntrySchema, 'audit_log');
