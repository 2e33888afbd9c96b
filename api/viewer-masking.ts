import type { RequestHandler } from 'express';
import { maskEmail, maskPhone, maskText } from '../domain/masking.js';
import { principalOf } from './principal.js';

const CONTACT_KINDS = new Set(['email', 'phone', 'wechat']);

const isPlainObject = (value: unknown): value is Record<string, unknown> =>
  value !== null && typeof value === 'object' && [Object.prototype, null].includes(Object.getPrototypeOf(value));

/**
 * A body as a viewer may see it: every `email` and `phone`, the value of every email, phone and WeChat
 * identity, and the `name` of a person (an object that also holds an email, phone or identities), masked.
 * Dates, ids and everything else pass as they are.
 */
export function maskPersonalData(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(maskPersonalData);
  if (!isPlainObject(value)) return value;
  const person = 'email' in value || 'phone' in value || 'identities' in value;
  const contactIdentity = typeof value.kind === 'string' && CONTACT_KINDS.has(value.kind);
  return Object.fromEntries(
    Object.entries(value).map(([key, item]) => {
      if (typeof item !== 'string') return [key, maskPersonalData(item)];
      if (key === 'email') return [key, maskEmail(item)];
      if (key === 'phone') return [key, maskPhone(item)];
      if (key === 'value' && contactIdentity) return [key, value.kind === 'email' ? maskEmail(item) : value.kind === 'phone' ? maskPhone(item) : maskText(item)];
      if (key === 'name' && person) return [key, maskText(item)];
      return [key, item];
    }),
  );
}

/** Every JSON answer to a viewer goes out masked, whatever the route: a new route cannot forget it. */
export const maskForViewers: RequestHandler = (_req, res, next) => {
  if (principalOf(res)?.role !== 'viewer') return next();
  const json = res.json;
  res.json = function (this: typeof res, body?: unknown) {
    return json.call(this, maskPersonalData(body));
  };
  next();
};
