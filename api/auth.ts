import type { RequestHandler } from 'express';
import { createHash, timingSafeEqual } from 'node:crypto';
import type { ApiKey } from '../config/api-keys.js';
import { withStoreDeadline } from '../store/connection.js';
import { findSession } from '../store/sessions.js';
import { activeUser } from '../store/users.js';
import { setPrincipal } from './principal.js';
import { HttpProblem } from './problem.js';
import { clearedSessionCookie, sessionToken } from './session-cookie.js';

const digest = (value: string) => createHash('sha256').update(value).digest();
const sameValue = (a: string, b: string) => timingSafeEqual(digest(a), digest(b));

/** Methods that change nothing: no CSRF token needed. */
export const SAFE_METHODS: ReadonlySet<string> = new Set(['GET', 'HEAD', 'OPTIONS']);

/** Keys as createApp takes them: a bare string is an admin key, as every key was before roles. */
export const asApiKeys = (keys: readonly (string | ApiKey)[]): ApiKey[] =>
  keys.map((key, i) => (typeof key === 'string' ? { name: `api-key-${i + 1}`, key, role: 'admin' } : key));

/**
 * Who the request comes from: `Authorization: Bearer <key>` (any configured key, compared in constant
 * time; no CSRF token, a browser never sends it by itself), else the session cookie of a person who
 * signed in, whose writes must carry `X-CSRF-Token`. Neither, or a wrong one, is a 401.
 */
export function authenticate(keys: readonly ApiKey[], { secureCookies }: { secureCookies: boolean }): RequestHandler {
  const known = keys.map((key) => ({ ...key, digest: digest(key.key) }));
  return async (req, res, next) => {
    const header = req.get('authorization');
    if (header !== undefined) {
      const presented = /^Bearer\s+(\S+)$/i.exec(header)?.[1];
      const presentedDigest = presented ? digest(presented) : undefined;
      const matches = presentedDigest ? known.filter((key) => timingSafeEqual(key.digest, presentedDigest)) : [];
      if (!matches[0]) throw new HttpProblem(401, 'Unauthorized', 'Send a valid API key as "Authorization: Bearer <key>".');
      setPrincipal(res, { kind: 'key', name: matches[0].name, role: matches[0].role });
      return next();
    }
    const token = sessionToken(req);
    if (!token) throw new HttpProblem(401, 'Unauthorized', 'Send an API key as "Authorization: Bearer <key>", or sign in with POST /v1/session.');
    const session = await withStoreDeadline(() => findSession(token));
    const user = session && (await withStoreDeadline(() => activeUser(session.name)));
    if (!session || !user) {
      res.append('Set-Cookie', clearedSessionCookie(secureCookies));
      throw new HttpProblem(401, 'Session ended', 'The session expired, was signed out, or its person was disabled; sign in again with POST /v1/session.');
    }
    const csrf = req.get('x-csrf-token');
    if (!SAFE_METHODS.has(req.method) && !(csrf && sameValue(csrf, session.csrfToken))) {
      throw new HttpProblem(403, 'CSRF token missing or wrong', 'A write made with the session cookie needs the header X-CSRF-Token: the csrfToken of POST or GET /v1/session.');
    }
    setPrincipal(res, { kind: 'user', name: user.name, role: user.role, session: { token, csrfToken: session.csrfToken, expiresAt: session.expiresAt } });
    next();
  };
}
