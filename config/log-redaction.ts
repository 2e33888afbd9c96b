/**
 * What never reaches a log line in clear: personal data and secrets. One place for the keys `redact`
 * blanks out and for the patterns scrubbed out of free text (a message like `sent to ada@example.com`).
 */
import { maskEmail, maskPhone } from '../domain/masking.js';

export const REDACTED = '[redacted]';

/** Fields whose value is personal data or a secret, wherever they sit in a logged object (matched case-insensitively). */
export const SENSITIVE_KEYS = [
  'email', 'phone', 'name', 'firstName', 'lastName', 'fullName', 'displayName', 'address', 'wechat',
  'text', 'body', 'subject', 'html', 'message_text', 'attributes', 'traits', 'properties',
  'password', 'passwordHash', 'token', 'sessionToken', 'apiKey', 'api_key', 'key', 'secret', 'authToken',
  'authorization', 'cookie', 'set-cookie', 'x-api-key', 'TEMPORAL_API_KEY', 'TEMPORAL_TLS_KEY',
  'WECOM_SECRET', 'corpsecret', 'access_token',
] as const;

const sensitive = new Set(SENSITIVE_KEYS.map((key) => key.toLowerCase()));

/** pino `redact` paths for the same keys at the top level and one level down (`req.headers.cookie` too). */
export const REDACT_PATHS = [
  ...SENSITIVE_KEYS.flatMap((key) => [`["${key}"]`, `*["${key}"]`]),
  'req.headers.authorization', 'req.headers.cookie', 'req.headers["x-api-key"]', 'res.headers["set-cookie"]',
];

const EMAIL = /[\p{L}\p{N}._%+-]+@[\p{L}\p{N}-]+(?:\.[\p{L}\p{N}-]+)*\.\p{L}{2,}/gu;
/**
 * Phone numbers as people write them: `+1 415 555 0100`, `+14155550100`, `(415) 555-0100`,
 * `415-555-0100`, `415.555.0100`, or 10–11 bare digits. Not dates, times or short numbers.
 */
const PHONE = /\+\d[\d\s().-]{5,18}\d|\(\d{3}\)\s?\d{3}[\s.-]\d{4}\b|\b\d{3}[\s.-]\d{3}[\s.-]\d{4}\b|(?<![\w-])\d{10,11}(?![\w-])/g;
/** Credentials written into text: `Bearer abc…`, `token=abc…`, WeCom's `access_token=…` and `corpsecret=…`. */
const CREDENTIAL = /\b(Bearer|Basic)\s+[\w.~+/=-]+|\b(token|key|password|secret|access_token|corpsecret)=[^\s&;,]+/gi;

/** The text with emails, phone numbers and credentials masked (`a•••@example.com`, `+1 415***0100`). */
export function scrubText(text: string): string {
  return text
    .replace(CREDENTIAL, (_match, scheme?: string, name?: string) => (scheme ? `${scheme} ${REDACTED}` : `${name}=${REDACTED}`))
    .replace(EMAIL, (email) => maskEmail(email))
    .replace(PHONE, (phone) => maskPhone(/^\+/.test(phone) ? `+${phone.replace(/\D/g, '')}` : phone));
}

/**
 * A logged object with every string scrubbed and every sensitive key blanked, however deep (up to 8
 * levels; deeper is cut). `redact` already did the known paths; this catches the rest.
 */
export function scrubValue(value: unknown, depth = 0): unknown {
  if (typeof value === 'string') return scrubText(value);
  if (value === null || typeof value !== 'object') return value;
  if (depth >= 8) return '[deep]';
  if (Array.isArray(value)) return value.map((item) => scrubValue(item, depth + 1));
  if (value instanceof Error) return scrubError(value, depth);
  const out: Record<string, unknown> = {};
  for (const [key, item] of Object.entries(value)) out[key] = sensitive.has(key.toLowerCase()) && item !== undefined && item !== null ? REDACTED : scrubValue(item, depth + 1);
  return out;
}

/** A copy of the error with its texts scrubbed: still an Error of its class, so pino's serializer names its type. */
function scrubError(error: Error, depth: number): Error {
  const copy = Object.create(Object.getPrototypeOf(error) as object) as Error;
  for (const [key, item] of Object.entries(error)) (copy as unknown as Record<string, unknown>)[key] = scrubValue(item, depth + 1);
  Object.defineProperties(copy, {
    message: { value: scrubText(error.message), enumerable: false },
    stack: { value: error.stack === undefined ? undefined : scrubText(error.stack), enumerable: false },
    ...(error.cause === undefined ? {} : { cause: { value: scrubValue(error.cause, depth + 1), enumerable: false } }),
  });
  return copy;
}
