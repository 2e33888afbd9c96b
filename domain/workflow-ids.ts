import { stableHash } from './hash.js';

/**
 * One run per journey and customer at a time: the workflow id names both. Journey ids cannot contain
 * `:`, so `win` + `back-c1` and `win-back` + `c1` never share an id.
 */
export const journeyWorkflowId = (journeyId: string, customerId: string) => `journey:${journeyId}:${customerId}`;

/** How runs started before journey ids were separated by `:` are named; they stay reachable by it. */
export const legacyJourneyWorkflowId = (journeyId: string, customerId: string) => `journey-${journeyId}-${customerId}`;

/** Each customer's lifecycle workflow. */
export const lifecycleWorkflowId = (customerId: string) => `customer-${customerId}`;

/** One push per stage change: a retried start finds it already there. */
export const stageChangePushWorkflowId = (customerId: string, seq: number) => `stage-push-${customerId}-${seq}`;

/** One re-evaluation per rolled-back version of the stage rules. */
export const stageRulesRollbackWorkflowId = (rolledBack: string) => `stage-rules-rollback-${rolledBack}`;

/** One dispatch per batch of events: named by its first event, and by all of them, so only the same batch again finds it running. */
export const eventBatchDispatchWorkflowId = (eventIds: readonly string[]) => `event-batch-${eventIds[0]}-${stableHash(JSON.stringify(eventIds))}`;
