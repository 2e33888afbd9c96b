import { type Channel, type SendPolicy, slotVerdict } from '../domain/send-policy.js';
import { MessageModel } from '../store/models/message.js';
import { reserveSendSlot } from '../store/send-budget.js';
import { recordSend, type SendInput, type SendResult } from './send-ledger.js';

export interface SendPolicyDeps {
  /** Quiet hours and frequency caps (config/send-policy.json). */
  sendPolicy: SendPolicy;
}

/** What a send step says about the customer's side of sending. */
export interface SendPurpose {
  purpose?: 'marketing' | 'transactional';
  whenCapped?: 'wait' | 'skip';
}

/** The message may not go yet: the run waits until `until` (a durable timer) and sends again under the same key. */
export interface DeferredSend {
  status: 'deferred';
  until: string;
  reason: string;
}

/**
 * Checked after the ledger claim and before the provider: a transactional message goes; a marketing
 * one takes a slot, or is deferred (quiet hours, a full cap), or skipped when its step says so.
 * Returns undefined when the message may go now.
 */
export async function gateSend(
  input: SendInput & SendPurpose,
  channel: Channel,
  timezone: string | null | undefined,
  policy: SendPolicy,
): Promise<SendResult | DeferredSend | undefined> {
  if (input.purpose === 'transactional') return undefined;
  const slot = await reserveSendSlot({ customerId: input.customerId, channel, sendKey: input.sendKey, timezone }, policy);
  const verdict = slotVerdict(slot, Date.now(), input.whenCapped);
  if ('go' in verdict) return undefined;
  if ('skip' in verdict) return recordSend(input.sendKey, { status: 'skipped', reason: verdict.skip }, { channel, reason: 'frequency_cap' });
  const { reason } = verdict.wait;
  const until = new Date(verdict.wait.until).toISOString();
  // The row stays pending, with why it waits, until the run sends again.
  await MessageModel.updateOne({ _id: input.sendKey }, { $set: { reason: `waiting until ${until}: ${reason}` } });
  return { status: 'deferred', until, reason };
}
