/** A customer attribute's value: what `attributes` on the customer document holds. */
export type AttributeValue = string | number | boolean | string[];

/** The type of a declared attribute (config/customer-attributes.json). */
export type AttributeType = 'string' | 'number' | 'boolean' | 'date' | 'string-list';

const CALENDAR_DATE = /^(\d{4})-(\d{2})-(\d{2})$/;

/** True for a real calendar date `YYYY-MM-DD` (no 30 Feb, 29 Feb only in leap years). */
export function isCalendarDate(value: unknown): value is string {
  if (typeof value !== 'string') return false;
  const match = CALENDAR_DATE.exec(value);
  if (!match) return false;
  const [year, month, day] = [Number(match[1]), Number(match[2]), Number(match[3])];
  if (month < 1 || month > 12 || day < 1) return false;
  return day <= new Date(Date.UTC(year, month, 0)).getUTCDate();
}

export interface AttributeDates {
  /** `"<attribute>:<MM-DD>"` for every date attribute: what a yearly date entry looks up. */
  anniversaries: string[];
  /** `"<attribute>:<YYYY-MM-DD>"` for every date attribute: what a one-off date entry looks up. */
  dates: string[];
}

/**
 * The derived, indexed fields of a customer's date attributes. Only attributes declared `date` count;
 * a value that is not a calendar date (stored before a declaration changed) is left out.
 */
export function attributeDates(attributes: Readonly<Record<string, unknown>> | null | undefined, types: Readonly<Record<string, AttributeType>>): AttributeDates {
  const anniversaries: string[] = [];
  const dates: string[] = [];
  for (const [name, value] of Object.entries(attributes ?? {}).sort(([a], [b]) => a.localeCompare(b))) {
    if (types[name] !== 'date' || !isCalendarDate(value)) continue;
    anniversaries.push(`${name}:${value.slice(5)}`);
    dates.push(`${name}:${value}`);
  }
  return { anniversaries, dates };
}
