import type { Stage } from '../domain/stages.js';
import { changeStage } from '../store/customers.js';
import type { StepRef } from './refs.js';

export interface SetStageInput extends StepRef {
  stage: Stage;
  reason: string;
}

/** Sets the customer's stage label from a journey step; returns whether it changed. */
export async function setStage(input: SetStageInput): Promise<{ changed: boolean }> {
  const changed = await changeStage({
    customerId: input.customerId,
    stage: input.stage,
    reason: input.reason,
    source: `journey:${input.journeyId}`,
  });
  return { changed };
}
