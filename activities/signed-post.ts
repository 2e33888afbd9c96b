import { ApplicationFailure } from '@temporalio/activity';
import { signWebhook } from '../api/webhook-signature.js';

/**
 * POSTs a JSON body signed with the shared secret, with an idempotency key the receiver uses to drop
 * a retried call. A 4xx fails for good (the receiver refused); a 5xx or a network error is retried.
 */
export async function postSigned({ url, label, idempotencyKey, secret, payload }: {
  url: string;
  /** Names the receiver in errors. */
  label: string;
  idempotencyKey: string;
  secret: string;
  payload: unknown;
}): Promise<{ status: number }> {
  const body = JSON.stringify(payload);
  const timestamp = String(Math.floor(Date.now() / 1000));
  const response = await fetch(url, {
    method: 'POST',
    headers: {
      'content-type': 'application/json',
      'idempotency-key': idempotencyKey,
      'x-tideway-timestamp': timestamp,
      'x-tideway-signature': signWebhook(secret, timestamp, body),
    },
    body,
    signal: AbortSignal.timeout(10_000),
  });
  await response.body?.cancel();
  if (response.status >= 400 && response.status < 500) {
    throw ApplicationFailure.nonRetryable(`${label} refused the call: HTTP ${response.status}`, 'WebhookRefused');
  }
  if (!response.ok) throw new Error(`${label} failed: HTTP ${response.status}`);
  return { status: response.status };
}
