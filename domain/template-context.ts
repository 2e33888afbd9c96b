import type { Locale } from './templates.js';

/**
 * What of a customer a template may see. No address, no consent, no history: a template is written by
 * a marketer and its output leaves the building. A field the customer lacks is left out (a template
 * that prints it fails that send unless it tests for it first).
 */
export interface TemplateCustomer {
  id: string;
  name?: string;
  locale?: string;
  timezone?: string;
  stage?: string;
  tags?: string[];
  /** The health score, 0–100. */
  health?: number;
  /** How many orders, and what they came to in total. */
  orders?: number;
  totalValue?: number;
  lastInteractionAt?: Date;
}

/** Who a message is for: what templates see, and the email `name` falls back on for templates written before Liquid. */
export type TemplateRecipient = TemplateCustomer & { email?: string | null };

/** Where in a journey a message is sent from. */
export interface TemplatePlace {
  journey: { id: string; version: string };
  step: { key: string };
}

/** The deployment's links (`handbookUrl` → `links.handbook`), for `{{ links.survey }}`. */
export function linksOf(defaults: Record<string, string>): Record<string, string> {
  return Object.fromEntries(Object.entries(defaults).flatMap(([name, url]) => (name.endsWith('Url') ? [[name.slice(0, -3), url]] : [])));
}

/**
 * Everything a template sees. The flat variables of templates written before Liquid (`{{name}}`,
 * `{{brand}}`, `{{handbookUrl}}`…, `{{customerId}}`) keep their meaning, so runs in flight render as before.
 */
export function templateContext(defaults: Record<string, string>, recipient: TemplateRecipient, locale: Locale, place: TemplatePlace) {
  const { email, ...customer } = recipient;
  return {
    ...defaults,
    name: recipient.name ?? email ?? recipient.id,
    customerId: recipient.id,
    locale,
    customer,
    links: linksOf(defaults),
    ...place,
  };
}

/** A made-up customer with every field, per locale: previews without a customer, and the catalogue check. */
export const SAMPLE_CUSTOMERS: Record<Locale, TemplateRecipient> = {
  en: sample({ name: 'Ada Lovelace', email: 'ada@example.com', locale: 'en', timezone: 'Europe/London' }),
  'zh-CN': sample({ name: '李雷', email: 'lilei@example.com', locale: 'zh-CN', timezone: 'Asia/Shanghai' }),
};

function sample(who: Pick<TemplateRecipient, 'name' | 'email' | 'locale' | 'timezone'>): TemplateRecipient {
  return { id: 'sample-customer', ...who, stage: 'active', tags: ['vip'], health: 72, orders: 3, totalValue: 1280, lastInteractionAt: new Date('2026-01-15T02:00:00Z') };
}
