import type { ConsentChannel } from '../domain/consent.js';
import { recordConsent } from '../store/consent.js';

export interface MarketingOptOut {
  customerId: string;
  channel: ConsentChannel;
  /** Where the change came from, e.g. `refusal:win-back`. */
  source: string;
}

/**
 * Opts a customer out of marketing on one channel, through the consent writer (a change recorded once, in
 * their consent history). Transactional messages still go; later marketing there is skipped by the send's consent check.
 */
export async function optOutOfMarketing({ customerId, channel, source }: MarketingOptOut): Promise<'changed' | 'unchanged' | 'not-found'> {
  return recordConsent(customerId, { channel, status: 'opted_out', source });
}
