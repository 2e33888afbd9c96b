import type { ActivityInterfaceFor } from '@temporalio/workflow';
import type { Activities } from '../activities/index.js';
import type { Refusal } from '../domain/refusal.js';

/**
 * What a run stopped by a refusing reply does first: opt the customer out of marketing on the channel the
 * reply came through (none for a channel without marketing consent), a step in the run's history.
 */
export async function optOutAfterRefusal(acts: Pick<ActivityInterfaceFor<Activities>, 'optOutOfMarketing'>, refusal: Refusal, customerId: string, journeyId: string): Promise<void> {
  if (!refusal.channel) return;
  await acts.optOutOfMarketing.executeWithOptions({ startToCloseTimeout: '30 seconds', summary: `opt out of ${refusal.channel} marketing: refused "${refusal.phrase}"` }, [
    { customerId, channel: refusal.channel, source: `refusal:${journeyId}` },
  ]);
}
