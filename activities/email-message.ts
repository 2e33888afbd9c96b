import { signUnsubscribeToken, unsubscribeUrl } from '../api/unsubscribe-token.js';
import { emailHtml } from '../domain/email-html.js';
import { unsubscribeFooter } from '../domain/unsubscribe-footer.js';
import type { CustomerDoc } from '../store/models/customer.js';
import { unsubscribeSecret } from '../store/unsubscribe-secret.js';
import { renderForCustomer, type TemplateDeps, type TemplateRef } from './render-message.js';
import type { SendPurpose } from './send-gate.js';
import type { SendInput } from './send-ledger.js';

export interface UnsubscribeLinkDeps {
  /** TIDEWAY_PUBLIC_URL: where unsubscribe links point. @default 'http://127.0.0.1:3000' */
  publicUrl?: string;
  /** TIDEWAY_UNSUBSCRIBE_SECRET; unset, the secret kept in the store signs the links. */
  unsubscribeSecret?: string;
}

export interface EmailMessage {
  subject: string;
  text: string;
  html: string;
  headers: Record<string, string>;
  locale: string;
}

/**
 * The email for a send step: the template in the customer's locale as text and as HTML. A marketing
 * email also carries an unsubscribe link in both, and the List-Unsubscribe headers for one-click
 * unsubscribing in the mail client (RFC 8058).
 */
export async function composeEmail(
  deps: TemplateDeps & UnsubscribeLinkDeps,
  input: SendInput & SendPurpose & TemplateRef,
  customer: Pick<CustomerDoc, 'name' | 'email' | 'locale'> & { _id: string },
): Promise<EmailMessage> {
  const message = renderForCustomer(deps, input, customer);
  const headers: Record<string, string> = { 'X-Tideway-Send-Key': input.sendKey, 'X-Tideway-Journey': input.journeyId };
  if (input.purpose === 'transactional') {
    return { ...message, html: emailHtml({ lang: message.locale, subject: message.subject, text: message.text }), headers };
  }
  const token = signUnsubscribeToken(await unsubscribeSecret(deps.unsubscribeSecret), { customerId: customer._id, channel: 'email' });
  const url = unsubscribeUrl(deps.publicUrl ?? 'http://127.0.0.1:3000', token);
  const footer = unsubscribeFooter(message.locale, { brand: deps.templateDefaults.brand ?? 'us', unsubscribeUrl: url });
  return {
    subject: message.subject,
    text: `${message.text}\n\n-- \n${footer.text}`,
    html: emailHtml({ lang: message.locale, subject: message.subject, text: message.text, footerHtml: footer.html }),
    headers: { ...headers, 'List-Unsubscribe': `<${url}>`, 'List-Unsubscribe-Post': 'List-Unsubscribe=One-Click' },
    locale: message.locale,
  };
}
