import { Router } from 'express';
import { isValidObjectId } from 'mongoose';
import { z } from 'zod';
import { TaskModel } from '../../store/models/task.js';
import type { JourneyRunner } from '../../temporal/journey-runner.js';
import { HttpProblem, parseInput } from '../problem.js';

export const taskQuerySchema = z.strictObject({
  status: z.enum(['open', 'completed']).optional(),
  queue: z.string().min(1).optional(),
  customerId: z.string().min(1).optional(),
});
export const taskCompletionSchema = z.strictObject({ outcome: z.string().trim().min(1).max(200), note: z.string().max(2000).optional() });
const idParams = z.object({ id: z.string().refine(isValidObjectId, 'a task id') });

export function taskRoutes(runner: JourneyRunner): Router {
  const router = Router();

  router.get('/v1/tasks', async (req, res) => {
    const filter = parseInput(taskQuerySchema, req.query, 'query');
    const tasks = await TaskModel.find(filter).sort({ dueAt: 1 }).limit(500).lean();
    res.json({ tasks: tasks.map(({ _id, ...task }) => ({ id: String(_id), ...task })) });
  });

  /** Completes a task once; the run waiting on it hears of it before the task is marked done, so a 503 loses nothing. */
  router.post('/v1/tasks/:id/complete', async (req, res) => {
    const { id } = parseInput(idParams, req.params, 'params');
    const { outcome, note } = parseInput(taskCompletionSchema, req.body);
    const task = await TaskModel.findById(id).lean();
    if (!task) throw new HttpProblem(404, 'Task not found', `No task "${id}".`);
    if (task.status !== 'open') throw new HttpProblem(409, 'Task already completed', `Task "${id}" was completed with outcome "${task.outcome}".`);
    if (task.workflowId) await runner.taskCompleted(task.workflowId, { taskKey: task.taskKey, outcome });
    const done = await TaskModel.findOneAndUpdate(
      { _id: id, status: 'open' },
      { $set: { status: 'completed', outcome, note, completedAt: new Date() } },
      { returnDocument: 'after', lean: true },
    );
    if (!done) throw new HttpProblem(409, 'Task already completed', `Task "${id}" was completed meanwhile.`);
    const { _id, ...rest } = done;
    res.json({ id: String(_id), ...rest });
  });

  return router;
}
