import { z } from 'zod';
import { ROLES, type Role } from '../domain/roles.js';

/** A key a service (or a script) sends as `Authorization: Bearer <key>`; its name is what the audit log shows. */
export interface ApiKey {
  name: string;
  key: string;
  role: Role;
}

const EXAMPLE = '{"shop":{"key":"<16+ characters>","role":"agent"}}';

/** `TIDEWAY_API_KEY`: comma-separated admin keys, as before roles (named `api-key-1`, `api-key-2`, …). */
export const adminKeysSetting = z
  .string()
  .optional()
  .transform((value) => (value ?? '').split(',').map((key) => key.trim()).filter(Boolean))
  .pipe(z.array(z.string().min(16, 'each API key needs at least 16 characters')));

const KEY_NAME = /^[a-z][a-z0-9-]{0,39}$/;

/** `TIDEWAY_API_KEYS`: named keys, each with its role: `{"shop":{"key":"…","role":"agent"}}`. */
export const namedKeysSetting = z
  .string()
  .default('{}')
  .transform((text, ctx) => {
    // Empty, as compose passes an unset variable: no named keys.
    if (!text.trim()) return {};
    let parsed: unknown;
    try {
      parsed = JSON.parse(text);
    } catch {
      // Said below.
    }
    if (parsed !== null && typeof parsed === 'object' && !Array.isArray(parsed)) {
      for (const name of Object.keys(parsed).filter((name) => !KEY_NAME.test(name))) {
        ctx.addIssue({ code: 'custom', path: [name], message: 'a key name of lower-case letters, digits and -, like "shop"' });
      }
      return parsed;
    }
    ctx.addIssue({ code: 'custom', message: `a JSON object like ${EXAMPLE}` });
    return z.NEVER;
  })
  .pipe(
    z.record(z.string(), z.strictObject({ key: z.string().min(16, 'at least 16 characters'), role: z.enum(ROLES, { error: `a role: ${ROLES.join(', ')}` }) })),
  );

/** Every key the API takes, with its name and role: `TIDEWAY_API_KEY`'s as admins, then `TIDEWAY_API_KEYS`'s. */
export function apiKeysOf(adminKeys: readonly string[], namedKeys: Record<string, { key: string; role: Role }>): ApiKey[] {
  return [...adminKeys.map((key, i) => ({ name: `api-key-${i + 1}`, key, role: 'admin' as const })), ...Object.entries(namedKeys).map(([name, { key, role }]) => ({ name, key, role }))];
}

/** A key given twice (it would have two roles) or a name `TIDEWAY_API_KEY` already gives: what is wrong, or undefined. */
export function keyClash(keys: readonly ApiKey[]): string | undefined {
  const names = new Set<string>();
  const values = new Map<string, string>();
  for (const { name, key } of keys) {
    if (names.has(name)) return `the name "${name}" is taken by TIDEWAY_API_KEY's keys (api-key-1, api-key-2, …)`;
    const other = values.get(key);
    if (other) return `"${name}" has the same key as "${other}": each key has one role`;
    names.add(name);
    values.set(key, name);
  }
  return undefined;
}
