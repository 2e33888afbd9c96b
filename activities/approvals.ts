import { insertOnce } from '../store/insert-once.js';
import { ApprovalModel } from '../store/models/approval.js';
import type { StepRef } from './refs.js';

export interface CreateApprovalInput extends StepRef {
  /** Made in the workflow: one approval request per step and run. */
  approvalKey: string;
  reason: string;
}

/** Asks a person to approve; `POST /v1/approvals/:id` (the id is the key) brings the decision back to the run. */
export async function createApproval(input: CreateApprovalInput): Promise<{ approvalId: string }> {
  const approval = await insertOnce(ApprovalModel, { approvalKey: input.approvalKey }, {
    customerId: input.customerId,
    journeyId: input.journeyId,
    workflowId: input.workflowId,
    reason: input.reason,
    status: 'pending',
  });
  return { approvalId: approval._id };
}
