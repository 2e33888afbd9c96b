import type { Stage } from '../domain/stages.js';
import type { StepRef } from './refs.js';
import { createStageEntry, type StageEntryDeps } from './stage-entry.js';

export interface SetStageInput extends StepRef {
  stage: Stage;
  reason: string;
  onlyFrom?: Stage[];
}

export interface ColdPoolInput extends StepRef {
  reason: string;
}

export function createStageActivities(deps: StageEntryDeps) {
  const enterStage = createStageEntry(deps);
  const enter = async (input: StepRef, stage: Stage, reason: string, onlyFrom?: Stage[]) => {
    const { changed } = await enterStage({ customerId: input.customerId, stage, reason, source: `journey:${input.journeyId}`, onlyFrom });
    return { changed };
  };

  /** Sets the customer's stage label from a journey step (welcome → nurturing starts nurture); returns whether it changed. */
  const setStage = (input: SetStageInput) => enter(input, input.stage, input.reason, input.onlyFrom);

  /** Moves the customer to the cold pool: the `cold` stage, with the reason ops see in the cold-pool report. */
  const moveToColdPool = (input: ColdPoolInput) => enter(input, 'cold', input.reason);

  return { setStage, moveToColdPool };
}
