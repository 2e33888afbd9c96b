import { CustomerModel } from '../store/models/customer.js';
import { renderForCustomer, type TemplateDeps } from './render-message.js';
import { holdWhileUnderReview } from './review-hold.js';
import { claimSend, recordSend, type SendInput, type SendResult } from './send-ledger.js';

/**
 * SMS sends. No provider is wired in yet: each message is rendered and kept in the ledger as
 * `outbox` (clearly not sent), so journeys with SMS steps run and their messages can be read.
 */
export function createSmsActivities(deps: TemplateDeps) {
  async function sendSms(input: SendInput): Promise<SendResult> {
    await holdWhileUnderReview(input.customerId);
    const earlier = await claimSend(input, 'sms');
    if (earlier) return earlier;
    const customer = await CustomerModel.findById(input.customerId).lean();
    if (!customer?.phone) return recordSend(input.sendKey, { status: 'skipped', reason: 'no phone number' });
    const message = renderForCustomer(deps, input.template, customer);
    await recordSend(input.sendKey, { status: 'outbox', to: customer.phone, locale: message.locale, text: message.text, reason: 'no SMS provider configured: kept in the outbox, not sent' });
    return { status: 'outbox', to: customer.phone, reason: 'no SMS provider configured' };
  }
  return { sendSms };
}
