import { type MessageTemplate, pickLocale, renderTemplate, type TemplateCatalogue } from '../domain/templates.js';
import type { CustomerDoc } from '../store/models/customer.js';

export interface TemplateDeps {
  templates: TemplateCatalogue;
  /** Variables every template may use (brand, links), overridden by the customer's own. */
  templateDefaults: Record<string, string>;
}

/** A template rendered in the customer's locale (or the fallback) with their name and the defaults. */
export function renderForCustomer(
  { templates, templateDefaults }: TemplateDeps,
  templateId: string,
  customer: Pick<CustomerDoc, 'name' | 'email' | 'locale'> & { _id: string },
): MessageTemplate & { locale: string } {
  const variants = templates[templateId];
  if (!variants) throw new Error(`unknown template "${templateId}"`);
  const locale = pickLocale(variants, customer.locale ?? undefined);
  const variables = { ...templateDefaults, name: customer.name ?? customer.email ?? customer._id, customerId: customer._id };
  return { ...renderTemplate(variants[locale] ?? variants.en, variables), locale };
}
