import { z } from 'zod';

/** The bounds of a free-form object (an event's `properties`): what the store holds, and sums stay finite with. */
export const FREE_FORM_LIMITS = {
  /** Objects and arrays inside one another, the free-form object itself counting as 1. */
  depth: 5,
  /** Keys of any one object. */
  keysPerObject: 100,
  /** The whole object serialized as JSON, in UTF-8 bytes (16 KB). */
  bytes: 16 * 1024,
  /** Every number is finite and within ±1e15 (beyond 2^53 integers lose precision anyway). */
  maxAbsNumber: 1e15,
} as const;

const { depth: MAX_DEPTH, keysPerObject: MAX_KEYS, bytes: MAX_BYTES, maxAbsNumber: MAX_NUMBER } = FREE_FORM_LIMITS;

/** Why the store cannot hold this key (MongoDB reserves `$…`, reads `.` as a path, and keys are C strings), or undefined. */
function badKey(key: string): string | undefined {
  if (key.startsWith('$')) return `key "${key.slice(0, 40)}" starts with "$"`;
  if (key.includes('.')) return 'a key may not contain "."';
  if (key.includes('\0')) return 'a key may not contain NUL (\\u0000)';
  return undefined;
}

type Issue = { path: PropertyKey[]; message: string };

/**
 * Each place where `value` breaks the bounds. Recursion stops at the depth limit, so a body nested
 * 10,000 deep is refused without walking it.
 */
function boundsIssues(value: unknown, path: PropertyKey[], depth: number, issues: Issue[]): void {
  if (typeof value === 'number') {
    if (!Number.isFinite(value) || Math.abs(value) > MAX_NUMBER) issues.push({ path, message: `a number between -${MAX_NUMBER} and ${MAX_NUMBER}` });
    return;
  }
  if (value === null || typeof value !== 'object') return;
  if (depth > MAX_DEPTH) {
    issues.push({ path, message: `nested deeper than ${MAX_DEPTH} levels of objects and arrays` });
    return;
  }
  if (Array.isArray(value)) {
    value.forEach((item, index) => {
      if (Array.isArray(item)) issues.push({ path: [...path, index], message: 'an array inside an array (the store holds none): wrap it in an object' });
      else boundsIssues(item, [...path, index], depth + 1, issues);
    });
    return;
  }
  const entries = Object.entries(value);
  if (entries.length > MAX_KEYS) issues.push({ path, message: `at most ${MAX_KEYS} keys per object, not ${entries.length}` });
  for (const [key, item] of entries.slice(0, MAX_KEYS + 1)) {
    const keyProblem = badKey(key);
    if (keyProblem) issues.push({ path: [...path, key], message: keyProblem });
    else boundsIssues(item, [...path, key], depth + 1, issues);
  }
}

/**
 * A free-form JSON object a service sends (an event's `properties`), refused when the store could not
 * hold it or it would overflow a sum: each bad place is named by its path.
 */
export const freeFormObjectSchema = z
  .record(z.string(), z.unknown())
  .superRefine((value, ctx) => {
    const issues: Issue[] = [];
    boundsIssues(value, [], 1, issues);
    for (const { path, message } of issues.slice(0, 20)) ctx.addIssue({ code: 'custom', path, message, input: undefined });
    if (issues.length > 0) return;
    const bytes = Buffer.byteLength(JSON.stringify(value), 'utf8');
    if (bytes > MAX_BYTES) ctx.addIssue({ code: 'custom', message: `at most ${MAX_BYTES} bytes as JSON, not ${bytes}`, input: undefined });
  })
  .meta({
    maxProperties: MAX_KEYS,
    description:
      `Free-form JSON: at most ${MAX_DEPTH} levels of objects and arrays, ${MAX_KEYS} keys per object and ${MAX_BYTES} bytes (16 KB) ` +
      `as JSON; numbers finite, between -${MAX_NUMBER} and ${MAX_NUMBER}; no array directly inside an array; ` +
      'keys may not start with "$" nor contain "." or NUL.',
  });
