import { noteJourneyEntry } from '../store/journey-reentry.js';
import { JourneyRunModel } from '../store/models/journey-run.js';
import type { StepRef } from './refs.js';

export interface RunRecord extends Omit<StepRef, 'stepKey'> {
  status: 'running' | 'finished';
  trigger: string;
  outcome?: string;
  reason?: string;
  /** At the end: every step the run went through, in order. */
  completedSteps?: string[];
  arms?: Record<string, string>;
}

/** Upserts the run's report row at start and at the end; the row's `_id` is the run id. */
export async function recordRun(record: RunRecord): Promise<void> {
  const now = new Date();
  const { runId, status, outcome, reason, completedSteps, arms, ...rest } = record;
  const finished = status === 'finished' ? { outcome, reason, arms: arms ?? {}, finishedAt: now } : {};
  await JourneyRunModel.updateOne({ _id: runId }, { $set: { status, ...finished }, $setOnInsert: { runId, ...rest, startedAt: now } }, { upsert: true });
  await noteJourneyEntry({ journeyId: rest.journeyId, customerId: rest.customerId, status, trigger: rest.trigger, at: now });
  if (completedSteps) {
    // Steps without an activity of their own (waits, branches) are only known to the workflow: add them now.
    const run = await JourneyRunModel.findById(runId, { steps: 1 }).orFail().lean();
    const recorded = new Set((run.steps ?? []).map((step) => step.key)); // an upserted row has no steps until one is pushed
    const missing = completedSteps.filter((key) => !recorded.has(key)).map((key) => ({ key, at: now }));
    if (missing.length) await JourneyRunModel.updateOne({ _id: runId }, { $push: { steps: { $each: missing } } });
  }
}

/** Notes in the run's report row that a step finished; a retried activity records it once. */
export async function recordStep(ref: StepRef): Promise<void> {
  await JourneyRunModel.updateOne(
    { _id: ref.runId, 'steps.key': { $ne: ref.stepKey } },
    { $push: { steps: { key: ref.stepKey, at: new Date() } } },
  );
}

/** Notes in the run's report row the arm a split gave it, and the split as passed, as it is taken, so reports count runs still in an arm. */
export async function recordArm(ref: StepRef & { experiment: string; arm: string }): Promise<void> {
  await JourneyRunModel.updateOne({ _id: ref.runId }, { $set: { [`arms.${ref.experiment}`]: ref.arm } });
  // The split is passed as it is taken (its key would otherwise be recorded only once its arm is done).
  await recordStep(ref);
}
