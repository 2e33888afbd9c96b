import { allSteps, type Journey, type SendStep } from './journey.js';
import { renderFor } from './message-render.js';
import { SAMPLE_CUSTOMERS, SAMPLE_EVENTS, type TemplateRecipient } from './template-context.js';
import type { Locale } from './templates.js';

/** One message of a journey as the customer would get it, or why it cannot be rendered. */
export interface PreviewedMessage {
  step: string;
  channel: SendStep['channel'];
  template: string;
  locale?: Locale;
  subject?: string;
  text?: string;
  error?: string;
}

/**
 * The messages of a journey's send steps (all of them, or the one named), rendered from the templates
 * of its current version as the worker would render them, for one recipient. The API's previews and
 * `npm run journeys -- preview` both show this. A sample customer's run has a sample event (their
 * latest order); a real customer's preview has no run, so no `event`, as a run entering on a stage.
 */
export function previewMessages(journey: Journey, defaults: Record<string, string>, recipient: TemplateRecipient, stepKey?: string): PreviewedMessage[] {
  const sampleLocale = (Object.keys(SAMPLE_CUSTOMERS) as Locale[]).find((locale) => SAMPLE_CUSTOMERS[locale] === recipient);
  const event = sampleLocale && SAMPLE_EVENTS[sampleLocale];
  return allSteps(journey).flatMap((step): PreviewedMessage[] => {
    if (step.kind !== 'send' || (stepKey && step.key !== stepKey)) return [];
    const base = { step: step.key, channel: step.channel, template: step.template };
    const variants = journey.templates?.[step.template];
    if (!variants) return [{ ...base, error: `no template "${step.template}" in the catalogue` }];
    try {
      return [{ ...base, ...renderFor(variants, defaults, recipient, { journey: { id: journey.id, version: journey.version }, step: { key: step.key }, ...(event ? { event } : {}) }) }];
    } catch (error) {
      return [{ ...base, error: (error as Error).message }];
    }
  });
}

/** Who a preview is for: the customer named, in the locale asked for (else theirs, else zh-CN); without one, a sample customer. */
export function previewRecipient(customer: TemplateRecipient | undefined, locale?: Locale): TemplateRecipient {
  if (!customer) return SAMPLE_CUSTOMERS[locale ?? 'zh-CN'];
  return { ...customer, locale: locale ?? customer.locale ?? 'zh-CN' };
}
