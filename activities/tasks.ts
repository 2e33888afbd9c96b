import { routeTask, type TaskPriority, type TaskRouting, type TaskTrigger } from '../domain/task-routing.js';
import type { Stage } from '../domain/stages.js';
import { insertOnce } from '../store/insert-once.js';
import { CustomerModel } from '../store/models/customer.js';
import { type TaskDoc, TaskModel } from '../store/models/task.js';
import { countTaskOpened } from './metrics.js';
import type { StepRef } from './refs.js';

export interface TaskDeps {
  /**
   * The business's routing rules; the worker loads config/task-routing.json.
   * @default no rules: every task stays in the queue it asked for
   */
  taskRouting?: TaskRouting;
}

export interface CreateTaskInput extends StepRef {
  /** Made in the workflow: the same key opens one task however often the activity runs. */
  taskKey: string;
  title: string;
  queue: string;
  slaMs: number;
  /** What the person completing it picks from. */
  outcomes?: string[];
}

/** A task as its opener asks for it, before routing. */
export interface TaskOpening {
  customerId: string;
  journeyId?: string;
  queue: string;
  trigger: TaskTrigger;
  priority?: TaskPriority;
  slaMs: number;
}

export const NO_RULES: TaskRouting = { rules: [] };

type RoutedFields = Pick<TaskDoc, 'queue' | 'requestedQueue' | 'routedBy' | 'priority' | 'dueAt'> & { assignee?: string };

/** Where the rules send a task (queue, assignee, priority, due time), with what was asked, for audit. */
export async function routedTaskFields(rules: TaskRouting, opening: TaskOpening): Promise<RoutedFields> {
  const customer = await CustomerModel.findById(opening.customerId, { stage: 1, tags: 1 }).lean();
  const route = routeTask(rules, {
    ...opening,
    priority: opening.priority ?? 'normal',
    customer: { stage: (customer?.stage ?? null) as Stage | null, tags: customer?.tags ?? [] },
  });
  return {
    queue: route.queue,
    requestedQueue: opening.queue,
    ...(route.assignee ? { assignee: route.assignee } : {}),
    priority: route.priority,
    routedBy: route.routedBy,
    dueAt: new Date(Date.now() + route.slaMs),
  };
}

export function createTaskActivities({ taskRouting = NO_RULES }: TaskDeps) {
  /** Opens a task for the customer or a team, routed by the rules; returns its id (its key) and due time. */
  async function createTask(input: CreateTaskInput): Promise<{ taskId: string; dueAt: string }> {
    const { customerId, journeyId, queue, slaMs } = input;
    const routed = await routedTaskFields(taskRouting, { customerId, journeyId, queue, trigger: 'journey', slaMs });
    const task = await insertOnce<TaskDoc>(TaskModel, { taskKey: input.taskKey }, {
      customerId,
      journeyId,
      workflowId: input.workflowId,
      title: input.title,
      ...(input.outcomes ? { outcomes: input.outcomes } : {}),
      status: 'open',
      ...routed,
    });
    countTaskOpened(queue);
    return { taskId: task._id, dueAt: task.dueAt.toISOString() };
  }

  return { createTask };
}
