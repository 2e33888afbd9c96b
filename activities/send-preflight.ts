import type { Channel, SendPolicy } from '../domain/send-policy.js';
import { type CustomerDoc, CustomerModel } from '../store/models/customer.js';
import { skipWithoutConsent } from './consent-check.js';
import { renderOrFail } from './render-message.js';
import { holdWhileUnderReview } from './review-hold.js';
import { type DeferredSend, gateSend, type SendPurpose } from './send-gate.js';
import { claimSend, recordSend, type SendInput, type SendResult } from './send-ledger.js';

type Customer = CustomerDoc & { _id: string };

/** Where each channel finds the customer's address, and what the ledger says when there is none. */
const ADDRESS: Record<Channel, { of: (customer: Customer) => string | null | undefined; missing: string }> = {
  email: { of: (customer) => customer.email, missing: 'no email address' },
  sms: { of: (customer) => customer.phone, missing: 'no phone number' },
  wecom: { of: (customer) => customer.wecom?.externalUserId, missing: 'no WeCom external contact' },
};

export type Preflight<M> = { go: { to: string; message: M } } | { done: SendResult | DeferredSend };

/**
 * What every send checks before its provider, in order: a marketing message waits while the customer
 * is under urgent review; the ledger claim (a message dealt with before is not sent again); an
 * address; consent; the message renders (else it fails for good, see `renderOrFail`); quiet hours
 * and caps. `go` with the message when it may go now, else the result to return.
 */
export async function preflight<M>(
  input: SendInput & SendPurpose,
  channel: Channel,
  policy: SendPolicy,
  render: (customer: Customer) => M | Promise<M>,
): Promise<Preflight<M>> {
  if (input.purpose !== 'transactional') await holdWhileUnderReview(input.customerId);
  const earlier = await claimSend(input, channel);
  if (earlier) return { done: earlier };
  const customer = await CustomerModel.findById(input.customerId).lean();
  const to = customer && ADDRESS[channel].of(customer);
  if (!customer || !to) return { done: await recordSend(input.sendKey, { status: 'skipped', reason: ADDRESS[channel].missing }, { channel, reason: 'no_address' }) };
  const refused = await skipWithoutConsent(input, channel, customer.consent);
  if (refused) return { done: refused };
  // Before the send slot: a message that will never render must not use up the customer's cap.
  const message = await renderOrFail(input.sendKey, to, channel, () => render(customer));
  const gated = await gateSend(input, channel, customer.timezone, policy);
  if (gated) return { done: gated };
  return { go: { to, message } };
}
