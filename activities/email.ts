import type { Transporter } from 'nodemailer';
import { CustomerModel } from '../store/models/customer.js';
import { skipWithoutConsent } from './consent-check.js';
import { composeEmail, type UnsubscribeLinkDeps } from './email-message.js';
import type { TemplateDeps } from './render-message.js';
import { holdWhileUnderReview } from './review-hold.js';
import { type DeferredSend, gateSend, type SendPolicyDeps, type SendPurpose } from './send-gate.js';
import { claimSend, recordSend, type SendInput, type SendResult } from './send-ledger.js';

export interface EmailDeps extends TemplateDeps, SendPolicyDeps, UnsubscribeLinkDeps {
  mailer: Pick<Transporter, 'sendMail'>;
  /** MAIL_FROM: the sender every email goes out with. */
  from: string;
}

export function createEmailActivities(deps: EmailDeps) {
  /** Sends one templated email, checking the send ledger first so a retry or replay never sends twice. */
  async function sendEmail(input: SendInput & SendPurpose): Promise<SendResult | DeferredSend> {
    await holdWhileUnderReview(input.customerId);
    const earlier = await claimSend(input, 'email');
    if (earlier) return earlier;
    const customer = await CustomerModel.findById(input.customerId).lean();
    if (!customer?.email) return recordSend(input.sendKey, { status: 'skipped', reason: 'no email address' });
    const refused = await skipWithoutConsent(input, 'email', customer.consent);
    if (refused) return refused;
    const gated = await gateSend(input, 'email', customer.timezone, deps.sendPolicy);
    if (gated) return gated;
    const message = await composeEmail(deps, input, customer);
    const info = await deps.mailer.sendMail({
      from: deps.from,
      to: customer.email,
      subject: message.subject,
      text: message.text,
      html: message.html,
      headers: message.headers,
    });
    return recordSend(input.sendKey, { status: 'sent', to: customer.email, subject: message.subject, locale: message.locale, providerMessageId: info.messageId });
  }
  return { sendEmail };
}
