import { assertUnreachable } from './errors.js';
import type { JourneyDefinition, Step } from './journey.js';

/** The step lists nested in a step (branches, outcomes, escalations), in order. */
export function childPaths(step: Step): Step[][] {
  switch (step.kind) {
    case 'waitForEvent':
      return [step.onEvent, step.onTimeout];
    case 'branch':
      return [...step.cases.map((c) => c.steps), step.otherwise];
    case 'split':
      return step.arms.map((arm) => arm.steps);
    case 'humanTask':
      return [step.onCompleted ?? [], step.onOverdue];
    case 'approval':
      return [step.onRejected];
    case 'send':
    case 'wait':
    case 'setStage':
    case 'tag':
    case 'task':
    case 'coldPool':
    case 'webhook':
    case 'end':
      return [];
    default:
      return assertUnreachable(step, 'step kind');
  }
}

/** Every step of a journey, depth first, then the goal's `then` steps and the refusal's. */
export function allSteps(journey: Pick<JourneyDefinition, 'steps' | 'goal' | 'refusal'>): Step[] {
  const walk = (list: Step[]): Step[] => list.flatMap((step) => [step, ...childPaths(step).flatMap(walk)]);
  return [...walk(journey.steps), ...walk(journey.goal?.then ?? []), ...walk(journey.refusal?.then ?? [])];
}
