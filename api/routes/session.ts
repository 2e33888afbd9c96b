import { Router } from 'express';
import { z } from 'zod';
import { withStoreDeadline } from '../../store/connection.js';
import { closeSession, openSession } from '../../store/sessions.js';
import { checkSignIn } from '../../store/users.js';
import { route } from '../access.js';
import { noteChange, nothingChanged } from '../audit-trail.js';
import { jsonBody } from '../json-body.js';
import { type Principal, principalOf, setPrincipal } from '../principal.js';
import { HttpProblem, parseInput } from '../problem.js';
import { clearedSessionCookie, sessionCookie } from '../session-cookie.js';
import type { SignInLimiter } from '../sign-in-limiter.js';

export const signInSchema = z.strictObject({
  name: z.string().trim().toLowerCase().min(1).max(64),
  password: z.string().min(1).max(1024),
});

export interface SessionDeps {
  limiter: SignInLimiter;
  /** Adds `Secure` to the cookie: the API is reached over HTTPS (TIDEWAY_PUBLIC_URL). */
  secureCookies: boolean;
}

/** Who is asking: a person (with the CSRF token their writes carry) or an API key. */
const whoAmI = ({ kind, name, role, session }: Principal) => ({
  kind,
  name,
  role,
  ...(session ? { csrfToken: session.csrfToken, expiresAt: session.expiresAt } : {}),
});

/** `POST /v1/session`: signing in takes no credentials, so it is mounted before they are checked. */
export function signInRoutes({ limiter, secureCookies }: SessionDeps): Router {
  const router = Router();
  route(router, 'POST /v1/session', ...jsonBody(), async (req, res) => {
    const { name, password } = parseInput(signInSchema, req.body);
    const wait = limiter.attempt(name);
    if (wait > 0) {
      res.setHeader('Retry-After', String(wait));
      throw new HttpProblem(429, 'Too many sign-ins', `Too many failed sign-ins as "${name}"; try again in ${wait} s.`, { retryAfter: wait });
    }
    // The same answer, after about the same time, for an unknown name, a wrong password and a disabled person.
    const person = await withStoreDeadline(() => checkSignIn(name, password));
    if (!person) throw new HttpProblem(401, 'Sign-in refused', 'Wrong name or password.');
    limiter.succeeded(name);
    const session = await withStoreDeadline(() => openSession(person.name));
    res.append('Set-Cookie', sessionCookie(session.token, session.expiresAt, secureCookies));
    const principal: Principal = { kind: 'user', name: person.name, role: person.role, session };
    setPrincipal(res, principal);
    noteChange(res, { target: person.name });
    res.json(whoAmI(principal));
  });
  return router;
}

/** Who am I, and signing out. */
export function sessionRoutes({ secureCookies }: Pick<SessionDeps, 'secureCookies'>): Router {
  const router = Router();
  route(router, 'GET /v1/session', (_req, res) => {
    res.json(whoAmI(principalOf(res)!));
  });
  route(router, 'DELETE /v1/session', async (_req, res) => {
    const { name, session } = principalOf(res)!;
    if (session) {
      await withStoreDeadline(() => closeSession(session.token));
      res.append('Set-Cookie', clearedSessionCookie(secureCookies));
      noteChange(res, { target: name });
    } else {
      nothingChanged(res);
    }
    res.status(204).end();
  });
  return router;
}
