import { defineQuery, defineSignal } from '@temporalio/workflow';
import type { CustomerEvent } from '../domain/events.js';

/** Every event of the run's customer reaches the run through this signal (duplicates by eventId are ignored). */
export const customerEventSignal = defineSignal<[CustomerEvent]>('customerEvent');

export type RunOutcome = 'goal_reached' | 'completed';

/** What a run has done and what it is doing now. */
export interface RunState {
  journeyId: string;
  journeyVersion: string;
  customerId: string;
  /** Key of the step in progress; null before the first and after the last. */
  currentStep: string | null;
  completedSteps: string[];
  /** Human-readable: what the run waits for right now. */
  waitingFor: string | null;
  outcome: RunOutcome | null;
}

export const runStateQuery = defineQuery<RunState>('runState');
