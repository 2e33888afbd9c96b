import { proxyActivities } from '@temporalio/workflow';
import type { Activities } from '../activities/index.js';
import type { StageChangeNotice } from '../activities/crm-stage-push.js';

// A CRM that is down for hours delays the push, never loses it: retries back off to one an hour.
const { pushStageChange } = proxyActivities<Activities>({
  startToCloseTimeout: '30 seconds',
  retry: { initialInterval: '2 seconds', backoffCoefficient: 2, maximumInterval: '1 hour' },
});

/** Tells the CRM about one stage change. Its own workflow, so a slow CRM never holds up the lifecycle. */
export async function stageChangePush(notice: StageChangeNotice): Promise<void> {
  await pushStageChange.executeWithOptions({ summary: `${notice.from ?? 'none'} → ${notice.to}` }, [notice]);
}
