import type { TemplateRecipient } from '../domain/template-context.js';
import { type OrderEvent, templateOrders } from '../domain/template-orders.js';
import { latestOrderEvents } from './customer-orders.js';
import { type CustomerDoc, CustomerModel } from './models/customer.js';

/** The profile fields templates may see (domain/template-context.ts), and the email `{{name}}` falls back on. */
const TEMPLATE_FIELDS = { name: 1, email: 1, locale: 1, timezone: 1, stage: 1, tags: 1, health: 1, orders: 1, totalValue: 1, lastInteractionAt: 1, attributes: 1 } as const;

type StoredCustomer = Partial<Pick<CustomerDoc, keyof typeof TEMPLATE_FIELDS>> & { _id: string };

/**
 * A stored customer as templates see it: the fields the customer lacks are left out, never null. With
 * their latest `order.placed` events (newest first), `orders` in templates lists those orders.
 */
export function templateRecipient(customer: StoredCustomer, latestOrders?: readonly OrderEvent[]): TemplateRecipient {
  const fields = {
    name: customer.name,
    email: customer.email,
    locale: customer.locale,
    timezone: customer.timezone,
    stage: customer.stage,
    tags: customer.tags,
    health: customer.health?.score,
    orders: customer.orders,
    totalValue: customer.totalValue,
    lastInteractionAt: customer.lastInteractionAt,
    attributes: customer.attributes ?? {},
    orderHistory: latestOrders && templateOrders(customer, latestOrders),
  };
  return { id: customer._id, ...Object.fromEntries(Object.entries(fields).filter(([, value]) => value !== undefined && value !== null)) };
}

/** The customer a message or a preview renders for, with their latest orders; undefined when there is none. */
export async function findTemplateRecipient(customerId: string): Promise<TemplateRecipient | undefined> {
  const [customer, orders] = await Promise.all([CustomerModel.findById(customerId, TEMPLATE_FIELDS).lean(), latestOrderEvents(customerId)]);
  return customer ? templateRecipient(customer, orders) : undefined;
}
