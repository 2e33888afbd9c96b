import type { Stage } from '../domain/stages.js';
import { changeStage } from '../store/customers.js';
import { CustomerModel } from '../store/models/customer.js';
import type { JourneyRunner } from '../temporal/journey-runner.js';
import type { StepRef } from './refs.js';

export interface SetStageInput extends StepRef {
  stage: Stage;
  reason: string;
  onlyFrom?: Stage[];
}

export interface ColdPoolInput extends StepRef {
  reason: string;
}

export function createStageActivities({ runner }: { runner: JourneyRunner }) {
  /** Moves the customer to a stage and starts the journeys that enter on it (welcome → nurturing starts nurture). */
  async function enter(input: StepRef, stage: Stage, reason: string, onlyFrom?: Stage[]): Promise<{ changed: boolean }> {
    const changed = await changeStage({ customerId: input.customerId, stage, reason, source: `journey:${input.journeyId}`, onlyFrom });
    const now = await CustomerModel.findById(input.customerId, { stage: 1 }).lean();
    // Also on a retry after the change was made: starting is idempotent per journey and customer.
    if (now?.stage === stage) await runner.onStageEntered(input.customerId, stage);
    return { changed };
  }

  /** Sets the customer's stage label from a journey step; returns whether it changed. */
  const setStage = (input: SetStageInput) => enter(input, input.stage, input.reason, input.onlyFrom);

  /** Moves the customer to the cold pool: the `cold` stage, with the reason ops see in the cold-pool report. */
  const moveToColdPool = (input: ColdPoolInput) => enter(input, 'cold', input.reason);

  return { setStage, moveToColdPool };
}
