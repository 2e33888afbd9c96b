import type { Channel } from '../domain/send-policy.js';
import { isDuplicateKeyError } from '../store/errors.js';
import { type MessageDoc, MessageModel } from '../store/models/message.js';
import { countMessage, type MessageCount } from './metrics.js';
import type { StepRef } from './refs.js';

export interface SendInput extends StepRef {
  /** Made in the workflow: the same key is never sent twice. */
  sendKey: string;
  template: string;
}

export interface SendResult {
  /** `delivered` only when a retried send finds the provider already confirmed delivery. */
  status: 'sent' | 'delivered' | 'skipped' | 'outbox' | 'unconfirmed';
  to?: string;
  subject?: string;
  reason?: string;
}

/**
 * Claims the ledger row for a send (the send key is the row's `_id`, so a second claim finds the first).
 * Returns the earlier result when the message was already dealt with, so the provider is never called twice.
 * Every call here names the row by its `_id`, which the `_id` index finds without reading the whole ledger.
 */
export async function claimSend(input: SendInput, channel: Channel): Promise<SendResult | undefined> {
  try {
    await MessageModel.create({
      _id: input.sendKey,
      sendKey: input.sendKey,
      customerId: input.customerId,
      channel,
      template: input.template,
      journeyId: input.journeyId,
      workflowId: input.workflowId,
      status: 'pending',
    });
    return undefined;
  } catch (error) {
    if (!isDuplicateKeyError(error)) throw error;
  }
  const entry = await MessageModel.findById(input.sendKey).orFail().lean();
  if (entry.status === 'pending' || entry.status === 'failed') return undefined;
  return { status: entry.status, to: entry.to ?? undefined, subject: entry.subject ?? undefined, reason: entry.reason ?? undefined };
}

type LedgerDetails = Partial<Pick<MessageDoc, 'locale' | 'providerMessageId' | 'text'>>;

/** Records what became of a claimed send, and counts it (`count`: its channel, and why when it did not go). */
export async function recordSend(sendKey: string, outcome: SendResult & LedgerDetails, count: MessageCount): Promise<SendResult> {
  const { status, ...details } = outcome;
  const sentAt = status === 'sent' ? { sentAt: new Date() } : {};
  const { modifiedCount } = await MessageModel.updateOne({ _id: sendKey, ...(status === 'sent' ? { status: 'pending' } : {}) }, { $set: { ...outcome, ...sentAt } });
  // A status report came first (delivered, failed): `sent` does not move the row back.
  if (status === 'sent' && modifiedCount === 0) await MessageModel.updateOne({ _id: sendKey }, { $set: { ...details, ...sentAt } });
  countMessage(status === 'sent' || status === 'delivered' ? 'sent' : 'skipped', count);
  return { status: outcome.status, to: outcome.to, subject: outcome.subject, reason: outcome.reason };
}

/** Records that the provider refused a claimed send for good, and counts it; a later claim of the same key may try again. */
export async function recordSendFailure(sendKey: string, failure: { to: string; reason: string } & LedgerDetails, count: Required<MessageCount>): Promise<void> {
  await MessageModel.updateOne({ _id: sendKey }, { $set: { ...failure, status: 'failed', failedAt: new Date() } });
  countMessage('failed', count);
}

/**
 * Notes that the provider is about to be called for this send, and returns when an earlier attempt
 * was (its outcome unknown: the worker stopped, or the call timed out), so the caller can ask the
 * provider whether that attempt went through before sending again.
 */
export async function noteProviderAttempt(sendKey: string): Promise<Date | undefined> {
  const before = await MessageModel.findOneAndUpdate({ _id: sendKey }, { $set: { attemptedAt: new Date() } }, { lean: true });
  return before?.attemptedAt ?? undefined;
}

/** Forgets the attempt noted before a provider call that certainly did not take the message, so a retry sends. */
export async function clearProviderAttempt(sendKey: string): Promise<void> {
  await MessageModel.updateOne({ _id: sendKey }, { $unset: { attemptedAt: 1 } });
}
