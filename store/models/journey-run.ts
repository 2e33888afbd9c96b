import { type InferSchemaType, model, Schema } from 'mongoose';

/**
 * A journey run as reports see it; the Temporal workflow stays the source of truth for its history.
 * Stored under its Temporal run id (`_id`), so the run's activities find their row by the `_id` index
 * (FerretDB's SQLite backend reads the whole collection for a filter without `_id`). Rows stored before
 * that have an ObjectId `_id`; the unique `runId` guards them.
 */
const journeyRunSchema = new Schema(
  {
    /** The run id (`runId`). */
    _id: { type: String, required: true },
    runId: { type: String, required: true, unique: true },
    workflowId: { type: String, required: true },
    journeyId: { type: String, required: true },
    journeyVersion: { type: String, required: true },
    customerId: { type: String, required: true },
    trigger: String,
    status: { type: String, enum: ['running', 'finished'], required: true },
    outcome: String,
    reason: String,
    /** Arm per experiment of the sticky splits the run went through. */
    arms: { type: Schema.Types.Mixed, default: {} },
    startedAt: { type: Date, required: true },
    finishedAt: Date,
    steps: { type: [{ key: String, at: Date, _id: false }], default: [] },
  },
  { versionKey: false },
);
journeyRunSchema.index({ journeyId: 1, status: 1 });
journeyRunSchema.index({ customerId: 1 });

export type JourneyRunDoc = InferSchemaType<typeof journeyRunSchema>;
export const JourneyRunModel = model('JourneyRun', journeyRunSchema, 'journey_runs');
