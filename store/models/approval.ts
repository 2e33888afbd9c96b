import { type InferSchemaType, model, Schema } from 'mongoose';

/** A run waiting for a person to approve a step for a sensitive customer. */
const approvalSchema = new Schema(
  {
    approvalKey: { type: String, required: true, unique: true },
    customerId: { type: String, required: true },
    journeyId: { type: String, required: true },
    workflowId: { type: String, required: true },
    reason: { type: String, required: true },
    status: { type: String, enum: ['pending', 'approved', 'rejected'], default: 'pending' },
    decidedAt: Date,
  },
  { timestamps: true, versionKey: false },
);
approvalSchema.index({ status: 1 });

export type ApprovalDoc = InferSchemaType<typeof approvalSchema>;
export const ApprovalModel = model('Approval', approvalSchema, 'approvals');
