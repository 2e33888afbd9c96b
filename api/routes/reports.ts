import { Router } from 'express';
import { z } from 'zod';
import { journeyToMermaid } from '../../domain/diagram.js';
import { allSteps } from '../../domain/journey.js';
import { stepPasses } from '../../domain/step-passes.js';
import { findJourney } from '../../journeys/index.js';
import { CustomerModel } from '../../store/models/customer.js';
import { JourneyRunModel } from '../../store/models/journey-run.js';
import { armResults, conversion } from '../../store/reports/journey-arms.js';
import { route } from '../access.js';
import { HttpProblem, parseInput } from '../problem.js';

export function reportRoutes(): Router {
  const router = Router();

  /**
   * How a journey is doing: runs entered, in progress, finished, goals reached, how many passed each
   * step, the conversion with its 95 % Wilson interval, the A/B arms with theirs (and against the holdout arm),
   * and the journey's diagram with those numbers on it.
   */
  route(router, 'GET /v1/reports/journeys/:id', async (req, res) => {
    const { id } = parseInput(z.object({ id: z.string() }), req.params, 'params');
    const journey = findJourney(id);
    if (!journey) throw new HttpProblem(404, 'Journey not found', `No journey "${id}".`);
    const [entered, inProgress, completed, goalReached, refused, steps, outcomes, arms] = await Promise.all([
      JourneyRunModel.countDocuments({ journeyId: id }),
      JourneyRunModel.countDocuments({ journeyId: id, status: 'running' }),
      JourneyRunModel.countDocuments({ journeyId: id, status: 'finished' }),
      JourneyRunModel.countDocuments({ journeyId: id, outcome: 'goal_reached' }),
      JourneyRunModel.countDocuments({ journeyId: id, outcome: 'refused' }),
      JourneyRunModel.aggregate<{ _id: string; count: number }>([
        { $match: { journeyId: id } },
        { $unwind: '$steps' },
        { $group: { _id: '$steps.key', count: { $sum: 1 } } },
      ]),
      JourneyRunModel.aggregate<{ _id: { outcome: string; reason: string }; count: number }>([
        { $match: { journeyId: id, status: 'finished' } },
        { $group: { _id: { outcome: '$outcome', reason: '$reason' }, count: { $sum: 1 } } },
      ]),
      armResults(journey),
    ]);
    const passed = stepPasses(allSteps(journey), new Map(steps.map((step) => [step._id, step.count])));
    const perStep = allSteps(journey).map((step) => ({ key: step.key, kind: step.kind, passed: passed.get(step.key) ?? 0 }));
    res.json({
      journeyId: id,
      version: journey.version,
      entered,
      inProgress,
      completed,
      goalReached,
      refused,
      ...conversion(goalReached, entered),
      outcomes: outcomes
        .map(({ _id, count }) => ({ outcome: _id.outcome, reason: _id.reason ?? null, count }))
        .sort((a, b) => b.count - a.count),
      steps: perStep,
      arms,
      mermaid: journeyToMermaid(journey, { steps: Object.fromEntries(perStep.map((step) => [step.key, step.passed])), entered, goalReached }),
    });
  });

  /** Who is in the cold pool, since when, and why (B-1: ops see the customer moved to the recovery plan, with the reason). */
  route(router, 'GET /v1/reports/cold-pool', async (_req, res) => {
    const [count, customers] = await Promise.all([
      CustomerModel.countDocuments({ stage: 'cold' }),
      CustomerModel.find({ stage: 'cold' }, { stageHistory: 1 }).sort({ stageChangedAt: -1 }).limit(1000).lean(),
    ]);
    res.json({
      count,
      customers: customers.map((customer) => {
        const entered = customer.stageHistory.at(-1);
        return { customerId: customer._id, since: entered?.at, reason: entered?.reason, by: entered?.source };
      }),
    });
  });

  return router;
}
