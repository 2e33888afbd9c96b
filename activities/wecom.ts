import { ApplicationFailure } from '@temporalio/activity';
import { renderForCustomer, type TemplateDeps, type TemplateRef } from './render-message.js';
import { type DeferredSend, type SendPolicyDeps, type SendPurpose } from './send-gate.js';
import { preflight } from './send-preflight.js';
import { clearProviderAttempt, noteProviderAttempt, recordSend, recordSendFailure, type SendInput, type SendResult } from './send-ledger.js';
import { type WecomClient, WecomError } from './wecom-client.js';

/** Where WeCom messages go when WeCom is configured. */
export interface WecomChannel {
  client: Pick<WecomClient, 'sendText'>;
  /** WECOM_SENDER: the staff member who sends to customers whose profile names none. */
  sender: string;
}

export interface WecomDeps extends TemplateDeps, SendPolicyDeps {
  /** Unset (no WeCom credentials): each message is rendered and kept in the ledger as `outbox`, not sent. */
  wecom?: WecomChannel;
}

export function createWecomActivities(deps: WecomDeps) {
  /**
   * Sends one templated text to the customer's WeCom external contact (the template's `text`), checking
   * the send ledger first so a retry or replay never sends twice. WeCom's refusal (not a contact, an
   * invalid external_userid) fails for good and is recorded; a rate limit or an outage is retried.
   */
  async function sendWecom(input: SendInput & SendPurpose & TemplateRef): Promise<SendResult | DeferredSend> {
    const checked = await preflight(input, 'wecom', deps.sendPolicy, async (customer) => ({ ...(await renderForCustomer(deps, input, customer)), sender: customer.wecom?.sender ?? undefined }));
    if ('done' in checked) return checked.done;
    const { to, message } = checked.go;
    const { locale, text } = message;
    if (!deps.wecom) {
      await recordSend(input.sendKey, { status: 'outbox', to, locale, text, reason: 'no WeCom credentials configured: kept in the outbox, not sent' }, { channel: 'wecom', reason: 'no_provider' });
      return { status: 'outbox', to, reason: 'no WeCom credentials configured' };
    }
    // WeCom takes no idempotency key and cannot be asked cheaply what an attempt cut short did:
    // rather than risk a second copy, such a message is not sent again.
    const earlierAttempt = await noteProviderAttempt(input.sendKey);
    if (earlierAttempt) {
      const reason = `an attempt at ${earlierAttempt.toISOString()} was cut short and may have reached WeCom: not sent again, so it cannot arrive twice`;
      return recordSend(input.sendKey, { status: 'unconfirmed', to, locale, text, reason }, { channel: 'wecom', reason: 'unconfirmed_attempt' });
    }
    const sender = message.sender ?? deps.wecom.sender;
    let msgid: string;
    try {
      msgid = await deps.wecom.client.sendText({ externalUserId: to, sender, content: text });
    } catch (error) {
      if (!(error instanceof WecomError)) throw error;
      if (error.refused) {
        await recordSendFailure(input.sendKey, { to, reason: error.message, locale, text }, { channel: 'wecom', reason: 'provider_refused' });
        throw ApplicationFailure.nonRetryable(error.message, 'WecomRefused', { to, sender, errcode: error.errcode });
      }
      // The ledger row stays pending: Temporal retries the send with backoff.
      if (error.answered) await clearProviderAttempt(input.sendKey);
      throw ApplicationFailure.create({ message: error.message, type: 'WecomUnavailable', cause: error });
    }
    return recordSend(input.sendKey, { status: 'sent', to, locale, text, providerMessageId: msgid }, { channel: 'wecom' });
  }
  return { sendWecom };
}
