import type { TemplateRecipient } from '../domain/template-context.js';
import { type CustomerDoc, CustomerModel } from './models/customer.js';

/** The profile fields templates may see (domain/template-context.ts), and the email `{{name}}` falls back on. */
const TEMPLATE_FIELDS = { name: 1, email: 1, locale: 1, timezone: 1, stage: 1, tags: 1, health: 1, orders: 1, totalValue: 1, lastInteractionAt: 1 } as const;

type StoredCustomer = Partial<Pick<CustomerDoc, keyof typeof TEMPLATE_FIELDS>> & { _id: string };

/** A stored customer as templates see it: the fields the customer lacks are left out, never null. */
export function templateRecipient(customer: StoredCustomer): TemplateRecipient {
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
  };
  return { id: customer._id, ...Object.fromEntries(Object.entries(fields).filter(([, value]) => value !== undefined && value !== null)) };
}

/** The customer a preview renders for, or undefined when there is none. */
export async function findTemplateRecipient(customerId: string): Promise<TemplateRecipient | undefined> {
  const customer = await CustomerModel.findById(customerId, TEMPLATE_FIELDS).lean();
  return customer ? templateRecipient(customer) : undefined;
}
