import { Router } from 'express';
import { isValidObjectId } from 'mongoose';
import { z } from 'zod';
import { ApprovalModel } from '../../store/models/approval.js';
import type { JourneyRunner } from '../../temporal/journey-runner.js';
import { HttpProblem, parseInput } from '../problem.js';

export const approvalDecisionSchema = z.strictObject({ decision: z.enum(['approved', 'rejected']) });
const idParams = z.object({ id: z.string().refine(isValidObjectId, 'an approval id') });

export function approvalRoutes(runner: JourneyRunner): Router {
  const router = Router();

  router.get('/v1/approvals', async (_req, res) => {
    const pending = await ApprovalModel.find({ status: 'pending' }).sort({ createdAt: 1 }).limit(500).lean();
    res.json({ approvals: pending.map(({ _id, ...approval }) => ({ id: String(_id), ...approval })) });
  });

  /** Decides once; 409 for a second decision. The waiting run hears of it before it is recorded. */
  router.post('/v1/approvals/:id', async (req, res) => {
    const { id } = parseInput(idParams, req.params, 'params');
    const { decision } = parseInput(approvalDecisionSchema, req.body);
    const approval = await ApprovalModel.findById(id).lean();
    if (!approval) throw new HttpProblem(404, 'Approval not found', `No approval "${id}".`);
    if (approval.status !== 'pending') throw new HttpProblem(409, 'Already decided', `Approval "${id}" was ${approval.status}.`);
    await runner.approvalDecided(approval.workflowId, { approvalKey: approval.approvalKey, decision });
    const decided = await ApprovalModel.findOneAndUpdate(
      { _id: id, status: 'pending' },
      { $set: { status: decision, decidedAt: new Date() } },
      { returnDocument: 'after', lean: true },
    );
    if (!decided) throw new HttpProblem(409, 'Already decided', `Approval "${id}" was decided meanwhile.`);
    const { _id, ...rest } = decided;
    res.json({ id: String(_id), ...rest });
  });

  return router;
}
