import { Router } from 'express';
import { route } from '../access.js';
import { acceptEventBatch } from '../event-batch.js';
import type { EventHandoffs } from '../event-handoffs.js';
import { acceptEvent } from '../event-intake.js';
import type { JourneyRunner } from '../../temporal/journey-runner.js';
import { HttpProblem, parseInput } from '../problem.js';
import { customerEventInputSchema, EVENT_BATCH_LIMIT, eventBatchSchema } from '../schemas.js';

export function eventRoutes(runner: JourneyRunner, handoffs: EventHandoffs): Router {
  const router = Router();
  route(router, 'POST /v1/events', async (req, res) => {
    const input = parseInput(customerEventInputSchema, req.body);
    res.status(202).json(await acceptEvent(input, runner, { handoffs }));
  });
  // `:` is a parameter in Express 5 paths; escaped, it is the literal of Google-style custom methods.
  route(router, 'POST /v1/events\\:batch', async (req, res) => {
    const { events } = parseInput(eventBatchSchema, req.body);
    if (events.length > EVENT_BATCH_LIMIT) {
      throw new HttpProblem(413, 'Batch too large', `A batch holds at most ${EVENT_BATCH_LIMIT} events; this one has ${events.length}. Send it in parts.`, {
        limit: EVENT_BATCH_LIMIT,
        errors: [{ path: 'events', message: `at most ${EVENT_BATCH_LIMIT} events`, code: 'too_big' }],
      });
    }
    res.status(202).json({ results: await acceptEventBatch(events, runner, handoffs) });
  });
  return router;
}
