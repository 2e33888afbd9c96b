import { escapeHtml } from './email-html.js';
import { renderText } from './liquid.js';
import { FALLBACK_LOCALE, type Locale } from './templates.js';

/** Why the customer gets the email and how to stop it, per locale: `{{brand}}` and `{{unsubscribeUrl}}` are filled in. */
const FOOTERS: Record<Locale, { note: string; link: string; text: string }> = {
  en: {
    note: 'You get this email because you agreed to hear from {{brand}}.',
    link: 'Unsubscribe',
    text: 'Unsubscribe: {{unsubscribeUrl}}',
  },
  'zh-CN': {
    note: '您收到这封邮件,是因为您同意接收{{brand}}的消息。',
    link: '退订',
    text: '退订:{{unsubscribeUrl}}',
  },
};

/** The unsubscribe footer of a marketing email, as text and as HTML, in the message's locale. */
export function unsubscribeFooter(locale: string, variables: { brand: string; unsubscribeUrl: string }): { text: string; html: string } {
  const footer = FOOTERS[locale as Locale] ?? FOOTERS[FALLBACK_LOCALE];
  const note = renderText(footer.note, variables);
  return {
    text: `${note}\n${renderText(footer.text, variables)}`,
    html: `${escapeHtml(note)} <a href="${escapeHtml(variables.unsubscribeUrl)}">${escapeHtml(footer.link)}</a>`,
  };
}
