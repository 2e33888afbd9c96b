/** The OpenAPI operations for people: signing in and out, who am I, the people, the audit log. */
import { answer, body, bodyErrors, errors, pathParam, problem, queryParams } from './openapi-parts.js';
import { auditListSchema, personSchema, userListSchema, whoAmISchema } from './responses.js';
import { auditQuerySchema, newUserSchema, userChangeSchema } from './routes/people.js';
import { USER_NAME } from '../store/users.js';
import { z } from 'zod';
import { signInSchema } from './routes/session.js';

export const peoplePaths = {
  '/v1/session': {
    post: {
      summary: 'Sign in with a name and password: sets the HTTP-only session cookie (12 h) and answers the CSRF token that writes made with it carry',
      security: [],
      requestBody: body(signInSchema),
      responses: {
        200: {
          ...answer('Signed in; `Set-Cookie: tideway_session=…; HttpOnly; SameSite=Strict; Path=/`', whoAmISchema),
          headers: { 'Set-Cookie': { schema: { type: 'string' } } },
        },
        ...bodyErrors,
        401: problem('Wrong name or password (the same answer for an unknown or disabled name)'),
        429: problem('Too many failed sign-ins for this name (5 a minute); Retry-After says when to try again'),
      },
    },
    get: { summary: 'Who am I: the person (with the CSRF token) or the API key, and the role', responses: { 200: answer('The caller', whoAmISchema), ...errors } },
    delete: { summary: 'Sign out: the session ends and the cookie is cleared (an API key has nothing to end)', responses: { 204: { description: 'Signed out' }, ...errors } },
  },
  '/v1/users': {
    get: { summary: 'The people who may sign in, with their roles (added here or with `npm run users`)', responses: { 200: answer('People, by name', userListSchema), ...errors } },
    post: {
      summary: 'Add a person who may sign in; the password (at least 12 characters) is stored hashed and is not in the audit log',
      requestBody: body(newUserSchema),
      responses: { 201: answer('Added', personSchema), 409: problem('The name is taken'), ...bodyErrors },
    },
  },
  '/v1/users/{name}': {
    patch: {
      summary: "Change a person's role, or disable them (their sessions end) or enable them again",
      parameters: [pathParam('name', z.string().regex(USER_NAME))],
      requestBody: body(userChangeSchema),
      responses: { 200: answer('The person as they are now', personSchema), 404: problem('No such person'), 409: problem('The change would leave no enabled admin'), ...bodyErrors },
    },
  },
  '/v1/audit': {
    get: {
      summary: 'Every change made through the API (events aside) and the users command: who, when, what, from which value to which; latest first',
      parameters: queryParams(auditQuerySchema),
      responses: { 200: answer('Audit entries, latest first', auditListSchema), ...errors },
    },
  },
};
