import type { Channel, SendPolicy } from '../domain/send-policy.js';
import { type CustomerDoc, CustomerModel } from '../store/models/customer.js';
import { skipWithoutConsent } from './consent-check.js';
import { holdWhileUnderReview } from './review-hold.js';
import { type DeferredSend, gateSend, type SendPurpose } from './send-gate.js';
import { claimSend, recordSend, type SendInput, type SendResult } from './send-ledger.js';

/** Where each channel finds the customer's address, and what the ledger says when there is none. */
const ADDRESS = { email: { field: 'email', missing: 'no email address' }, sms: { field: 'phone', missing: 'no phone number' } } as const;

export type Preflight = { go: { customer: CustomerDoc & { _id: string }; to: string } } | { done: SendResult | DeferredSend };

/**
 * What every send checks before its provider, in order: a marketing message waits while the customer
 * is under urgent review; the ledger claim (a message dealt with before is not sent again); an
 * address; consent; quiet hours and caps. `go` when the message may go now, else the result to return.
 */
export async function preflight(input: SendInput & SendPurpose, channel: Channel, policy: SendPolicy): Promise<Preflight> {
  if (input.purpose !== 'transactional') await holdWhileUnderReview(input.customerId);
  const earlier = await claimSend(input, channel);
  if (earlier) return { done: earlier };
  const customer = await CustomerModel.findById(input.customerId).lean();
  const to = customer?.[ADDRESS[channel].field];
  if (!customer || !to) return { done: await recordSend(input.sendKey, { status: 'skipped', reason: ADDRESS[channel].missing }) };
  const refused = await skipWithoutConsent(input, channel, customer.consent);
  if (refused) return { done: refused };
  const gated = await gateSend(input, channel, customer.timezone, policy);
  if (gated) return { done: gated };
  return { go: { customer, to } };
}
