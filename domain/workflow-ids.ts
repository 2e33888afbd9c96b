/** One run per journey and customer at a time: the workflow id names both. */
export const journeyWorkflowId = (journeyId: string, customerId: string) => `journey-${journeyId}-${customerId}`;

/** Each customer's lifecycle workflow. */
export const lifecycleWorkflowId = (customerId: string) => `customer-${customerId}`;
