import type { ConsentChannel, ConsentStatus } from '../domain/consent.js';
import { CustomerModel } from './models/customer.js';

export interface ConsentUpdate {
  channel: ConsentChannel;
  status: ConsentStatus;
  source: string;
}

/**
 * Sets a customer's consent on one channel and appends the change to their history. Only a change
 * of status is recorded: saying the same twice keeps the first time and source.
 */
export async function recordConsent(customerId: string, { channel, status, source }: ConsentUpdate, at = new Date()): Promise<'changed' | 'unchanged' | 'not-found'> {
  // Conditional on the status, so two concurrent requests record one change, not two.
  const result = await CustomerModel.updateOne(
    { _id: customerId, [`consent.${channel}.status`]: { $ne: status } },
    { $set: { [`consent.${channel}`]: { status, at, source } }, $push: { consentHistory: { channel, status, at, source } } },
  );
  if (result.modifiedCount === 1) return 'changed';
  return (await CustomerModel.exists({ _id: customerId })) ? 'unchanged' : 'not-found';
}
