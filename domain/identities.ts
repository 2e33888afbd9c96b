import { parsePhoneNumberFromString } from 'libphonenumber-js/max';
import { z } from 'zod';

/** The ways services know a customer. An `external` id is some other system's id for them (`system` names it). */
export const IDENTITY_KINDS = ['email', 'phone', 'wechat', 'external'] as const;
export type IdentityKind = (typeof IDENTITY_KINDS)[number];

/** An identity in its normal form: the same person always yields the same one. */
export interface Identity {
  kind: IdentityKind;
  value: string;
  /** Only for `external`: the system that issued the id, lower-case (`crm`). */
  system?: string;
}

export const emailSchema = z.string().trim().toLowerCase().pipe(z.email());

/** A phone number with its country code, in any usual spelling ("+86 138 0013 8000", "+1 (415) 555-0100") → E.164. */
export const phoneSchema = z
  .string()
  .trim()
  .transform((text, ctx) => {
    const phone = /^\+/.test(text) ? parsePhoneNumberFromString(text) : undefined;
    let problem: string | undefined;
    if (!phone) problem = 'a phone number starting with + and the country code, like "+86 138 0013 8000"';
    else if (phone.ext) problem = 'a phone number without an extension';
    else if (!phone.isPossible()) problem = `the wrong number of digits for a +${phone.countryCallingCode} number`;
    else if (!phone.isValid()) problem = `not a valid +${phone.countryCallingCode} number`;
    if (problem || !phone) {
      ctx.addIssue({ code: 'custom', message: problem ?? 'not a phone number', input: text });
      return z.NEVER;
    }
    return phone.number;
  });

const externalSystemSchema = z
  .string()
  .trim()
  .toLowerCase()
  .regex(/^[a-z0-9][a-z0-9_-]{0,63}$/, 'a system name of letters, digits, _ and -, like "crm"');

/** An identity as a service sends it, normalised; each mistake is reported at its field (`value`, `system`). */
export const identitySchema = z
  .strictObject({
    kind: z.enum(IDENTITY_KINDS),
    value: z.string().trim().min(1).max(256),
    system: externalSystemSchema.optional(),
  })
  .transform(({ kind, value, system }, ctx): Identity => {
    if (kind === 'external' && !system) ctx.addIssue({ code: 'custom', path: ['system'], message: 'an external id needs the system that issued it', input: system });
    if (kind !== 'external' && system) ctx.addIssue({ code: 'custom', path: ['system'], message: `only external ids carry a system, not ${kind}`, input: system });
    const normal = kind === 'email' ? emailSchema.safeParse(value) : kind === 'phone' ? phoneSchema.safeParse(value) : { success: true as const, data: value };
    if (!normal.success) for (const issue of normal.error.issues) ctx.addIssue({ code: 'custom', path: ['value'], message: issue.message, input: value });
    if (!normal.success || (kind === 'external') !== Boolean(system)) return z.NEVER;
    return kind === 'external' ? { kind, system, value: normal.data } : { kind, value: normal.data };
  });

/** One string per identity, the same for the same person: `email:ada@example.com`, `external:crm:C-991`. */
export function identityKey({ kind, system, value }: Identity): string {
  return system ? `${kind}:${system}:${value}` : `${kind}:${value}`;
}

/** How an identity reads in a message: `email "ada@example.com"`, `external crm "C-991"`. */
export function describeIdentity({ kind, system, value }: Identity): string {
  return system ? `${kind} ${system} "${value}"` : `${kind} "${value}"`;
}
