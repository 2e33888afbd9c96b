import { Router } from 'express';
import { z } from 'zod';
import { listAudit } from '../../store/audit-log.js';
import { withStoreDeadline } from '../../store/connection.js';
import { listUsers } from '../../store/users.js';
import { route } from '../access.js';
import { parseInput } from '../problem.js';

export const auditQuerySchema = z.strictObject({
  /** A person's sign-in name or an API key's name. */
  actor: z.string().min(1).max(200).optional(),
  /** What changed: a customer, task, approval, person or event id. */
  target: z.string().min(1).max(500).optional(),
  limit: z.coerce.number().int().min(1).max(500).default(100),
});

/** For admins: the people who may sign in, and who changed what. */
export function peopleRoutes(): Router {
  const router = Router();
  route(router, 'GET /v1/users', async (_req, res) => {
    res.json({ users: await withStoreDeadline(() => listUsers()) });
  });
  route(router, 'GET /v1/audit', async (req, res) => {
    const query = parseInput(auditQuerySchema, req.query, 'query');
    const entries = await withStoreDeadline(() => listAudit(query));
    res.json({ entries: entries.map(({ _id, ...entry }) => ({ id: String(_id), ...entry })) });
  });
  return router;
}
