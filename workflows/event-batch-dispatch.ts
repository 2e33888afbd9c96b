import { proxyActivities } from '@temporalio/workflow';
import type { Activities } from '../activities/index.js';
import type { EventBatchInput } from '../activities/event-dispatch.js';

const { dispatchStoredEvents } = proxyActivities<Activities>({
  startToCloseTimeout: '10 minutes',
  heartbeatTimeout: '30 seconds',
  retry: { initialInterval: '1 second', maximumInterval: '1 minute' },
});

/**
 * Hands the events of one accepted `POST /v1/events:batch` to their customers' lifecycles. The API
 * starts it once per batch and answers; the events travel by id (they are in the store), and the
 * activity, retried until it succeeds, signals each customer's lifecycle in the batch's order.
 */
export async function eventBatchDispatch({ eventIds }: EventBatchInput) {
  return dispatchStoredEvents.executeWithOptions({ summary: `hand ${eventIds.length} events to their customers' lifecycles` }, [{ eventIds }]);
}
