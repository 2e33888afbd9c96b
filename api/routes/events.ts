import { Router } from 'express';
import { acceptEvent } from '../event-intake.js';
import type { JourneyRunner } from '../../temporal/journey-runner.js';
import { parseInput } from '../problem.js';
import { customerEventInputSchema } from '../schemas.js';

export function eventRoutes(runner: JourneyRunner): Router {
  const router = Router();
  router.post('/v1/events', async (req, res) => {
    const input = parseInput(customerEventInputSchema, req.body);
    res.status(202).json(await acceptEvent(input, runner));
  });
  return router;
}
