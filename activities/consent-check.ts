import { type ConsentChannel, marketingRefusal } from '../domain/consent.js';
import type { SendPurpose } from './send-gate.js';
import { recordSend, type SendInput, type SendResult } from './send-ledger.js';

/**
 * Checked after the ledger claim and before quiet hours and caps: a marketing message to a customer
 * without consent on the channel is skipped, with the reason in the ledger. Transactional ones go.
 */
export async function skipWithoutConsent(input: SendInput & SendPurpose, channel: ConsentChannel, consent: unknown): Promise<SendResult | undefined> {
  if (input.purpose === 'transactional') return undefined;
  const refusal = marketingRefusal(consent, channel);
  return refusal ? recordSend(input.sendKey, { status: 'skipped', reason: refusal }, { channel, reason: 'no_consent' }) : undefined;
}
