import { Router } from 'express';
import { z } from 'zod';
import { TaskModel } from '../../store/models/task.js';
import type { JourneyRunner } from '../../temporal/journey-runner.js';
import { route } from '../access.js';
import { noteChange } from '../audit-trail.js';
import { actingNow } from '../principal.js';
import { HttpProblem, parseInput } from '../problem.js';

export const taskQuerySchema = z.strictObject({
  status: z.enum(['open', 'completed']).optional(),
  queue: z.string().min(1).optional(),
  /** What the step asked for, wherever routing sent it: `requestedQueue=urgent-review` finds every urgent review. */
  requestedQueue: z.string().min(1).optional(),
  assignee: z.string().min(1).optional(),
  customerId: z.string().min(1).optional(),
});
export const taskCompletionSchema = z.strictObject({ outcome: z.string().trim().min(1).max(200), note: z.string().max(2000).optional() });
/** null hands the task back to its queue. */
export const taskAssignmentSchema = z.strictObject({ assignee: z.string().trim().min(1).max(200).nullable() });
/** A task's id is its key (made in the workflow, e.g. `<runId>:<step>`, or `review:<eventId>`), percent-encoded in the path. */
const idParams = z.object({ id: z.string().min(1).max(500, 'a task id (its key)') });

const completedProblem = (id: string, outcome: string | null | undefined) =>
  new HttpProblem(409, 'Task already completed', `Task "${id}" was completed with outcome "${outcome}".`);

export function taskRoutes(runner: JourneyRunner): Router {
  const router = Router();

  route(router, 'GET /v1/tasks', async (req, res) => {
    const filter = parseInput(taskQuerySchema, req.query, 'query');
    const tasks = await TaskModel.find(filter).sort({ dueAt: 1 }).limit(500).lean();
    res.json({ tasks: tasks.map(({ _id, ...task }) => ({ id: String(_id), ...task })) });
  });

  /** Gives an open task to a person (or back to its queue); a completed one is 409. */
  route(router, 'POST /v1/tasks/:id/assign', async (req, res) => {
    const { id } = parseInput(idParams, req.params, 'params');
    const { assignee } = parseInput(taskAssignmentSchema, req.body);
    const assignedBy = actingNow(res);
    const update = assignee === null ? { $unset: { assignee: 1 }, $set: { assignedBy } } : { $set: { assignee, assignedBy } };
    const assigned = await TaskModel.findOneAndUpdate({ _id: id, status: 'open' }, update, { returnDocument: 'after', lean: true });
    if (!assigned) {
      const task = await TaskModel.findById(id).lean();
      if (!task) throw new HttpProblem(404, 'Task not found', `No task "${id}".`);
      throw completedProblem(id, task.outcome);
    }
    noteChange(res, { field: 'assignee', to: assignee });
    const { _id, ...rest } = assigned;
    res.json({ id: String(_id), ...rest });
  });

  /** Completes a task once; the run waiting on it hears of it before the task is marked done, so a 503 loses nothing. */
  route(router, 'POST /v1/tasks/:id/complete', async (req, res) => {
    const { id } = parseInput(idParams, req.params, 'params');
    const { outcome, note } = parseInput(taskCompletionSchema, req.body);
    const task = await TaskModel.findById(id).lean();
    if (!task) throw new HttpProblem(404, 'Task not found', `No task "${id}".`);
    if (task.status !== 'open') throw completedProblem(id, task.outcome);
    if (task.workflowId) await runner.taskCompleted(task.workflowId, { taskKey: task.taskKey, outcome });
    const done = await TaskModel.findOneAndUpdate(
      { _id: id, status: 'open' },
      { $set: { status: 'completed', outcome, note, completedAt: new Date(), completedBy: actingNow(res) } },
      { returnDocument: 'after', lean: true },
    );
    if (!done) throw new HttpProblem(409, 'Task already completed', `Task "${id}" was completed meanwhile.`);
    noteChange(res, { field: 'outcome', from: task.outcome ?? null, to: outcome });
    const { _id, ...rest } = done;
    res.json({ id: String(_id), ...rest });
  });

  return router;
}
