import { Router } from 'express';
import { z } from 'zod';
import { journeyToMermaid } from '../../domain/diagram.js';
import { allSteps, type Journey } from '../../domain/journey.js';
import { customerIdSchema } from '../../domain/events.js';
import { findJourney, journeys } from '../../journeys/index.js';
import { CustomerModel } from '../../store/models/customer.js';
import type { JourneyRunner } from '../../temporal/journey-runner.js';
import { route } from '../access.js';
import { noteChange } from '../audit-trail.js';
import { HttpProblem, parseInput } from '../problem.js';

const journeyParams = z.object({ id: z.string() });
const runParams = z.object({ id: z.string(), customerId: customerIdSchema });
export const enrollmentSchema = z.strictObject({
  customerId: customerIdSchema,
  /** Why this customer is enrolled by hand: kept in the audit log. */
  reason: z.string().trim().min(1).max(500).optional(),
});
/** Why a person ends a run by hand: in the run's history as its end reason. */
export const runEndSchema = z.strictObject({ reason: z.string().trim().min(1).max(500) });

function journeyOr404(id: string): Journey {
  const journey = findJourney(id);
  if (!journey) throw new HttpProblem(404, 'Journey not found', `No journey "${id}"; known: ${journeys.map((j) => j.id).join(', ')}.`);
  return journey;
}

const summary = (journey: Journey) => ({
  id: journey.id,
  name: journey.name,
  version: journey.version,
  entry: journey.entry,
  reentry: journey.reentry,
  /** The events (and task outcomes) that reach the goal, and the events that end a run early. */
  goal: journey.goal ? { events: journey.goal.events, tasks: journey.goal.tasks ?? [] } : null,
  exit: journey.exit ?? null,
  steps: allSteps(journey).length,
});

export function journeyRoutes(runner: JourneyRunner): Router {
  const router = Router();

  route(router, 'GET /v1/journeys', (_req, res) => {
    res.json({ journeys: journeys.map(summary) });
  });

  route(router, 'GET /v1/journeys/:id', (req, res) => {
    const journey = journeyOr404(parseInput(journeyParams, req.params, 'params').id);
    const { version, ...definition } = journey;
    res.json({ ...summary(journey), version, definition, mermaid: journeyToMermaid(journey) });
  });

  /** Starts a run by hand; 409 with the reason when one is running or the re-entry policy forbids another. */
  route(router, 'POST /v1/journeys/:id/enrollments', async (req, res) => {
    const journey = journeyOr404(parseInput(journeyParams, req.params, 'params').id);
    const { customerId, reason } = parseInput(enrollmentSchema, req.body);
    if (!(await CustomerModel.exists({ _id: customerId }))) throw new HttpProblem(404, 'Customer not found', `No customer "${customerId}".`);
    const result = await runner.enroll(journey, customerId);
    if (!result.started) throw new HttpProblem(409, 'Not enrolled', result.reason, { workflowId: result.workflowId });
    noteChange(res, { target: customerId, field: 'journey', to: journey.id, reason });
    res.status(201).json({ journeyId: journey.id, version: journey.version, customerId, workflowId: result.workflowId });
  });

  route(router, 'GET /v1/journeys/:id/runs/:customerId', async (req, res) => {
    const { id, customerId } = parseInput(runParams, req.params, 'params');
    journeyOr404(id);
    const run = await runner.runState(id, customerId);
    if (!run) throw new HttpProblem(404, 'Run not found', `Customer "${customerId}" has no run of "${id}".`);
    res.json({ status: run.status, ...run.state });
  });

  /** Ends the customer's running run of the journey by hand, through the run itself: 202 once it is told; 404 when none runs. */
  route(router, 'POST /v1/journeys/:id/runs/:customerId/end', async (req, res) => {
    const { id, customerId } = parseInput(runParams, req.params, 'params');
    journeyOr404(id);
    const { reason } = parseInput(runEndSchema, req.body);
    const ended = await runner.endRun(id, customerId, reason);
    if (!ended) throw new HttpProblem(404, 'Run not found', `Customer "${customerId}" has no running run of "${id}".`);
    noteChange(res, { target: customerId, field: `run:${id}`, from: 'running', to: 'exited', reason });
    res.status(202).json({ journeyId: id, customerId, ...ended, outcome: 'exited', reason });
  });

  return router;
}
