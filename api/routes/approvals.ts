import { Router } from 'express';
import { z } from 'zod';
import { MANUAL_STAGE_EVENT_TYPE } from '../../domain/events.js';
import type { AuditActor } from '../../store/audit-log.js';
import { ApprovalModel } from '../../store/models/approval.js';
import type { JourneyRunner } from '../../temporal/journey-runner.js';
import { route } from '../access.js';
import { noteChange } from '../audit-trail.js';
import { acceptEvent } from '../event-intake.js';
import { actingNow } from '../principal.js';
import { HttpProblem, parseInput } from '../problem.js';

export const approvalQuerySchema = z.strictObject({
  /** `pending` (the default) lists oldest first, the others newest first. */
  status: z.enum(['pending', 'approved', 'rejected', 'all']).default('pending'),
  customerId: z.string().min(1).max(200).optional(),
});
export const approvalDecisionSchema = z.strictObject({ decision: z.enum(['approved', 'rejected']) });
/** An approval's id is its key (made where it was asked, e.g. `<runId>:<step>`), percent-encoded in the path. */
const idParams = z.object({ id: z.string().min(1).max(500, 'an approval id (its key)') });

type Approval = NonNullable<Awaited<ReturnType<typeof findApproval>>>;
const findApproval = (id: string) => ApprovalModel.findById(id).lean();
const asApproval = ({ _id, ...approval }: Approval) => ({ id: String(_id), ...approval });

export function approvalRoutes(runner: JourneyRunner): Router {
  const router = Router();

  route(router, 'GET /v1/approvals', async (req, res) => {
    const { status, customerId } = parseInput(approvalQuerySchema, req.query, 'query');
    const filter = { ...(status === 'all' ? {} : { status }), ...(customerId ? { customerId } : {}) };
    // A filter by customer reads the whole collection on FerretDB's SQLite backend; the page is bounded.
    const approvals = await ApprovalModel.find(filter).sort({ createdAt: status === 'pending' ? 1 : -1 }).limit(500).lean();
    res.json({ approvals: approvals.map(asApproval) });
  });

  route(router, 'GET /v1/approvals/:id', async (req, res) => {
    const { id } = parseInput(idParams, req.params, 'params');
    const approval = await findApproval(id);
    if (!approval) throw new HttpProblem(404, 'Approval not found', `No approval "${id}".`);
    res.json(asApproval(approval));
  });

  /** Decides once; 409 for a different second decision. */
  route(router, 'POST /v1/approvals/:id', async (req, res) => {
    const { id } = parseInput(idParams, req.params, 'params');
    const { decision } = parseInput(approvalDecisionSchema, req.body);
    const approval = await findApproval(id);
    if (!approval) throw new HttpProblem(404, 'Approval not found', `No approval "${id}".`);
    const by = actingNow(res);
    const decided = approval.kind === 'stage-change' ? await decideStageChange(approval, decision, by, runner) : await decideStep(approval, decision, by, runner);
    noteChange(res, { field: 'decision', from: approval.status, to: decision });
    res.json(asApproval(decided));
  });

  return router;
}

const alreadyDecided = (approval: Approval) => new HttpProblem(409, 'Already decided', `Approval "${String(approval._id)}" was ${approval.status}.`);

async function markDecided(approval: Approval, decision: 'approved' | 'rejected', by: AuditActor): Promise<Approval> {
  const decided = await ApprovalModel.findOneAndUpdate(
    { _id: approval._id, status: 'pending' },
    { $set: { status: decision, decidedAt: new Date(), decidedBy: by } },
    { returnDocument: 'after', lean: true },
  );
  if (!decided) throw new HttpProblem(409, 'Already decided', `Approval "${String(approval._id)}" was decided meanwhile.`);
  return decided;
}

/** A journey step: the waiting run hears of the decision before it is recorded. */
async function decideStep(approval: Approval, decision: 'approved' | 'rejected', by: AuditActor, runner: JourneyRunner): Promise<Approval> {
  if (approval.status !== 'pending') throw alreadyDecided(approval);
  await runner.approvalDecided(approval.workflowId!, { approvalKey: approval.approvalKey, decision });
  return markDecided(approval, decision, by);
}

/**
 * A sensitive stage change: the decision is recorded first (the lifecycle checks it), then an approved
 * change goes to the customer's lifecycle. Sending the same approval again completes a delivery that
 * failed half-way (503); the event id makes the lifecycle act on it once.
 */
async function decideStageChange(approval: Approval, decision: 'approved' | 'rejected', by: AuditActor, runner: JourneyRunner): Promise<Approval> {
  const repeat = approval.status === 'approved' && decision === 'approved';
  if (approval.status !== 'pending' && !repeat) throw alreadyDecided(approval);
  const decided = repeat ? approval : await markDecided(approval, decision, by);
  const change = approval.stageChange;
  if (decision === 'approved' && change?.to) {
    await acceptEvent(
      {
        eventId: `approval:${String(approval._id)}`,
        customerId: approval.customerId,
        type: MANUAL_STAGE_EVENT_TYPE,
        properties: { stage: change.to, reason: change.reason, source: `${change.source} (approved)`, approvalId: String(approval._id) },
      },
      runner,
    );
  }
  return decided;
}
