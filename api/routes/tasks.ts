import { Router } from 'express';
import type { QueryFilter } from 'mongoose';
import { z } from 'zod';
import { type TaskDoc, TaskModel } from '../../store/models/task.js';
import type { JourneyRunner } from '../../temporal/journey-runner.js';
import { route } from '../access.js';
import { noteChange, nothingChanged } from '../audit-trail.js';
import { countTaskCompleted } from '../metrics.js';
import { actingNow } from '../principal.js';
import { HttpProblem, parseInput } from '../problem.js';

export const taskQuerySchema = z.strictObject({
  status: z.enum(['open', 'completed']).optional(),
  queue: z.string().min(1).optional(),
  /** What the step asked for, wherever routing sent it: `requestedQueue=urgent-review` finds every urgent review. */
  requestedQueue: z.string().min(1).optional(),
  /** A person's sign-in name (or an API key's name): `assignee=<your name>` lists your tasks. */
  assignee: z.string().min(1).optional(),
  /** `true`: the caller's own tasks (assignee = the caller's name); not with `assignee`. */
  mine: z.enum(['true', 'false']).optional(),
  customerId: z.string().min(1).optional(),
  /** `true`: open tasks past their due time; `false`: the others. */
  overdue: z.enum(['true', 'false']).optional(),
});
export const taskCompletionSchema = z.strictObject({ outcome: z.string().trim().min(1).max(200), note: z.string().max(2000).optional() });
/** null hands the task back to its queue. */
export const taskAssignmentSchema = z.strictObject({ assignee: z.string().trim().min(1).max(200).nullable() });
/** A task's id is its key (made in the workflow, e.g. `<runId>:<step>`, or `review:<eventId>`), percent-encoded in the path. */
export const taskIdParams = z.object({ id: z.string().min(1).max(500, 'a task id (its key)') });

const completedProblem = (id: string, outcome: string | null | undefined) =>
  new HttpProblem(409, 'Task already completed', `Task "${id}" was completed with outcome "${outcome}".`);

export const asTask = <T extends { _id: unknown }>({ _id, ...task }: T) => ({ id: String(_id), ...task });

/** The first time a person acted on the task (assigned, claimed, completed): set once, for the first response time. */
const noteFirstResponse = (id: string, at: Date) => TaskModel.updateOne({ _id: id, firstResponseAt: null }, { $set: { firstResponseAt: at } });

export function taskRoutes(runner: JourneyRunner): Router {
  const router = Router();

  route(router, 'GET /v1/tasks', async (req, res) => {
    const { mine, overdue, ...filter } = parseInput(taskQuerySchema, req.query, 'query');
    if (mine === 'true' && filter.assignee) {
      throw new HttpProblem(400, 'Invalid request', 'Send mine=true or assignee, not both.', { errors: [{ path: 'mine', message: 'not with assignee', code: 'custom' }] });
    }
    const now = new Date();
    const due: QueryFilter<TaskDoc> = overdue === 'true' ? { status: 'open', dueAt: { $lt: now } } : overdue === 'false' ? { $or: [{ status: { $ne: 'open' } }, { dueAt: { $gte: now } }] } : {};
    if (overdue === 'true' && filter.status === 'completed') return void res.json({ tasks: [] });
    // Filters other than by `_id` read the whole collection on FerretDB's SQLite backend; the page is bounded.
    const tasks = await TaskModel.find({ ...filter, ...(mine === 'true' ? { assignee: actingNow(res).name } : {}), ...due }).sort({ dueAt: 1 }).limit(500).lean();
    res.json({ tasks: tasks.map(asTask) });
  });

  route(router, 'GET /v1/tasks/:id', async (req, res) => {
    const { id } = parseInput(taskIdParams, req.params, 'params');
    const task = await TaskModel.findById(id).lean();
    if (!task) throw new HttpProblem(404, 'Task not found', `No task "${id}".`);
    res.json(asTask(task));
  });

  /** Takes an open task for the caller: 409 when someone else holds it or it is completed; the caller's own again is 200. */
  route(router, 'POST /v1/tasks/:id/claim', async (req, res) => {
    const { id } = parseInput(taskIdParams, req.params, 'params');
    const by = actingNow(res);
    const now = new Date();
    const claimed = await TaskModel.findOneAndUpdate(
      { _id: id, status: 'open', $or: [{ assignee: null }, { assignee: by.name }] },
      { $set: { assignee: by.name, assignedBy: by } },
      { returnDocument: 'before', lean: true },
    );
    if (!claimed) {
      const task = await TaskModel.findById(id).lean();
      if (!task) throw new HttpProblem(404, 'Task not found', `No task "${id}".`);
      if (task.status !== 'open') throw completedProblem(id, task.outcome);
      throw new HttpProblem(409, 'Task held by someone else', `Task "${id}" is assigned to "${task.assignee}"; ask them, or have it assigned to you.`, { assignee: task.assignee });
    }
    await noteFirstResponse(id, now);
    if (claimed.assignee === by.name) nothingChanged(res);
    else noteChange(res, { field: 'assignee', from: claimed.assignee ?? null, to: by.name });
    res.json(asTask((await TaskModel.findById(id).lean())!));
  });

  /** Gives an open task to a person (or back to its queue); a completed one is 409. */
  route(router, 'POST /v1/tasks/:id/assign', async (req, res) => {
    const { id } = parseInput(taskIdParams, req.params, 'params');
    const { assignee } = parseInput(taskAssignmentSchema, req.body);
    const assignedBy = actingNow(res);
    const update = assignee === null ? { $unset: { assignee: 1 }, $set: { assignedBy } } : { $set: { assignee, assignedBy } };
    const assigned = await TaskModel.findOneAndUpdate({ _id: id, status: 'open' }, update, { returnDocument: 'after', lean: true });
    if (!assigned) {
      const task = await TaskModel.findById(id).lean();
      if (!task) throw new HttpProblem(404, 'Task not found', `No task "${id}".`);
      throw completedProblem(id, task.outcome);
    }
    if (assignee !== null) await noteFirstResponse(id, new Date());
    noteChange(res, { field: 'assignee', to: assignee });
    res.json(asTask((await TaskModel.findById(id).lean()) ?? assigned));
  });

  /** Completes an open task; the run waiting on it hears of it before the task is marked done, so a 503 loses nothing. */
  route(router, 'POST /v1/tasks/:id/complete', async (req, res) => {
    const { id } = parseInput(taskIdParams, req.params, 'params');
    const { outcome, note } = parseInput(taskCompletionSchema, req.body);
    const task = await TaskModel.findById(id).lean();
    if (!task) throw new HttpProblem(404, 'Task not found', `No task "${id}".`);
    if (task.status !== 'open') throw completedProblem(id, task.outcome);
    // A run hears of its task once: a task completed, reopened and completed again does not tell it twice.
    const runHeard = task.reopenings?.some((reopening) => reopening.was === 'completed');
    if (task.workflowId && !runHeard) await runner.taskCompleted(task.workflowId, { taskKey: task.taskKey, outcome });
    const done = await TaskModel.findOneAndUpdate(
      { _id: id, status: 'open' },
      { $set: { status: 'completed', outcome, note, completedAt: new Date(), completedBy: actingNow(res) } },
      { returnDocument: 'after', lean: true },
    );
    if (!done) throw new HttpProblem(409, 'Task already completed', `Task "${id}" was completed meanwhile.`);
    countTaskCompleted(done.requestedQueue ?? done.queue);
    if (!done.firstResponseAt) await noteFirstResponse(id, done.completedAt!);
    noteChange(res, { field: 'outcome', from: task.outcome ?? null, to: outcome });
    res.json(asTask((await TaskModel.findById(id).lean()) ?? done));
  });

  return router;
}
