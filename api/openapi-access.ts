/** Who may call what, in the OpenAPI document: the security schemes, and each operation's least role from ROUTE_ACCESS. */
import { ROLES } from '../domain/roles.js';
import { type Access, ROUTE_ACCESS } from './access.js';
import { SAFE_METHODS } from './auth.js';
import { problem } from './openapi-parts.js';
import { SESSION_COOKIE } from './session-cookie.js';

export const securitySchemes = {
  apiKey: { type: 'http', scheme: 'bearer', description: 'An API key from TIDEWAY_API_KEY (admin) or TIDEWAY_API_KEYS (with its role); no CSRF token needed' },
  session: { type: 'apiKey', in: 'cookie', name: SESSION_COOKIE, description: 'Set by POST /v1/session; HTTP-only, SameSite=Strict, 12 hours' },
  csrfToken: { type: 'apiKey', in: 'header', name: 'X-CSRF-Token', description: 'The csrfToken of POST or GET /v1/session: every write made with the session cookie carries it' },
};
/** Reads take a key or the cookie; writes a key, or the cookie with its CSRF token. */
export const readSecurity = [{ apiKey: [] }, { session: [] }];
const writeSecurity = [{ apiKey: [] }, { session: [], csrfToken: [] }];

/** `POST /v1/tasks/:id/complete` → `POST /v1/tasks/{id}/complete`, as the document names it. */
const documented = (key: string) => key.replace(/(?<!\\):(\w+)/g, '{$1}').replace(/\\/g, '');
const ACCESS_BY_OPERATION = new Map<string, Access>(Object.entries(ROUTE_ACCESS).map(([key, access]) => [documented(key), access]));

type Operation = { security?: unknown[]; responses: Record<string, unknown>; description?: string; 'x-tideway-role'?: Access };

/**
 * Gives every `/v1` operation its least role (`x-tideway-role`, and a 403 naming it), and writes the
 * security they take. Throws for a `/v1` operation the table has no role for.
 */
export function withAccess<T extends Record<string, Record<string, Operation>>>(paths: T): T {
  for (const [path, operations] of Object.entries(paths)) {
    if (!path.startsWith('/v1/')) continue;
    for (const [method, operation] of Object.entries(operations)) {
      const access = ACCESS_BY_OPERATION.get(`${method.toUpperCase()} ${path}`);
      if (!access) throw new Error(`${method.toUpperCase()} ${path} has no role in ROUTE_ACCESS (api/access.ts)`);
      operation['x-tideway-role'] = access;
      if (access === 'public') continue;
      const write = !SAFE_METHODS.has(method.toUpperCase());
      if (write) operation.security = writeSecurity;
      operation.description = `Least role: ${access} (${ROLES.join(' < ')}).${access === 'viewer' ? ' A viewer gets emails, phones and names masked.' : ''}`;
      operation.responses[403] = problem(`The caller's role is below "${access}"${write ? ', or a write with the session cookie lacks its X-CSRF-Token' : ''}`);
    }
  }
  return paths;
}
