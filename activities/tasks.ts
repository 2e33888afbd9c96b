import { insertOnce } from '../store/insert-once.js';
import { type TaskDoc, TaskModel } from '../store/models/task.js';
import type { StepRef } from './refs.js';

export interface CreateTaskInput extends StepRef {
  /** Made in the workflow: the same key opens one task however often the activity runs. */
  taskKey: string;
  title: string;
  queue: string;
  slaMs: number;
}

/** Opens a task for the customer or a team; returns its id and due time. */
export async function createTask(input: CreateTaskInput): Promise<{ taskId: string; dueAt: string }> {
  const task = await insertOnce<TaskDoc>(TaskModel, { taskKey: input.taskKey }, {
    customerId: input.customerId,
    journeyId: input.journeyId,
    workflowId: input.workflowId,
    title: input.title,
    queue: input.queue,
    status: 'open',
    dueAt: new Date(Date.now() + input.slaMs),
  });
  return { taskId: String(task._id), dueAt: task.dueAt.toISOString() };
}
