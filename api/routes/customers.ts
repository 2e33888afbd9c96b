import { Router } from 'express';
import { changeStage } from '../../store/customers.js';
import { CustomerModel } from '../../store/models/customer.js';
import { JourneyRunModel } from '../../store/models/journey-run.js';
import type { JourneyRunner } from '../../temporal/journey-runner.js';
import { HttpProblem, parseInput } from '../problem.js';
import { customerParamsSchema, customerProfileSchema, stageChangeSchema } from '../schemas.js';

export function customerRoutes(runner: JourneyRunner): Router {
  const router = Router();

  router.put('/v1/customers/:id', async (req, res) => {
    const { id } = parseInput(customerParamsSchema, req.params, 'params');
    const profile = parseInput(customerProfileSchema, req.body);
    const existed = await CustomerModel.exists({ _id: id });
    await CustomerModel.updateOne({ _id: id }, { $set: profile }, { upsert: true });
    res.status(existed ? 200 : 201).json(await loadCustomer(id));
  });

  router.get('/v1/customers/:id', async (req, res) => {
    const { id } = parseInput(customerParamsSchema, req.params, 'params');
    res.json(await loadCustomer(id));
  });

  router.post('/v1/customers/:id/stage', async (req, res) => {
    const { id } = parseInput(customerParamsSchema, req.params, 'params');
    const { stage, reason } = parseInput(stageChangeSchema, req.body);
    if (!(await CustomerModel.exists({ _id: id }))) throw new HttpProblem(404, 'Customer not found', `No customer "${id}".`);
    const changed = await changeStage({ customerId: id, stage, reason, source: 'api' });
    const runs = changed ? await runner.onStageEntered(id, stage) : [];
    res.json({ customerId: id, stage, changed, startedRuns: runs.filter((run) => run.started).map((run) => run.workflowId) });
  });

  return router;
}

async function loadCustomer(id: string) {
  const customer = await CustomerModel.findById(id).lean();
  if (!customer) throw new HttpProblem(404, 'Customer not found', `No customer "${id}".`);
  const runs = await JourneyRunModel.find({ customerId: id }, { _id: 0, steps: 0 }).sort({ startedAt: -1 }).lean();
  const { _id, ...profile } = customer;
  return { id: _id, ...profile, stage: profile.stage ?? null, runs };
}
