import { type InferSchemaType, model, Schema } from 'mongoose';
import { TASK_PRIORITIES } from '../../domain/task-routing.js';
import { actorSchema } from './actor.js';
import { taskReopeningSchema } from './task-reopening.js';

/**
 * A task for a person: the customer (queue `customer`) or a team queue; one per journey step and run,
 * or per triggering event for urgent reviews. The routing rules set its queue, assignee and priority.
 * Stored under its key (`_id`, the id the API names it by), so it is found by the `_id` index
 * (FerretDB's SQLite backend reads the whole collection for a filter without `_id`). Rows stored before
 * that have an ObjectId `_id`; the unique `taskKey` guards them.
 */
const taskSchema = new Schema(
  {
    /** The task key (`taskKey`). */
    _id: { type: String, required: true },
    taskKey: { type: String, required: true, unique: true },
    customerId: { type: String, required: true },
    journeyId: String,
    workflowId: String,
    title: { type: String, required: true },
    /** The outcomes the journey step offers the person completing it (free text stays possible). */
    outcomes: { type: [String], default: undefined },
    /** The team queue the task is in, after routing. */
    queue: { type: String, required: true },
    /** The queue the step (or the lifecycle) asked for. */
    requestedQueue: String,
    /** The routing rule that placed it (config/task-routing.json), for audit; null when none matched. */
    routedBy: { type: String, default: null },
    assignee: String,
    /** Who gave the task to its assignee (or back to the queue) over the API. */
    assignedBy: { type: actorSchema, default: undefined },
    /** When a person first acted on it over the API (assigned, claimed or completed it): the first response time's end. */
    firstResponseAt: Date,
    priority: { type: String, enum: TASK_PRIORITIES, default: 'normal' },
    status: { type: String, enum: ['open', 'completed'], default: 'open' },
    dueAt: { type: Date, required: true },
    outcome: String,
    note: String,
    completedAt: Date,
    /** Who completed it over the API. */
    completedBy: { type: actorSchema, default: undefined },
    /** The last reopening over the API; absent on a task never reopened. */
    reopenedAt: Date,
    reopenCount: Number,
    /** Each reopening, oldest first, with the completion it undid. */
    reopenings: { type: [taskReopeningSchema], default: undefined },
  },
  { timestamps: true, versionKey: false },
);
taskSchema.index({ queue: 1, status: 1, dueAt: 1 });
taskSchema.index({ assignee: 1, status: 1 });
taskSchema.index({ customerId: 1 });

export type TaskDoc = InferSchemaType<typeof taskSchema>;
export const TaskModel = model('Task', taskSchema, 'tasks');
