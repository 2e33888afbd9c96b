import { defineQuery, defineSignal } from '@temporalio/workflow';
import type { CustomerEvent } from '../domain/events.js';

/** Every event of the run's customer reaches the run through this signal (duplicates by eventId are ignored). */
export const customerEventSignal = defineSignal<[CustomerEvent]>('customerEvent');

/** A person completed a task the run opened. */
export interface TaskCompletion {
  taskKey: string;
  outcome: string;
}
export const taskCompletedSignal = defineSignal<[TaskCompletion]>('taskCompleted');

/** A person decided on an approval the run asked for. */
export interface ApprovalDecision {
  approvalKey: string;
  decision: 'approved' | 'rejected';
}
export const approvalDecidedSignal = defineSignal<[ApprovalDecision]>('approvalDecided');

/** `refused`: the customer's reply refused (the journey's `refusal` clause); it does not count as the goal. */
export type RunOutcome = 'goal_reached' | 'exited' | 'completed' | 'failed' | 'refused';

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
  /** Arm per experiment of the sticky splits this run went through. */
  arms: Record<string, string>;
  outcome: RunOutcome | null;
  reason: string | null;
}

export const runStateQuery = defineQuery<RunState>('runState');

/** What a customer's lifecycle workflow knows. */
export interface LifecycleState {
  customerId: string;
  stage: import('../domain/stages.js').Stage | null;
  facts: import('../activities/lifecycle.js').LifecycleFacts;
  /** Events applied since the customer's first, across continue-as-new. */
  eventsApplied: number;
  /** How many times the workflow continued as new. */
  generation: number;
  /** 0–100, as mirrored to the HealthScore search attribute; null before the first event. */
  healthScore: number | null;
  /** Workflow ids of the customer's journey runs the lifecycle hands events to (absent in the first version). */
  runningJourneys?: string[];
}

/** A journey run started outside the lifecycle (an enrollment by hand): the lifecycle hands it the customer's events from now on. */
export const journeyStartedSignal = defineSignal<[{ workflowId: string }]>('journeyStarted');

export const lifecycleStateQuery = defineQuery<LifecycleState>('lifecycleState');

/** Ends a run where it is, with outcome `exited` and this reason (its customer was merged into another). */
export interface EndRun {
  reason: string;
}
export const endRunSignal = defineSignal<[EndRun]>('endRun');
