import { childPaths, type Step } from './journey.js';

/**
 * How many runs passed each step, from the steps runs recorded. A step that holds paths (a branch, a
 * split, a wait for an event, a task with an escalation) is recorded only once its path is done, so a run
 * that reached the goal inside it would not count for it: such a step counts at least the runs that went
 * on down its paths (each run takes one path, so they add up). `steps`: every step, nested ones too.
 */
export function stepPasses(steps: Step[], recorded: ReadonlyMap<string, number>): Map<string, number> {
  const passes = new Map<string, number>();
  const count = (step: Step): number => {
    const known = passes.get(step.key);
    if (known !== undefined) return known;
    const intoPaths = childPaths(step).reduce((sum, path) => sum + (path[0] ? count(path[0]) : 0), 0);
    const passed = Math.max(recorded.get(step.key) ?? 0, intoPaths);
    passes.set(step.key, passed);
    return passed;
  };
  steps.forEach(count);
  return passes;
}
