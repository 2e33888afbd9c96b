import { type InferSchemaType, model, Schema } from 'mongoose';
import { actorSchema } from './actor.js';

/**
 * A decision a person makes: a run waiting to go on with a step for a sensitive customer, or a
 * sensitive stage change (e.g. high value → cold) waiting to apply. Stored under its key (`_id`, the id
 * the API names it by), so it is found by the `_id` index (FerretDB's SQLite backend reads the whole
 * collection for a filter without `_id`). Rows stored before that have an ObjectId `_id`; the unique
 * `approvalKey` guards them.
 */
const approvalSchema = new Schema(
  {
    /** The approval key (`approvalKey`). */
    _id: { type: String, required: true },
    approvalKey: { type: String, required: true, unique: true },
    kind: { type: String, enum: ['journey-step', 'stage-change'], default: 'journey-step' },
    customerId: { type: String, required: true },
    /** For a journey step: the run waiting for the decision. */
    journeyId: String,
    workflowId: String,
    /** For a stage change: what applies once approved. */
    stageChange: { type: new Schema({ from: String, to: String, reason: String, source: String }, { _id: false }), default: undefined },
    reason: { type: String, required: true },
    status: { type: String, enum: ['pending', 'approved', 'rejected'], default: 'pending' },
    decidedAt: Date,
    /** Who decided, over the API. */
    decidedBy: { type: actorSchema, default: undefined },
  },
  { timestamps: true, versionKey: false },
);
approvalSchema.index({ status: 1 });

export type ApprovalDoc = InferSchemaType<typeof approvalSchema>;
export const ApprovalModel = model('Approval', approvalSchema, 'approvals');
