/**
 * Business counters a journey run is the one to see, through the workflow's meter: served on the
 * worker's Prometheus endpoint with the SDK's metrics. The SDK emits nothing while a workflow replays,
 * so a fact is counted when it happens, not again when a worker rebuilds the run from its history.
 */
import { metricMeter } from '@temporalio/workflow';
import type { RunOutcome } from './messages.js';

/** Counts how a run ended (`goal_reached`, `refused`, `completed`, `exited`, `failed`), by journey. */
export function countRunOutcome(journey: string, outcome: RunOutcome): void {
  metricMeter.createCounter('tideway_journey_outcomes_total', undefined, 'Journey runs finished, by journey and outcome').add(1, { journey, outcome });
}

/** Counts a person's task whose SLA passed before it was completed, by the queue it was opened for. */
export function countTaskOverdue(queue: string): void {
  metricMeter.createCounter('tideway_tasks_overdue_total', undefined, "Tasks whose SLA passed while their run waited, by the queue asked for").add(1, { queue });
}
