import { postSigned } from './signed-post.js';

export interface CrmPushDeps {
  /** Where every stage change is pushed (`TIDEWAY_CRM_STAGE_WEBHOOK`); unset pushes nothing. */
  crmStageWebhook?: string;
  webhookSecret: string;
}

/** One stage change as the CRM receives it; `seq` numbers the customer's changes from 1. */
export interface StageChangeNotice {
  customerId: string;
  seq: number;
  from: string | null;
  to: string;
  reason: string;
  source: string;
  ruleVersion: string;
  at: string;
}

/** Stage changes travel under this idempotency key, so the CRM can drop a retried push. */
export const stageChangeKey = (notice: Pick<StageChangeNotice, 'customerId' | 'seq'>) => `stage-change:${notice.customerId}:${notice.seq}`;

export function createCrmPushActivities({ crmStageWebhook, webhookSecret }: CrmPushDeps) {
  /** Pushes one stage change to the CRM, signed; a workflow retries it with backoff until the CRM takes it. */
  async function pushStageChange(notice: StageChangeNotice): Promise<{ status: number | 'not configured' }> {
    if (!crmStageWebhook) return { status: 'not configured' };
    return postSigned({
      url: crmStageWebhook,
      label: 'CRM stage webhook',
      idempotencyKey: stageChangeKey(notice),
      secret: webhookSecret,
      payload: { event: 'customer.stage_changed', ...notice },
    });
  }
  return { pushStageChange };
}
