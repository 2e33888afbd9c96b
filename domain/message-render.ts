import { type LiquidMode, renderTemplate } from './liquid.js';
import { templateContext, type TemplatePlace, type TemplateRecipient } from './template-context.js';
import { type Locale, type MessageTemplate, pickLocale, type TemplateVariants } from './templates.js';

/**
 * A template in the recipient's locale (or the fallback), rendered with the deployment's defaults
 * (brand, links), the recipient's profile and the journey step. Sends, previews and the catalogue
 * check all render through this.
 */
export function renderFor(
  variants: TemplateVariants,
  defaults: Record<string, string>,
  recipient: TemplateRecipient,
  place: TemplatePlace,
  mode: LiquidMode = 'send',
): MessageTemplate & { locale: Locale } {
  const locale = pickLocale(variants, recipient.locale ?? undefined);
  return { ...renderTemplate(variants[locale] ?? variants.en, templateContext(defaults, recipient, locale, place), mode), locale };
}
