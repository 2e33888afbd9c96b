import { Router } from 'express';
import { z } from 'zod';
import { durationSchema, durationToMs } from '../../domain/durations.js';
import { TaskModel } from '../../store/models/task.js';
import type { JourneyRunner } from '../../temporal/journey-runner.js';
import { route } from '../access.js';
import { noteChange } from '../audit-trail.js';
import { actingNow } from '../principal.js';
import { HttpProblem, parseInput } from '../problem.js';
import { runWaitsOn } from '../task-run-wait.js';
import { asTask, taskIdParams } from './tasks.js';

/** Why, and for how long: `sla` like `'2 days'`, by default the task's first SLA (its first due time − its creation). */
const YEAR_MS = 366 * 86_400_000;
export const taskReopenSchema = z.strictObject({
  reason: z.string().trim().min(1).max(500),
  sla: durationSchema.refine((sla) => durationToMs(sla) > 0 && durationToMs(sla) <= YEAR_MS, 'an SLA from 1 minute up to a year, like "2 days"').optional(),
});

/**
 * Opens a completed task again, or gives an overdue one a new due time, back in its queue (unassigned).
 * A run that moved on is not rewound: the task stands on its own, and `runWaiting` says whether its run still waits.
 */
export function taskReopenRoutes(runner: Pick<JourneyRunner, 'runState'>): Router {
  const router = Router();

  route(router, 'POST /v1/tasks/:id/reopen', async (req, res) => {
    const { id } = parseInput(taskIdParams, req.params, 'params');
    const { reason, sla } = parseInput(taskReopenSchema, req.body);
    const task = await TaskModel.findById(id).lean();
    if (!task) throw new HttpProblem(404, 'Task not found', `No task "${id}".`);
    const now = new Date();
    if (task.status === 'open' && task.dueAt >= now) {
      throw new HttpProblem(409, 'Task open and not overdue', `Task "${id}" is open until ${task.dueAt.toISOString()}; nothing to reopen. Assign or claim it instead.`);
    }
    const firstDueAt = task.reopenings?.[0]?.previousDueAt ?? task.dueAt;
    const slaMs = sla ? durationToMs(sla) : firstDueAt.getTime() - (task.createdAt ?? firstDueAt).getTime();
    const dueAt = new Date(now.getTime() + slaMs);
    const runWaiting = await runWaitsOn(runner, task);
    const by = actingNow(res);
    const was = task.status === 'completed' ? 'completed' : 'overdue';
    const { assignee = null, outcome, note, completedAt, completedBy } = task;
    const reopened = await TaskModel.findOneAndUpdate(
      { _id: id, status: task.status, dueAt: task.dueAt },
      {
        $set: { status: 'open', dueAt, reopenedAt: now },
        $unset: { assignee: 1, assignedBy: 1, outcome: 1, note: 1, completedAt: 1, completedBy: 1 },
        $inc: { reopenCount: 1 },
        $push: { reopenings: { at: now, by, reason, dueAt, was, previousDueAt: task.dueAt, assignee, outcome, note, completedAt, completedBy } },
      },
      { returnDocument: 'after', lean: true },
    );
    if (!reopened) throw new HttpProblem(409, 'Task changed meanwhile', `Task "${id}" was completed, reopened or given a new due time meanwhile; look at it again.`);
    noteChange(res, { field: 'status', from: was, to: 'open', reason });
    res.json({ ...asTask(reopened), runWaiting });
  });

  return router;
}
