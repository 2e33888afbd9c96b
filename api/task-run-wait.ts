import { JourneyRunModel } from '../store/models/journey-run.js';
import type { TaskDoc } from '../store/models/task.js';
import type { JourneyRunner } from '../temporal/journey-runner.js';

type WaitingTask = Pick<TaskDoc, 'status' | 'taskKey' | 'workflowId' | 'journeyId' | 'customerId'>;

/**
 * Whether the run that opened a task still waits on it. A completed task's run heard of the completion;
 * an overdue one's run took its overdue path when its own SLA timer fired, unless that has not happened
 * yet (the worker was down, or the store's due time is a moment ahead of the run's timer).
 */
export async function runWaitsOn(runner: Pick<JourneyRunner, 'runState'>, task: WaitingTask): Promise<boolean> {
  if (task.status !== 'open' || !task.workflowId || !task.journeyId) return false;
  // A run's task key is `<runId>:<step key>`; a run id holds no colon.
  const colon = task.taskKey.indexOf(':');
  const [runId, stepKey] = [task.taskKey.slice(0, colon), task.taskKey.slice(colon + 1)];
  const [row, live] = await Promise.all([JourneyRunModel.findById(runId).lean(), runner.runState(task.journeyId, task.customerId)]);
  // The row tells that this run (not a later one of the same journey) is the one still going.
  return row?.status === 'running' && live?.status === 'RUNNING' && live.state.currentStep === stepKey && live.state.waitingFor !== null;
}
