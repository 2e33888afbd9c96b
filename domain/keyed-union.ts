import { z } from 'zod';

/**
 * A union of objects told apart by which key they have (`{ stage }`, `{ schedule }`, `{ all }` …): the
 * value is checked against that one kind only, so a mistake is reported at its own path with its own
 * reason, not as zod's "invalid input" for the whole union.
 */
export function keyedUnion<T>(kinds: Readonly<Record<string, z.ZodType>>): z.ZodType<T> {
  return z.unknown().transform((value, ctx) => {
    const kind = value && typeof value === 'object' && !Array.isArray(value) ? Object.keys(value).find((key) => Object.hasOwn(kinds, key)) : undefined;
    if (!kind) {
      ctx.addIssue({ code: 'custom', message: `give one of ${Object.keys(kinds).join(', ')}` });
      return z.NEVER;
    }
    const parsed = kinds[kind]!.safeParse(value);
    if (!parsed.success) {
      for (const issue of parsed.error.issues) ctx.addIssue({ code: 'custom', message: issue.message, path: issue.path });
      return z.NEVER;
    }
    return parsed.data as T;
  }) as unknown as z.ZodType<T>;
}
