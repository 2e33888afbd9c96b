import { Router } from 'express';
import { z } from 'zod';
import { STAGES } from '../../domain/stages.js';
import { searchCustomers } from '../../store/customer-search.js';
import { route } from '../access.js';
import { HttpProblem, parseInput } from '../problem.js';

const score = z.coerce.number().min(0).max(100);

/** `GET /v1/customers`: search and list, by id, a page at a time. */
export const customerSearchSchema = z.strictObject({
  /** An id prefix, an exact email or phone, or part of a name (any case). */
  q: z.string().trim().min(1).max(200).optional(),
  stage: z.enum(STAGES, { error: `one of ${STAGES.join(', ')}` }).optional(),
  /** Customers with this tag. */
  tag: z.string().trim().min(1).max(64).optional(),
  healthMin: score.optional(),
  healthMax: score.optional(),
  limit: z.coerce.number().int().min(1).max(200).default(50),
  /** `next` of the page before: the page starts after this id. */
  after: z.string().min(1).max(200).optional(),
});

export function customerSearchRoutes(): Router {
  const router = Router();

  route(router, 'GET /v1/customers', async (req, res) => {
    const search = parseInput(customerSearchSchema, req.query, 'query');
    if (search.healthMin !== undefined && search.healthMax !== undefined && search.healthMin > search.healthMax) {
      throw new HttpProblem(400, 'Invalid request', 'healthMin is above healthMax.', { errors: [{ path: 'healthMin', message: 'at most healthMax', code: 'too_big' }] });
    }
    res.json(await searchCustomers(search));
  });

  return router;
}
