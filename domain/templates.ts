/** One message in one locale. `{{name}}`-style variables are filled from the customer's profile and the step. */
export interface MessageTemplate {
  subject: string;
  text: string;
}

export type Locale = 'en' | 'zh-CN';

export const FALLBACK_LOCALE: Locale = 'en';

/** A template id maps to a message per locale; the fallback locale is required. */
export type TemplateCatalogue = Record<string, { en: MessageTemplate } & Partial<Record<Locale, MessageTemplate>>>;

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
    if (value === undefined) throw new Error(`template variable "${name}" has no value`);
    return value;
  });
}

export function renderTemplate(template: MessageTemplate, variables: Record<string, string>): MessageTemplate {
  return { subject: renderText(template.subject, variables), text: renderText(template.text, variables) };
}
