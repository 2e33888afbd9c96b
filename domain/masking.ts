/**
 * Personal data as a `viewer` sees it: enough to tell two customers apart on a call, not enough to
 * contact them.
 */
import { parsePhoneNumberFromString } from 'libphonenumber-js/max';

const HIDDEN = '•••';

/** `chen.wei@example.com` → `c•••@example.com`: the first letter and the domain. */
export function maskEmail(email: string): string {
  const at = email.lastIndexOf('@');
  if (at < 1) return maskText(email);
  return `${[...email.slice(0, at)][0]}${HIDDEN}${email.slice(at)}`;
}

/**
 * An E.164 number with its country code apart and the middle of the national number hidden:
 * `+8613800138000` → `+86 138****8000`, `+14155550100` → `+1 415***0100`. Short numbers keep less.
 */
export function maskPhone(phone: string): string {
  const parsed = /^\+/.test(phone) ? parsePhoneNumberFromString(phone) : undefined;
  if (!parsed) return maskDigits(phone.replace(/[^\d+]/g, ''));
  const national = String(parsed.nationalNumber);
  const start = national.length >= 10 ? 3 : national.length >= 8 ? 2 : 1;
  const end = national.length >= 8 ? 4 : Math.min(2, Math.max(0, national.length - start - 2));
  const hidden = national.length - start - end;
  return `+${parsed.countryCallingCode} ${national.slice(0, start)}${'*'.repeat(hidden)}${national.slice(national.length - end)}`;
}

/** Any other personal value (a name, a WeChat id): its first character. `张伟` → `张•••`. */
export function maskText(text: string): string {
  const first = [...text.trim()][0];
  return first ? `${first}${HIDDEN}` : HIDDEN;
}

/** A number that is not E.164: all but its last four digits (two when it is short) as `*`. */
function maskDigits(text: string): string {
  const keep = text.length >= 8 ? 4 : Math.min(2, Math.floor(text.length / 2));
  return `${'*'.repeat(text.length - keep)}${text.slice(text.length - keep)}`;
}
