import type { ActivityInterfaceFor } from '@temporalio/workflow';
import type { Activities } from '../activities/index.js';
import type { StepRef } from '../activities/refs.js';
import { durationToMs } from '../domain/durations.js';
import type { Step } from '../domain/journey.js';
import type { CarriedWait, CursorFrame } from './run-resume.js';

interface HoldoutHands {
  acts: Pick<ActivityInterfaceFor<Activities>, 'recordStep'>;
  waitFor(wait: CarriedWait, done: () => boolean, summary: string): Promise<boolean>;
  /** Goes down one of the step's paths, from where a resumed run was in it. */
  performPath(step: Step, path: number): Promise<void>;
}

/**
 * A step with an outward effect in a run that took a holdout arm: the effect is skipped and noted in the run's
 * history and report row. A humanTask still waits out its SLA, as a task nobody completes, so the holdout
 * watches for the goal as long as the other arms; then it takes the overdue path (skipping its effects too).
 * An approval is not asked for: the run goes on, as for a customer who needs none.
 */
export async function passInHoldout(step: Step, ref: StepRef, resumed: CursorFrame | undefined, hands: HoldoutHands): Promise<void> {
  if (!resumed) {
    await hands.acts.recordStep.executeWithOptions({ startToCloseTimeout: '30 seconds', summary: `holdout: ${step.kind} ${step.key} skipped` }, [ref]);
  }
  if (step.kind !== 'humanTask') return;
  if (resumed?.path === undefined) {
    const wait = resumed?.wait ?? { what: `the SLA of task "${step.title}" (holdout: not opened)`, remainingMs: durationToMs(step.sla) };
    await hands.waitFor(wait, () => false, `${step.key}: holdout, task SLA ${step.sla}`);
  }
  await hands.performPath(step, 1);
}
