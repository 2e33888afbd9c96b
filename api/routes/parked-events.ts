import { Router } from 'express';
import { z } from 'zod';
import { withStoreDeadline } from '../../store/connection.js';
import { listParkedEvents, unpark } from '../../store/parked-events.js';
import { route } from '../access.js';
import type { EventHandoffs, LifecycleDelivery } from '../event-handoffs.js';
import { HttpProblem, parseInput } from '../problem.js';

export const parkedEventsQuerySchema = z.strictObject({
  customerId: z.string().min(1).max(128).optional(),
  limit: z.coerce.number().int().min(1).max(500).default(100),
});

/**
 * Events a lifecycle could not apply and set aside with the reason, for ops: list them, fix the cause
 * (a rule, a deploy), then re-drive one, which hands it to its lifecycle again.
 */
export function parkedEventRoutes(lifecycles: LifecycleDelivery, handoffs: EventHandoffs): Router {
  const router = Router();
  route(router, 'GET /v1/parked-events', async (req, res) => {
    const query = parseInput(parkedEventsQuerySchema, req.query, 'query');
    const rows = await withStoreDeadline(() => listParkedEvents(query));
    res.json({
      parked: rows.map(({ _id, customerId, type, reason, parkedAt, workflowId, runId }) => ({ eventId: _id, customerId, type, reason, parkedAt, workflowId, runId })),
    });
  });
  route(router, 'POST /v1/parked-events/:eventId/redrive', async (req, res) => {
    const eventId = String(req.params.eventId);
    const event = await withStoreDeadline(() => unpark(eventId));
    if (!event) throw new HttpProblem(404, 'Not parked', `No parked event has the id ${eventId}.`);
    try {
      await lifecycles.deliverToLifecycle(event);
    } catch (error) {
      // Unparked and stored: the API hands it on itself once Temporal answers.
      await handoffs.stored([eventId]);
      throw error;
    }
    res.status(202).json({ eventId, customerId: event.customerId, status: 'redriven' });
  });
  return router;
}
