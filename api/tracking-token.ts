import { createHash, createHmac, timingSafeEqual } from 'node:crypto';

/** The message a click or open link belongs to: the send, who it went to, and where in which journey. */
export interface TrackedMessage {
  sendKey: string;
  customerId: string;
  journeyId: string;
  stepKey: string;
}

/** A link of a marketing email: where it leads, and its name when it is one of the deployment's links. */
export interface TrackedClick extends TrackedMessage {
  url: string;
  link?: string;
}

export const CLICK_PATH = '/r';
export const OPEN_PATH = '/o';

const base = (publicUrl: string) => publicUrl.replace(/\/+$/, '');
/** `<TIDEWAY_PUBLIC_URL>/r/<token>`: records the click, then redirects to the link the token carries. */
export const clickUrl = (publicUrl: string, token: string) => `${base(publicUrl)}${CLICK_PATH}/${token}`;
/** `<TIDEWAY_PUBLIC_URL>/o/<token>.gif`: the open pixel. */
export const openPixelUrl = (publicUrl: string, token: string) => `${base(publicUrl)}${OPEN_PATH}/${token}.gif`;

type Purpose = 'click' | 'open';

// The purpose is signed with the payload: an open token is no click token, and neither is an unsubscribe token.
const signature = (secret: string, purpose: Purpose, payload: string) => createHmac('sha256', secret).update(`tideway-${purpose}.v1.${payload}`).digest('base64url');

function sign(secret: string, purpose: Purpose, fields: Record<string, string | undefined>): string {
  const payload = Buffer.from(JSON.stringify(fields)).toString('base64url');
  return `${payload}.${signature(secret, purpose, payload)}`;
}

/** The payload's fields when the token is `<payload>.<signature>` and Tideway signed it for this purpose. */
function read(secret: string, purpose: Purpose, token: string): Record<string, unknown> | 'malformed' | 'forged' {
  const match = /^([A-Za-z0-9_-]{1,4000})\.([A-Za-z0-9_-]{43})$/.exec(token);
  if (!match) return 'malformed';
  const [, payload, signed] = match as unknown as [string, string, string];
  // Compared as text: decoding would ignore the spare bits of the last character.
  if (!timingSafeEqual(Buffer.from(signed), Buffer.from(signature(secret, purpose, payload)))) return 'forged';
  try {
    const fields = JSON.parse(Buffer.from(payload, 'base64url').toString('utf8')) as unknown;
    return fields !== null && typeof fields === 'object' && !Array.isArray(fields) ? (fields as Record<string, unknown>) : 'malformed';
  } catch {
    return 'malformed';
  }
}

const text = (value: unknown) => (typeof value === 'string' && value ? value : undefined);

function messageOf(fields: Record<string, unknown>): TrackedMessage | undefined {
  const [sendKey, customerId, journeyId, stepKey] = [text(fields.k), text(fields.c), text(fields.j), text(fields.s)];
  return sendKey && customerId && journeyId && stepKey ? { sendKey, customerId, journeyId, stepKey } : undefined;
}

const messageFields = (m: TrackedMessage) => ({ k: m.sendKey, c: m.customerId, j: m.journeyId, s: m.stepKey });

/**
 * A click token, `<payload>.<signature>` (base64url; HMAC-SHA256): the target URL is inside the signed
 * payload, so the redirect leads only where a message linked. No expiry: an old email's links keep working.
 */
export function signClickToken(secret: string, click: TrackedClick): string {
  return sign(secret, 'click', { ...messageFields(click), u: click.url, n: click.link });
}

/** The click a token records, `malformed` when it is not one, `forged` when Tideway did not sign it. */
export function readClickToken(secret: string, token: string): TrackedClick | 'malformed' | 'forged' {
  const fields = read(secret, 'click', token);
  if (typeof fields === 'string') return fields;
  const message = messageOf(fields);
  const url = text(fields.u);
  if (!message || !url || !/^https?:\/\//i.test(url)) return 'malformed';
  const link = text(fields.n);
  return { ...message, url, ...(link ? { link } : {}) };
}

export function signOpenToken(secret: string, message: TrackedMessage): string {
  return sign(secret, 'open', messageFields(message));
}

/** The message an open-pixel token names, `malformed` or `forged` as for clicks. */
export function readOpenToken(secret: string, token: string): TrackedMessage | 'malformed' | 'forged' {
  const fields = read(secret, 'open', token);
  if (typeof fields === 'string') return fields;
  return messageOf(fields) ?? 'malformed';
}

const digest = (text: string) => createHash('sha256').update(text).digest('base64url');

/** One `message.clicked` per link of a message: a double click, or a scanner and then the reader, count once. */
export const clickEventId = (click: TrackedClick) => `message.clicked:${digest(`${click.sendKey}\n${click.url}`)}`;
/** One `message.opened` per message, however often it is shown. */
export const openEventId = (message: TrackedMessage) => `message.opened:${digest(message.sendKey)}`;
