import { allSteps, type Journey } from './journey.js';
import { renderTemplate, type TemplateCatalogue } from './templates.js';

/** Variables a customer brings to every message. */
const CUSTOMER_VARIABLES = ['name', 'customerId'];

/**
 * Problems that would otherwise surface as a failed send at 2 a.m.: a template a journey names but
 * nobody wrote, or one that does not render in some locale with the variables Tideway provides.
 */
export function checkCatalogue(journeys: readonly Journey[], templates: TemplateCatalogue, defaultVariables: readonly string[]): string[] {
  const problems: string[] = [];
  const ids = new Set<string>();
  const sample = Object.fromEntries([...defaultVariables, ...CUSTOMER_VARIABLES].map((name) => [name, `<${name}>`]));
  for (const journey of journeys) {
    if (ids.has(journey.id)) problems.push(`journey "${journey.id}" is defined twice`);
    ids.add(journey.id);
    for (const step of allSteps(journey)) {
      if (step.kind === 'send' && !templates[step.template]) {
        problems.push(`journey "${journey.id}" step "${step.key}": no template "${step.template}"`);
      }
    }
  }
  for (const [templateId, locales] of Object.entries(templates)) {
    for (const [locale, template] of Object.entries(locales)) {
      try {
        renderTemplate(template!, sample);
      } catch (error) {
        problems.push(`template "${templateId}" (${locale}): ${(error as Error).message}`);
      }
    }
  }
  return problems;
}
