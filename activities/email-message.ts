import { signUnsubscribeToken, unsubscribeUrl } from '../api/unsubscribe-token.js';
import { unsubscribeFooter } from '../domain/unsubscribe-footer.js';
import type { CustomerDoc } from '../store/models/customer.js';
import { unsubscribeSecret } from '../store/unsubscribe-secret.js';
import { emailHtml } from './email-layout.js';
import { emailTracking } from './email-tracking.js';
import { renderForCustomer, type TemplateDeps, type TemplateRef } from './render-message.js';
import type { SendPurpose } from './send-gate.js';
import type { SendInput } from './send-ledger.js';

export interface UnsubscribeLinkDeps {
  /** TIDEWAY_PUBLIC_URL: where unsubscribe, click and open links point. @default 'http://127.0.0.1:3000' */
  publicUrl?: string;
  /** TIDEWAY_UNSUBSCRIBE_SECRET; unset, the secret kept in the store signs the links (unsubscribe, click, open). */
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
 * The email for a send step: the template in the customer's locale as text and as HTML (the MJML
 * layout). A marketing email also carries an unsubscribe link in both, and the List-Unsubscribe headers
 * for one-click unsubscribing in the mail client (RFC 8058); its HTML links go through the click
 * redirect and it has an open pixel. The text part keeps the plain links.
 */
export async function composeEmail(
  deps: TemplateDeps & UnsubscribeLinkDeps,
  input: SendInput & SendPurpose & TemplateRef,
  customer: Pick<CustomerDoc, 'name' | 'email' | 'locale'> & { _id: string },
): Promise<EmailMessage> {
  const message = await renderForCustomer(deps, input, customer);
  const headers: Record<string, string> = { 'X-Tideway-Send-Key': input.sendKey, 'X-Tideway-Journey': input.journeyId };
  const page = { lang: message.locale, subject: message.subject, brand: deps.templateDefaults.brand ?? '', text: message.text };
  if (input.purpose === 'transactional') return { ...message, html: await emailHtml(page), headers };
  const secret = await unsubscribeSecret(deps.unsubscribeSecret);
  const publicUrl = deps.publicUrl ?? 'http://127.0.0.1:3000';
  const url = unsubscribeUrl(publicUrl, signUnsubscribeToken(secret, { customerId: customer._id, channel: 'email' }));
  const footer = unsubscribeFooter(message.locale, { brand: deps.templateDefaults.brand ?? 'us', unsubscribeUrl: url });
  const tracking = emailTracking(secret, publicUrl, { sendKey: input.sendKey, customerId: customer._id, journeyId: input.journeyId, stepKey: input.stepKey }, deps.templateDefaults);
  return {
    subject: message.subject,
    text: `${message.text}\n\n-- \n${footer.text}`,
    html: await emailHtml({ ...page, ...tracking, footerHtml: footer.html }),
    headers: { ...headers, 'List-Unsubscribe': `<${url}>`, 'List-Unsubscribe-Post': 'List-Unsubscribe=One-Click' },
    locale: message.locale,
  };
}
