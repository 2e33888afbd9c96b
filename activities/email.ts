import { ApplicationFailure } from '@temporalio/activity';
import type { Transporter } from 'nodemailer';
import { z } from 'zod';
import { composeEmail, type UnsubscribeLinkDeps } from './email-message.js';
import type { MessageReason } from './metrics.js';
import type { TemplateDeps, TemplateRef } from './render-message.js';
import { type DeferredSend, type SendPolicyDeps, type SendPurpose } from './send-gate.js';
import { preflight } from './send-preflight.js';
import { clearProviderAttempt, noteProviderAttempt, recordSend, recordSendFailure, type SendInput, type SendResult } from './send-ledger.js';

export interface EmailDeps extends TemplateDeps, SendPolicyDeps, UnsubscribeLinkDeps {
  mailer: Pick<Transporter, 'sendMail'>;
  /** MAIL_FROM: the sender every email goes out with. */
  from: string;
}

export function createEmailActivities(deps: EmailDeps) {
  /** Sends one templated email, checking the send ledger first so a retry or replay never sends twice. */
  async function sendEmail(input: SendInput & SendPurpose & TemplateRef): Promise<SendResult | DeferredSend> {
    const checked = await preflight(input, 'email', deps.sendPolicy, (customer) => composeEmail(deps, input, customer));
    if ('done' in checked) return checked.done;
    const { to, message } = checked.go;
    if (!isEmailAddress(to)) return refuse(input.sendKey, to, `malformed email address "${to}"`, message.locale, 'malformed_address');
    // SMTP cannot be asked whether an attempt cut short (the worker died, the relay's last answer never
    // came) went through: rather than risk a second copy, such a message is not sent again.
    const earlierAttempt = await noteProviderAttempt(input.sendKey);
    if (earlierAttempt) {
      const reason = `an attempt at ${earlierAttempt.toISOString()} was cut short and may have reached the relay: not sent again, so it cannot arrive twice`;
      return recordSend(input.sendKey, { status: 'unconfirmed', to, subject: message.subject, locale: message.locale, reason }, { channel: 'email', reason: 'unconfirmed_attempt' });
    }
    try {
      const info = await deps.mailer.sendMail({
        from: deps.from,
        to,
        subject: message.subject,
        text: message.text,
        html: message.html,
        headers: message.headers,
        messageId: messageIdFor(input.sendKey, deps.from),
      });
      return await recordSend(input.sendKey, { status: 'sent', to, subject: message.subject, locale: message.locale, providerMessageId: info.messageId }, { channel: 'email' });
    } catch (error) {
      const { responseCode, response } = error as { responseCode?: number; response?: string };
      // 5xx: the relay refused this message for good (e.g. the address); anything else is retried.
      if (typeof responseCode === 'number' && responseCode >= 500) return refuse(input.sendKey, to, `the mail relay refused the message: ${response ?? responseCode}`, message.locale, 'provider_refused');
      if (certainlyNotTaken(error)) await clearProviderAttempt(input.sendKey);
      throw error;
    }
  }
  return { sendEmail };
}

/** Steps of an SMTP exchange that come before the message is handed over: failing there, nothing went. */
const BEFORE_HANDOVER = new Set(['CONN', 'EHLO', 'HELO', 'STARTTLS', 'AUTH LOGIN', 'AUTH PLAIN', 'AUTH XOAUTH2', 'MAIL FROM', 'RCPT TO']);

/** The relay answered with an error, or the exchange failed before the message was handed over. */
function certainlyNotTaken(error: unknown): boolean {
  const { responseCode, command, code } = (error ?? {}) as { responseCode?: unknown; command?: unknown; code?: unknown };
  return typeof responseCode === 'number' || code === 'ECONNECTION' || (typeof command === 'string' && BEFORE_HANDOVER.has(command));
}

const isEmailAddress = (address: string) => z.email().safeParse(address).success;

/** `<send key>@<sender's domain>`: the same for every attempt of one message. */
function messageIdFor(sendKey: string, from: string): string {
  const domain = /@([^>\s]+)>?\s*$/.exec(from)?.[1] ?? 'tideway.local';
  return `<${sendKey.replace(/[^A-Za-z0-9.-]/g, '.')}@${domain}>`;
}

/** Records a message the relay will never take, and fails the send for good; the journey goes on. */
async function refuse(sendKey: string, to: string, reason: string, locale: string, why: MessageReason): Promise<never> {
  await recordSendFailure(sendKey, { to, reason, locale }, { channel: 'email', reason: why });
  throw ApplicationFailure.nonRetryable(reason, 'EmailRefused', { to });
}
