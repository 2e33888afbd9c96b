import { assertUnreachable } from './errors.js';
import { allSteps, type JourneyDefinition, type Step } from './journey.js';

/** Whether the run took a holdout arm of one of the journey's splits (`arms`: experiment → arm, as the run records them). */
export function tookHoldoutArm(journey: Pick<JourneyDefinition, 'steps' | 'goal'>, arms: Record<string, string>): boolean {
  return allSteps(journey).some((step) => step.kind === 'split' && step.arms.some((arm) => arm.holdout && arms[step.experiment] === arm.name));
}

/** Whether the step acts on the customer, a team or another system: a holdout run passes it without doing it. */
export function hasOutwardEffect(step: Step): boolean {
  switch (step.kind) {
    case 'send':
    case 'task':
    case 'humanTask':
    case 'approval':
    case 'webhook':
    case 'coldPool':
    case 'setStage':
    case 'tag':
      return true;
    case 'wait':
    case 'waitForEvent':
    case 'branch':
    case 'split':
    case 'end':
      return false;
    default:
      return assertUnreachable(step, 'step kind');
  }
}
