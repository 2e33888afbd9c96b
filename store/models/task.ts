import { type InferSchemaType, model, Schema } from 'mongoose';

/** A task for a person: the customer (queue `customer`) or a team queue; one per journey step and run. */
const taskSchema = new Schema(
  {
    taskKey: { type: String, required: true, unique: true },
    customerId: { type: String, required: true },
    journeyId: String,
    workflowId: String,
    title: { type: String, required: true },
    queue: { type: String, required: true },
    status: { type: String, enum: ['open', 'completed'], default: 'open' },
    dueAt: { type: Date, required: true },
    outcome: String,
    note: String,
    completedAt: Date,
  },
  { timestamps: true, versionKey: false },
);
taskSchema.index({ queue: 1, status: 1, dueAt: 1 });
taskSchema.index({ customerId: 1 });

export type TaskDoc = InferSchemaType<typeof taskSchema>;
export const TaskModel = model('Task', taskSchema, 'tasks');
