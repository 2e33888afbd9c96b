import { ApplicationFailure } from '@temporalio/activity';
import { createHmac } from 'node:crypto';
import type { StepRef } from './refs.js';

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

/** `sha256=<hex>` of `<timestamp>.<body>`: what a receiver recomputes to trust a call. */
export function signWebhook(secret: string, timestamp: string, body: string): string {
  return `sha256=${createHmac('sha256', secret).update(`${timestamp}.${body}`).digest('hex')}`;
}

export function createWebhookActivities({ webhooks, webhookSecret }: WebhookDeps) {
  /** POSTs a signed JSON body; a 5xx or a network error is retried, a 4xx is not. */
  async function callWebhook(input: CallWebhookInput): Promise<{ status: number }> {
    const url = webhooks[input.target];
    if (!url) throw ApplicationFailure.nonRetryable(`no webhook named "${input.target}" is configured (TIDEWAY_WEBHOOKS)`, 'UnknownWebhook');
    const body = JSON.stringify({
      event: input.event,
      customerId: input.customerId,
      journeyId: input.journeyId,
      journeyVersion: input.journeyVersion,
      step: input.stepKey,
      workflowId: input.workflowId,
    });
    const timestamp = String(Math.floor(Date.now() / 1000));
    const response = await fetch(url, {
      method: 'POST',
      headers: {
        'content-type': 'application/json',
        'idempotency-key': input.webhookKey,
        'x-tideway-timestamp': timestamp,
        'x-tideway-signature': signWebhook(webhookSecret, timestamp, body),
      },
      body,
      signal: AbortSignal.timeout(10_000),
    });
    await response.body?.cancel();
    if (response.status >= 400 && response.status < 500) {
      throw ApplicationFailure.nonRetryable(`webhook ${input.target} refused the call: HTTP ${response.status}`, 'WebhookRefused');
    }
    if (!response.ok) throw new Error(`webhook ${input.target} failed: HTTP ${response.status}`);
    return { status: response.status };
  }
  return { callWebhook };
}
