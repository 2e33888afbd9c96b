import { Schema } from 'mongoose';
import { actorSchema } from './actor.js';

/**
 * One reopening of a task over the API: who, why, the new due time, and what the task was before
 * (its completion, or its missed due time), so the task itself reads as a plain open task again.
 */
export const taskReopeningSchema = new Schema(
  {
    at: { type: Date, required: true },
    by: { type: actorSchema, required: true },
    reason: { type: String, required: true },
    dueAt: { type: Date, required: true },
    /** `completed`, or `overdue` for an open task past its due time (triggered again with a new SLA). */
    was: { type: String, enum: ['completed', 'overdue'], required: true },
    previousDueAt: { type: Date, required: true },
    assignee: { type: String, default: null },
    outcome: String,
    note: String,
    completedAt: Date,
    completedBy: { type: actorSchema, default: undefined },
  },
  { _id: false },
);
