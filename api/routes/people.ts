import { Router } from 'express';
import { z } from 'zod';
import { listAudit } from '../../store/audit-log.js';
import { withStoreDeadline } from '../../store/connection.js';
import { roleSchema } from '../../domain/roles.js';
import { PASSWORD_MIN_LENGTH } from '../../store/password-hash.js';
import { addUser, changeUser, LastAdminError, listUsers, USER_NAME, UserRefusedError } from '../../store/users.js';
import { route } from '../access.js';
import { noteChange } from '../audit-trail.js';
import { HttpProblem, parseInput } from '../problem.js';

export const auditQuerySchema = z.strictObject({
  /** A person's sign-in name or an API key's name. */
  actor: z.string().min(1).max(200).optional(),
  /** What changed: a customer, task, approval, person or event id. */
  target: z.string().min(1).max(500).optional(),
  limit: z.coerce.number().int().min(1).max(500).default(100),
});

const userName = z.string().regex(USER_NAME, 'a sign-in name: lower-case letters, digits and . _ - @, up to 64');

/** `POST /v1/users`: a person who may sign in. The password is hashed and never stored, logged or audited as it is. */
export const newUserSchema = z.strictObject({
  name: userName,
  role: roleSchema,
  password: z.string().min(PASSWORD_MIN_LENGTH, `at least ${PASSWORD_MIN_LENGTH} characters`).max(1000),
});
/** `PATCH /v1/users/:name`: a new role, or disabled (their sessions end) or enabled again. */
export const userChangeSchema = z
  .strictObject({ role: roleSchema.optional(), disabled: z.boolean().optional() })
  .refine((change) => change.role !== undefined || change.disabled !== undefined, 'send role, disabled or both');
const userParams = z.object({ name: userName });

/** For admins: the people who may sign in, and who changed what. */
export function peopleRoutes(): Router {
  const router = Router();
  route(router, 'GET /v1/users', async (_req, res) => {
    res.json({ users: await withStoreDeadline(() => listUsers()) });
  });
  route(router, 'POST /v1/users', async (req, res) => {
    const { name, role, password } = parseInput(newUserSchema, req.body);
    try {
      const added = await addUser(name, role, password);
      noteChange(res, { target: name, field: 'role', from: null, to: role });
      res.status(201).json(added);
    } catch (error) {
      if (!(error instanceof UserRefusedError)) throw error;
      throw error.taken ? new HttpProblem(409, 'Name taken', error.message) : new HttpProblem(400, 'Invalid request', error.message);
    }
  });
  route(router, 'PATCH /v1/users/:name', async (req, res) => {
    const { name } = parseInput(userParams, req.params, 'params');
    const change = parseInput(userChangeSchema, req.body);
    let changed;
    try {
      changed = await changeUser(name, change);
    } catch (error) {
      if (error instanceof LastAdminError) throw new HttpProblem(409, 'Last admin', error.message);
      throw error;
    }
    if (!changed) throw new HttpProblem(404, 'Person not found', `No person "${name}".`);
    const fields = (['role', 'disabled'] as const).filter((field) => change[field] !== undefined && change[field] !== changed.before[field]);
    noteChange(res, {
      target: name,
      field: fields.join(',') || undefined,
      from: Object.fromEntries(fields.map((field) => [field, changed.before[field]])),
      to: Object.fromEntries(fields.map((field) => [field, changed.after[field]])),
    });
    res.json(changed.after);
  });
  route(router, 'GET /v1/audit', async (req, res) => {
    const query = parseInput(auditQuerySchema, req.query, 'query');
    const entries = await withStoreDeadline(() => listAudit(query));
    // Entries stored before empty values were kept may lack `from`, `to` or `reason`.
    res.json({ entries: entries.map(({ _id, ...entry }) => ({ id: String(_id), ...entry, from: entry.from ?? null, to: entry.to ?? null, reason: entry.reason ?? null })) });
  });
  return router;
}
