import { ApplicationFailure } from '@temporalio/activity';
import { renderForCustomer, type TemplateDeps, type TemplateRef } from './render-message.js';
import { type DeferredSend, type SendPolicyDeps, type SendPurpose } from './send-gate.js';
import { preflight } from './send-preflight.js';
import { noteProviderAttempt, recordSend, recordSendFailure, type SendInput, type SendResult } from './send-ledger.js';
import { explainTwilioError, findTakenByTwilio, sendThroughTwilio, type TwilioSms } from './twilio-sms.js';

export interface SmsDeps extends TemplateDeps, SendPolicyDeps {
  /** Unset (no Twilio credentials): each SMS is rendered and kept in the ledger as `outbox`, not sent. */
  twilio?: TwilioSms;
}

export function createSmsActivities(deps: SmsDeps) {
  /**
   * Sends one templated SMS through Twilio, checking the send ledger first so a retry or replay never
   * sends twice. Twilio's refusal (a bad number) fails for good and is recorded; an outage is retried.
   */
  async function sendSms(input: SendInput & SendPurpose & TemplateRef): Promise<SendResult | DeferredSend> {
    const checked = await preflight(input, 'sms', deps.sendPolicy, (customer) => renderForCustomer(deps, input, customer));
    if ('done' in checked) return checked.done;
    const { to, message } = checked.go;
    if (!deps.twilio) {
      await recordSend(input.sendKey, { status: 'outbox', to, locale: message.locale, text: message.text, reason: 'no SMS provider configured: kept in the outbox, not sent' }, { channel: 'sms', reason: 'no_provider' });
      return { status: 'outbox', to, reason: 'no SMS provider configured' };
    }
    // Twilio takes no idempotency key: when an earlier attempt was cut short, ask Twilio whether it went through.
    const earlierAttempt = await noteProviderAttempt(input.sendKey);
    const taken = earlierAttempt && (await findTakenByTwilio(deps.twilio, to, message.text, earlierAttempt));
    if (taken) return recordSend(input.sendKey, { status: 'sent', to, locale: message.locale, text: message.text, providerMessageId: taken }, { channel: 'sms' });
    let sid: string;
    try {
      sid = await sendThroughTwilio(deps.twilio, to, message.text, input.sendKey);
    } catch (error) {
      const { refused, reason, code } = explainTwilioError(error);
      // The ledger row stays pending: Temporal retries the send with backoff.
      if (!refused) throw ApplicationFailure.create({ message: reason, type: 'SmsProviderUnavailable', cause: error as Error });
      await recordSendFailure(input.sendKey, { to, reason, locale: message.locale, text: message.text }, { channel: 'sms', reason: 'provider_refused' });
      throw ApplicationFailure.nonRetryable(reason, 'SmsRefused', { to, twilioErrorCode: code });
    }
    return recordSend(input.sendKey, { status: 'sent', to, locale: message.locale, text: message.text, providerMessageId: sid }, { channel: 'sms' });
  }
  return { sendSms };
}
