import { TemplateVariableMissingError } from './errors.js';
import { allSteps, type Journey, versionOf } from './journey.js';

/** One message in one locale. `{{name}}`-style variables are filled from the customer's profile and the step. */
export interface MessageTemplate {
  subject: string;
  text: string;
}

export type Locale = 'en' | 'zh-CN';

export const FALLBACK_LOCALE: Locale = 'en';

/** A template id maps to a message per locale; the fallback locale is required. */
export type TemplateCatalogue = Record<string, TemplateVariants>;

/** One template: its message in the fallback locale and in any others. */
export type TemplateVariants = { en: MessageTemplate } & Partial<Record<Locale, MessageTemplate>>;

/** Picks the customer's locale when the template has it, the fallback locale otherwise. */
export function pickLocale(available: Partial<Record<Locale, MessageTemplate>>, wanted: string | undefined): Locale {
  if (wanted && wanted in available) return wanted as Locale;
  const language = wanted?.split('-')[0];
  const sameLanguage = (Object.keys(available) as Locale[]).find((locale) => locale.split('-')[0] === language);
  return sameLanguage ?? FALLBACK_LOCALE;
}

/** Fills `{{variable}}` placeholders; a missing variable is an error, never an empty hole in a customer's message. */
export function renderText(text: string, variables: Record<string, string>): string {
  return text.replace(/\{\{\s*([a-zA-Z][a-zA-Z0-9_]*)\s*\}\}/g, (_match, name: string) => {
    const value = variables[name];
    if (value === undefined) throw new TemplateVariableMissingError(name);
    return value;
  });
}

export function renderTemplate(template: MessageTemplate, variables: Record<string, string>): MessageTemplate {
  return { subject: renderText(template.subject, variables), text: renderText(template.text, variables) };
}

/** Who a message is rendered for: the customer's id and what of their profile templates use. */
export interface TemplateRecipient {
  id: string;
  name?: string | null;
  email?: string | null;
  locale?: string | null;
}

/**
 * A template in the recipient's locale (or the fallback), filled with the deployment's defaults (brand,
 * links) and the recipient's own variables. The send activities and the previews render through this.
 */
export function renderFor(variants: TemplateVariants, defaults: Record<string, string>, recipient: TemplateRecipient): MessageTemplate & { locale: Locale } {
  const locale = pickLocale(variants, recipient.locale ?? undefined);
  const variables = { ...defaults, name: recipient.name ?? recipient.email ?? recipient.id, customerId: recipient.id };
  return { ...renderTemplate(variants[locale] ?? variants.en, variables), locale };
}

/**
 * The journey with a copy of the templates its send steps name, and a version that covers their
 * content: a run carries both from its start, so editing or removing a template changes new runs
 * only. A template the catalogue lacks is left out (its send fails for good with `TemplateMissing`).
 */
export function withTemplates(journey: Journey, catalogue: TemplateCatalogue): Journey {
  const { version: _version, templates: _templates, ...definition } = journey;
  const named = new Set(allSteps(definition).flatMap((step) => (step.kind === 'send' ? [step.template] : [])));
  const templates = Object.fromEntries([...named].flatMap((id) => (catalogue[id] ? [[id, catalogue[id]]] : [])));
  return { ...definition, templates, version: versionOf({ ...definition, templates }) };
}
