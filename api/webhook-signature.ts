import { createHmac, timingSafeEqual } from 'node:crypto';

/** How far a signed call's timestamp may be from now: a recorded call cannot be replayed later. */
export const WEBHOOK_TOLERANCE_SECONDS = 300;

/** `sha256=<hex>` of `<timestamp>.<body>`: what a receiver recomputes to trust a call. */
export function signWebhook(secret: string, timestamp: string, body: string | Buffer): string {
  return `sha256=${createHmac('sha256', secret).update(`${timestamp}.`).update(body).digest('hex')}`;
}

/** Whether a call was signed with the secret (`X-Tideway-Signature`) within the tolerance of its `X-Tideway-Timestamp`. */
export function isSignedWebhook(secret: string, { timestamp, signature, body }: { timestamp: string; signature: string; body: Buffer }, now = Date.now()): boolean {
  if (!/^\d{1,12}$/.test(timestamp) || Math.abs(now / 1000 - Number(timestamp)) > WEBHOOK_TOLERANCE_SECONDS) return false;
  const expected = Buffer.from(signWebhook(secret, timestamp, body));
  const given = Buffer.from(signature);
  return given.length === expected.length && timingSafeEqual(given, expected);
}
