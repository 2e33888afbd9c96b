import { ApplicationFailure } from '@temporalio/activity';
import type { StepRef } from './refs.js';
import { postSigned } from './signed-post.js';

export { signWebhook } from '../api/webhook-signature.js';

export interface WebhookDeps {
  /** Named endpoints journeys may call, e.g. `{ crm: 'https://crm.example.com/hooks/tideway' }`. */
  webhooks: Record<string, string>;
  /** HMAC-SHA256 key for the `X-Tideway-Signature` header. */
  webhookSecret: string;
}

export interface CallWebhookInput extends StepRef {
  /** Made in the workflow; sent as `Idempotency-Key` so the receiver can drop a retried call. */
  webhookKey: string;
  target: string;
  event: string;
}

export function createWebhookActivities({ webhooks, webhookSecret }: WebhookDeps) {
  /** POSTs a signed JSON body; a 5xx or a network error is retried, a 4xx is not. */
  async function callWebhook(input: CallWebhookInput): Promise<{ status: number }> {
    const url = webhooks[input.target];
    if (!url) throw ApplicationFailure.nonRetryable(`no webhook named "${input.target}" is configured (TIDEWAY_WEBHOOKS)`, 'UnknownWebhook');
    return postSigned({
      url,
      label: `webhook ${input.target}`,
      idempotencyKey: input.webhookKey,
      secret: webhookSecret,
      payload: {
        event: input.event,
        customerId: input.customerId,
        journeyId: input.journeyId,
        journeyVersion: input.journeyVersion,
        step: input.stepKey,
        workflowId: input.workflowId,
      },
    });
  }
  return { callWebhook };
}
