import { type InferSchemaType, model, Schema } from 'mongoose';

/** A journey run as reports see it; the Temporal workflow stays the source of truth for its history. */
const journeyRunSchema = new Schema(
  {
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
