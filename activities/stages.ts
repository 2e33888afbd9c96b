import type { Stage } from '../domain/stages.js';
import type { StepRef } from './refs.js';
import { askLifecycleForStage, type LifecycleMailbox } from './stage-requests.js';

export interface StageDeps {
  lifecycles: LifecycleMailbox;
}

export interface SetStageInput extends StepRef {
  stage: Stage;
  reason: string;
  onlyFrom?: Stage[];
}

export interface ColdPoolInput extends StepRef {
  reason: string;
}

/** A journey's stage steps ask the customer's lifecycle for the change; the lifecycle makes it. */
export function createStageActivities({ lifecycles }: StageDeps) {
  const ask = async (ref: StepRef, stage: Stage, reason: string, onlyFrom?: Stage[]) => {
    await askLifecycleForStage(lifecycles, { eventId: `stage:${ref.runId}:${ref.stepKey}`, customerId: ref.customerId, stage, reason, source: `journey:${ref.journeyId}`, onlyFrom });
    return { asked: stage };
  };

  /** Asks for the customer's stage label from a journey step (welcome → nurturing starts nurture). */
  const setStage = (input: SetStageInput) => ask(input, input.stage, input.reason, input.onlyFrom);

  /** Asks to move the customer to the cold pool: the `cold` stage, with the reason ops see in the cold-pool report. */
  const moveToColdPool = (input: ColdPoolInput) => ask(input, 'cold', input.reason);

  return { setStage, moveToColdPool };
}
