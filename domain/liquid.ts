import { Liquid, type Template } from 'liquidjs';
import { TemplateInvalidError, TemplateVariableMissingError } from './errors.js';
import type { MessageTemplate } from './templates.js';

/**
 * Message templates are Liquid (as in Customer.io, Braze, Dittofeed). Strict: a variable or filter that
 * does not exist is an error, never an empty hole. Templates are strings: `templates: {}` gives the
 * engine an empty in-memory file system, so `{% include %}` and `{% render %}` cannot read files.
 * Output is not HTML-escaped: the text part is plain text; an HTML part escapes when it is built.
 */
const options = { strictVariables: true, strictFilters: true, templates: {}, ownPropertyOnly: true } as const;

/**
 * Sends may test for what a customer lacks (`{% if customer.timezone %}`, `| default: '朋友'`); the
 * check renders a sample that has every field, with no such leniency, so a typo there is caught too.
 */
const engines = { send: new Liquid({ ...options, lenientIf: true }), check: new Liquid({ ...options, lenientIf: false }) };
export type LiquidMode = keyof typeof engines;

for (const engine of Object.values(engines)) {
  /** `{{ customer.totalValue | money: 'CNY' }}`: an amount in the message's locale, e.g. ¥1,280.00. */
  engine.registerFilter('money', function (this: { context: { getSync(path: string[]): unknown } }, amount: unknown, currency?: string) {
    if (!currency) throw new Error('money needs a currency code, e.g. money: "CNY"');
    const locale = this.context.getSync(['locale']) as string;
    return new Intl.NumberFormat(locale, { style: 'currency', currency }).format(Number(amount));
  });
}

/** Parsed templates by their source: a template is parsed once per process, rendered per send. */
const parsed = { send: new Map<string, Template[]>(), check: new Map<string, Template[]>() };
const MAX_CACHED = 2_000;

function parse(source: string, mode: LiquidMode): Template[] {
  const cache = parsed[mode];
  let templates = cache.get(source);
  if (!templates) {
    templates = engines[mode].parse(source);
    if (cache.size >= MAX_CACHED) cache.delete(cache.keys().next().value!);
    cache.set(source, templates);
  }
  return templates;
}

/** Renders one Liquid template; a missing variable or a broken template throws a named error with its line. */
export function renderText(source: string, context: object, mode: LiquidMode = 'send'): string {
  try {
    return engines[mode].renderSync(parse(source, mode), context) as string;
  } catch (error) {
    throw asTemplateError(error);
  }
}

export function renderTemplate(template: MessageTemplate, context: object, mode: LiquidMode = 'send'): MessageTemplate {
  return { subject: renderText(template.subject, context, mode), text: renderText(template.text, context, mode) };
}

/** Liquid's errors end in `, line:2, col:4`; ours carry the line as a field and the reason without it. */
function asTemplateError(error: unknown): Error {
  if (!(error instanceof Error)) return new TemplateInvalidError(String(error));
  const found = /^(.*?), line:(\d+), col:\d+/s.exec(error.message);
  const reason = found ? found[1]! : error.message;
  const line = found ? Number(found[2]) : undefined;
  const undefinedVariable = /^undefined variable: (.+)$/.exec(reason);
  if (undefinedVariable) return new TemplateVariableMissingError(undefinedVariable[1]!, line);
  return new TemplateInvalidError(reason, line);
}
