import { ApplicationFailure } from '@temporalio/activity';
import { durationToMs } from '../domain/durations.js';
import { type Channel, nextSendSlot, type SendPolicy, type SendSlot } from '../domain/send-policy.js';
import { isDuplicateKeyError } from './errors.js';
import { SendBudgetModel } from './models/send-budget.js';

const ATTEMPTS = 8;

/**
 * Takes a slot for a marketing message now, or says when the next one is (quiet hours, a full cap).
 * Optimistic: the reservation is conditional on the version read, and a lost race reads again. A
 * send key that already holds a slot keeps it, so a retried activity is not counted twice.
 */
export async function reserveSendSlot(
  { customerId, channel, sendKey, timezone }: { customerId: string; channel: Channel; sendKey: string; timezone?: string | null },
  policy: SendPolicy,
  now = Date.now(),
): Promise<SendSlot> {
  const _id = `${customerId}:${channel}`;
  const longest = Math.max(0, ...(policy.caps[channel] ?? []).map((cap) => durationToMs(cap.per)));
  for (let attempt = 0; attempt < ATTEMPTS; attempt++) {
    const budget = await SendBudgetModel.findById(_id).lean();
    const sends = budget?.sends ?? [];
    if (sends.some((s) => s.sendKey === sendKey)) return { at: now };
    const slot = nextSendSlot(policy, channel, timezone, sends.map((s) => s.at!.getTime()), now);
    if (slot.at > now) return slot;
    const kept = sends.filter((s) => s.at!.getTime() > now - longest);
    const taken = { sendKey, at: new Date(now) };
    try {
      if (!budget) {
        await SendBudgetModel.create({ _id, sends: [taken], version: 1 });
        return slot;
      }
      const updated = await SendBudgetModel.updateOne({ _id, version: budget.version }, { $set: { sends: [...kept, taken] }, $inc: { version: 1 } });
      if (updated.modifiedCount === 1) return slot;
    } catch (error) {
      if (!isDuplicateKeyError(error)) throw error;
    }
  }
  throw ApplicationFailure.retryable(`too many sends to ${customerId} at once: the reservation is retried`, 'SendBudgetContention');
}
