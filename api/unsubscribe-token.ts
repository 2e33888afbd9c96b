import { createHmac, timingSafeEqual } from 'node:crypto';
import { CONSENT_CHANNELS, type ConsentChannel } from '../domain/consent.js';

/** Who an unsubscribe link opts out, and from which channel. */
export interface UnsubscribeTarget {
  customerId: string;
  channel: ConsentChannel;
}

export const UNSUBSCRIBE_PATH = '/u';

/** The link in every marketing email: `<TIDEWAY_PUBLIC_URL>/u/<token>`. */
export const unsubscribeUrl = (publicUrl: string, token: string) => `${publicUrl.replace(/\/+$/, '')}${UNSUBSCRIBE_PATH}/${token}`;

// The purpose is signed along with the payload, so a signature made for anything else never passes here.
const signature = (secret: string, payload: string) => createHmac('sha256', secret).update(`tideway-unsubscribe.v1.${payload}`).digest();

/**
 * `<payload>.<signature>`, both base64url: the payload names the customer and channel, the
 * HMAC-SHA256 proves Tideway wrote it. No expiry: a link in an old email must still work.
 */
export function signUnsubscribeToken(secret: string, { customerId, channel }: UnsubscribeTarget): string {
  const payload = Buffer.from(JSON.stringify({ c: customerId, ch: channel })).toString('base64url');
  return `${payload}.${signature(secret, payload).toString('base64url')}`;
}

/** The target of a token, `malformed` when it is not one, `forged` when its signature does not match. */
export function readUnsubscribeToken(secret: string, token: string): UnsubscribeTarget | 'malformed' | 'forged' {
  const match = /^([A-Za-z0-9_-]{1,1000})\.([A-Za-z0-9_-]{43})$/.exec(token);
  if (!match) return 'malformed';
  const [, payload, signed] = match as unknown as [string, string, string];
  // Compared as text: decoding would ignore the spare bits of the last character.
  const expected = signature(secret, payload).toString('base64url');
  if (!timingSafeEqual(Buffer.from(signed), Buffer.from(expected))) return 'forged';
  try {
    const { c, ch } = JSON.parse(Buffer.from(payload, 'base64url').toString('utf8')) as { c?: unknown; ch?: unknown };
    if (typeof c !== 'string' || !c || !CONSENT_CHANNELS.includes(ch as ConsentChannel)) return 'malformed';
    return { customerId: c, channel: ch as ConsentChannel };
  } catch {
    return 'malformed';
  }
}
