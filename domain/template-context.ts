import type { AttributeValue } from './attribute-dates.js';
import { type TemplateOrders, templateOrders } from './template-orders.js';
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
  /** Custom attributes (config/customer-attributes.json); a date is "YYYY-MM-DD". */
  attributes?: Record<string, AttributeValue>;
}

/**
 * Who a message is for: what templates see, the email `name` falls back on for templates written
 * before Liquid, and their latest orders (`orders`; without them, the count and total alone).
 */
export type TemplateRecipient = TemplateCustomer & { email?: string | null; orderHistory?: TemplateOrders };

/** The event a run started with or received last, as templates see it (`{{ event.properties.orderId }}`). */
export interface TemplateEvent {
  type: string;
  properties: Record<string, unknown>;
}

/** Where in a journey a message is sent from, and the run's event (none for a run that entered without one). */
export interface TemplatePlace {
  journey: { id: string; version: string };
  step: { key: string };
  event?: TemplateEvent;
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
  const { email, orderHistory, ...customer } = recipient;
  const { event, ...where } = place;
  return {
    ...defaults,
    name: recipient.name ?? email ?? recipient.id,
    customerId: recipient.id,
    locale,
    customer: { ...customer, attributes: customer.attributes ?? {} },
    links: linksOf(defaults),
    orders: orderHistory ?? templateOrders(customer, []),
    ...(event ? { event } : {}),
    ...where,
  };
}

/** The latest order of the sample customers: two items in two categories. */
const SAMPLE_ITEMS: Record<Locale, { name: string; category: string; quantity: number; price: number }[]> = {
  en: [
    { name: 'Pour-over kettle', category: 'Coffee gear', quantity: 1, price: 199 },
    { name: 'Jasmine tea 250 g', category: 'Tea', quantity: 2, price: 49.5 },
  ],
  'zh-CN': [
    { name: '手冲壶', category: '咖啡器具', quantity: 1, price: 199 },
    { name: '茉莉花茶 250 克', category: '茶叶', quantity: 2, price: 49.5 },
  ],
};

/** The event of a sample run (it entered on the sample customer's latest order), per locale: previews and the catalogue check. */
export const SAMPLE_EVENTS: Record<Locale, TemplateEvent> = {
  en: { type: 'order.placed', properties: { orderId: 'sample-order-3', orderTotal: 298, items: SAMPLE_ITEMS.en } },
  'zh-CN': { type: 'order.placed', properties: { orderId: 'sample-order-3', orderTotal: 298, items: SAMPLE_ITEMS['zh-CN'] } },
};

/** A made-up customer with every field, per locale: previews without a customer, and the catalogue check. */
export const SAMPLE_CUSTOMERS: Record<Locale, TemplateRecipient> = {
  en: sample({ name: 'Ada Lovelace', email: 'ada@example.com', locale: 'en', timezone: 'Europe/London' }, ['coffee', 'tea']),
  'zh-CN': sample({ name: '李雷', email: 'lilei@example.com', locale: 'zh-CN', timezone: 'Asia/Shanghai' }, ['咖啡', '茶']),
};

function sample(who: Pick<TemplateRecipient, 'name' | 'email' | 'locale' | 'timezone'>, interests: string[]): TemplateRecipient {
  const locale = who.locale as Locale;
  const facts = { orders: 3, totalValue: 1280 };
  const orderHistory = templateOrders(facts, [{ eventId: 'sample-event-3', occurredAt: '2026-01-15T02:00:00Z', properties: SAMPLE_EVENTS[locale].properties }]);
  const attributes = { birthday: '1990-03-14', contractRenewal: '2027-01-31', plan: 'pro', interests };
  return { id: 'sample-customer', ...who, stage: 'active', tags: ['vip'], health: 72, ...facts, lastInteractionAt: new Date('2026-01-15T02:00:00Z'), attributes, orderHistory };
}
