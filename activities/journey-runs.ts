import { JourneyRunModel } from '../store/models/journey-run.js';
import type { StepRef } from './refs.js';

export interface RunRecord extends Omit<StepRef, 'stepKey'> {
  status: 'running' | 'finished';
  outcome?: string;
  trigger: string;
}

/** Upserts the run's report row at start and at the end. */
export async function recordRun(record: RunRecord): Promise<void> {
  const now = new Date();
  const { runId, status, outcome, ...rest } = record;
  await JourneyRunModel.updateOne(
    { runId },
    {
      $set: { status, ...(outcome ? { outcome, finishedAt: now } : {}) },
      $setOnInsert: { ...rest, startedAt: now },
    },
    { upsert: true },
  );
}

/** Notes in the run's report row that a step finished; a retried activity records it once. */
export async function recordStep(ref: StepRef): Promise<void> {
  await JourneyRunModel.updateOne(
    { runId: ref.runId, 'steps.key': { $ne: ref.stepKey } },
    { $push: { steps: { key: ref.stepKey, at: new Date() } } },
  );
}
