/** One run per journey and customer at a time: the workflow id names both. */
export const journeyWorkflowId = (journeyId: string, customerId: string) => `journey-${journeyId}-${customerId}`;

/** Each customer's lifecycle workflow. */
export const lifecycleWorkflowId = (customerId: string) => `customer-${customerId}`;

/** One push per stage change: a retried activity that starts it again finds it already there. */
export const stageChangePushWorkflowId = (customerId: string, seq: number) => `stage-push-${customerId}-${seq}`;

/** One re-evaluation per rolled-back version of the stage rules. */
export const stageRulesRollbackWorkflowId = (rolledBack: string) => `stage-rules-rollback-${rolledBack}`;
