import { Router } from 'express';
import { z } from 'zod';
import { findJourney } from '../../journeys/index.js';
import { JourneyRunModel } from '../../store/models/journey-run.js';
import { HttpProblem, parseInput } from '../problem.js';

export function reportRoutes(): Router {
  const router = Router();

  /** How a journey is doing: runs entered, in progress, finished, goals reached, and how many passed each step. */
  router.get('/v1/reports/journeys/:id', async (req, res) => {
    const { id } = parseInput(z.object({ id: z.string() }), req.params, 'params');
    const journey = findJourney(id);
    if (!journey) throw new HttpProblem(404, 'Journey not found', `No journey "${id}".`);
    const [entered, inProgress, completed, goalReached, steps] = await Promise.all([
      JourneyRunModel.countDocuments({ journeyId: id }),
      JourneyRunModel.countDocuments({ journeyId: id, status: 'running' }),
      JourneyRunModel.countDocuments({ journeyId: id, status: 'finished' }),
      JourneyRunModel.countDocuments({ journeyId: id, outcome: 'goal_reached' }),
      JourneyRunModel.aggregate<{ _id: string; count: number }>([
        { $match: { journeyId: id } },
        { $unwind: '$steps' },
        { $group: { _id: '$steps.key', count: { $sum: 1 } } },
      ]),
    ]);
    const passed = new Map(steps.map((step) => [step._id, step.count]));
    res.json({
      journeyId: id,
      version: journey.version,
      entered,
      inProgress,
      completed,
      goalReached,
      steps: [...journey.steps, ...(journey.goal?.then ?? [])].map((step) => ({ key: step.key, kind: step.kind, passed: passed.get(step.key) ?? 0 })),
    });
  });

  return router;
}
