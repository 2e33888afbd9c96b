import { z } from 'zod';
import { type AttributeType, type AttributeValue, isCalendarDate } from './attribute-dates.js';

export const ATTRIBUTE_TYPES = ['string', 'number', 'boolean', 'date', 'string-list'] as const satisfies readonly AttributeType[];

/** A name that is safe as a field path in the store and a template variable: no dots, no `$`. */
const ATTRIBUTE_NAME = /^[A-Za-z][A-Za-z0-9_]{0,63}$/;

/**
 * The custom attributes a customer may carry, each with its type (config/customer-attributes.json):
 * `{ "birthday": "date", "plan": "string", "interests": "string-list" }`.
 */
export const attributeDeclarationsSchema = z
  .record(z.string(), z.enum(ATTRIBUTE_TYPES, { error: `one of ${ATTRIBUTE_TYPES.join(', ')}` }))
  .superRefine((declared, ctx) => {
    for (const name of Object.keys(declared).filter((key) => !ATTRIBUTE_NAME.test(key))) {
      ctx.addIssue({ code: 'custom', path: [name], message: 'an attribute name: a letter, then letters, digits or "_" (at most 64)' });
    }
    if (Object.keys(declared).length > 100) ctx.addIssue({ code: 'custom', message: 'at most 100 attributes' });
  });
export type AttributeDeclarations = Readonly<Record<string, AttributeType>>;

/** What `attributes` in `PUT /v1/customers/:id` asks: values to set, and names to remove (sent as `null`). */
export interface AttributeChanges {
  set: Record<string, AttributeValue>;
  remove: string[];
}

/** A bad attribute in a request, named by its path (`attributes.birthday`). */
export interface AttributeProblem {
  path: string;
  message: string;
}

const MAX_STRING = 500;
const MAX_LIST = 100;

/** Why `value` is not a valid value of `type`, or undefined when it is. */
function typeProblem(type: AttributeType, value: unknown): string | undefined {
  const shown = JSON.stringify(value)?.slice(0, 80) ?? String(value);
  switch (type) {
    case 'string':
      if (typeof value !== 'string') return `${shown} is not a string`;
      return value.length > MAX_STRING ? `is longer than ${MAX_STRING} characters` : undefined;
    case 'number':
      return typeof value === 'number' && Number.isFinite(value) ? undefined : `${shown} is not a number`;
    case 'boolean':
      return typeof value === 'boolean' ? undefined : `${shown} is not true or false`;
    case 'date':
      return isCalendarDate(value) ? undefined : `${shown} is not a date (YYYY-MM-DD)`;
    case 'string-list':
      if (!Array.isArray(value) || !value.every((item) => typeof item === 'string' && item.length <= MAX_STRING)) return `${shown} is not a list of strings`;
      return value.length > MAX_LIST ? `holds more than ${MAX_LIST} items` : undefined;
  }
}

/** Checks the attributes of a request against the declarations: every problem, or the changes to make. */
export function checkAttributes(input: Readonly<Record<string, unknown>>, declared: AttributeDeclarations): { problems: AttributeProblem[] } | { changes: AttributeChanges } {
  const problems: AttributeProblem[] = [];
  const changes: AttributeChanges = { set: {}, remove: [] };
  for (const [name, value] of Object.entries(input)) {
    const path = `attributes.${name}`;
    const type = Object.hasOwn(declared, name) ? declared[name] : undefined;
    if (!type) {
      const known = Object.keys(declared);
      problems.push({ path, message: `not a declared attribute (${known.length ? `declared: ${known.join(', ')}` : 'none are declared'}; see config/customer-attributes.json)` });
    } else if (value === null) {
      changes.remove.push(name);
    } else {
      const problem = typeProblem(type, value);
      if (problem) problems.push({ path, message: problem });
      else changes.set[name] = value as AttributeValue;
    }
  }
  return problems.length ? { problems } : { changes };
}

/** The stored attributes with the changes applied (what a merge-style update leaves). */
export function applyAttributeChanges(stored: Readonly<Record<string, unknown>> | null | undefined, { set, remove }: AttributeChanges): Record<string, unknown> {
  const merged: Record<string, unknown> = { ...(stored ?? {}), ...set };
  for (const name of remove) delete merged[name];
  return merged;
}

/**
 * `attributes` in `PUT /v1/customers/:id`, before the declarations are checked: merged into the stored
 * ones, `null` removes one. A date is a calendar date `YYYY-MM-DD`.
 */
export const attributesInputSchema = z
  .record(z.string().max(64), z.union([z.string(), z.number(), z.boolean(), z.array(z.string()), z.null()]))
  .refine((attributes) => Object.keys(attributes).length <= 100, 'at most 100 attributes')
  .meta({
    description: 'Custom attributes declared in config/customer-attributes.json, merged into the stored ones; null removes one. A date is "YYYY-MM-DD".',
    example: { birthday: '1990-03-14', plan: 'pro', interests: ['coffee', 'tea'] },
  });
