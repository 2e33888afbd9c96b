import { allSteps, type Journey, versionOf } from './journey.js';

/** One message in one locale: Liquid templates, rendered by domain/message-render.ts (never in workflow code). */
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
