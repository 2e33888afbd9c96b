import { TemplateInvalidError, TemplateVariableMissingError } from './errors.js';
import { allSteps, type Journey } from './journey.js';
import { renderText } from './liquid.js';
import { SAMPLE_CUSTOMERS, SAMPLE_EVENTS, templateContext, type TemplatePlace } from './template-context.js';
import type { Locale, MessageTemplate, TemplateCatalogue } from './templates.js';

/**
 * Problems that would otherwise surface as a failed send at 2 a.m.: a template a journey names but
 * nobody wrote, or one that does not parse or uses a variable Tideway does not provide, in some
 * locale. Each template is rendered in strict mode for a sample customer with every profile field
 * (attributes, orders) and a sample event, where its journey step sends it; a template no journey
 * sends is checked on its own.
 */
export function checkCatalogue(journeys: readonly Journey[], templates: TemplateCatalogue, defaultVariables: readonly string[]): string[] {
  const problems: string[] = [];
  const ids = new Set<string>();
  const sent = new Set<string>();
  const defaults = Object.fromEntries(defaultVariables.map((name) => [name, `<${name}>`]));
  for (const journey of journeys) {
    if (ids.has(journey.id)) problems.push(`journey "${journey.id}" is defined twice`);
    ids.add(journey.id);
    for (const step of allSteps(journey)) {
      if (step.kind !== 'send') continue;
      const where = `journey "${journey.id}" step "${step.key}"`;
      if (!templates[step.template]) {
        problems.push(`${where}: no template "${step.template}"`);
        continue;
      }
      sent.add(step.template);
      const place = { journey: { id: journey.id, version: journey.version }, step: { key: step.key } };
      problems.push(...checkTemplate(step.template, templates, defaults, place).map((problem) => `${where} ${problem}`));
    }
  }
  const unsent = { journey: { id: 'sample-journey', version: 'sample' }, step: { key: 'sample-step' } };
  for (const templateId of Object.keys(templates).filter((id) => !sent.has(id))) problems.push(...checkTemplate(templateId, templates, defaults, unsent));
  return problems;
}

/** `template "welcome" (zh-CN) text line 3: template variable "nmae" has no value`, for each locale and part that fails. */
function checkTemplate(templateId: string, templates: TemplateCatalogue, defaults: Record<string, string>, place: TemplatePlace): string[] {
  return Object.entries(templates[templateId]!).flatMap(([locale, message]) => {
    const event = SAMPLE_EVENTS[locale as Locale] ?? SAMPLE_EVENTS.en;
    const context = templateContext(defaults, SAMPLE_CUSTOMERS[locale as Locale] ?? SAMPLE_CUSTOMERS.en, locale as Locale, { ...place, event });
    return (['subject', 'text'] as const satisfies readonly (keyof MessageTemplate)[]).flatMap((part) => {
      try {
        renderText(message![part], context, 'check');
        return [];
      } catch (error) {
        const line = error instanceof TemplateVariableMissingError || error instanceof TemplateInvalidError ? error.line : undefined;
        return [`template "${templateId}" (${locale}) ${part}${line ? ` line ${line}` : ''}: ${(error as Error).message}`];
      }
    });
  });
}
