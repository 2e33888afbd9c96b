import type { RequestHandler, Router } from 'express';
import { hasRole, type Role } from '../domain/roles.js';
import { principalOf } from './principal.js';
import { HttpProblem } from './problem.js';

/** The least role a route needs; `public` routes take no credentials (they check their own, or need none). */
export type Access = Role | 'public';

/**
 * Every `/v1` route and the least role it needs: routes are registered through {@link route}, which
 * takes its key from this table, so a route cannot be added without deciding (and
 * test/route-access.test.ts fails on a served route that bypassed it). The OpenAPI document states
 * each operation's role from here.
 */
export const ROUTE_ACCESS = {
  'POST /v1/session': 'public',
  'GET /v1/session': 'viewer',
  'DELETE /v1/session': 'viewer',
  'POST /v1/webhooks/twilio/status': 'public',
  'POST /v1/webhooks/twilio/inbound': 'public',
  'POST /v1/webhooks/email/feedback': 'public',

  'POST /v1/events': 'agent',
  'POST /v1/events\\:batch': 'agent',
  'GET /v1/parked-events': 'viewer',
  'POST /v1/parked-events/:eventId/redrive': 'admin',

  'GET /v1/customers': 'viewer',
  'GET /v1/customers/:id': 'viewer',
  'GET /v1/customers/:id/timeline': 'viewer',
  'PUT /v1/customers/:id': 'agent',
  'PUT /v1/customers/:id/consent': 'agent',
  'POST /v1/customers/:id/stage': 'agent',
  'POST /v1/customers/:id/merge': 'admin',

  'GET /v1/journeys': 'viewer',
  'GET /v1/journeys/:id': 'viewer',
  'GET /v1/journeys/:id/runs/:customerId': 'viewer',
  'POST /v1/journeys/:id/enrollments': 'agent',
  'GET /v1/journeys/:id/previews': 'marketer',
  'POST /v1/journeys/:id/runs/:customerId/end': 'agent',

  'GET /v1/tasks': 'viewer',
  'GET /v1/tasks/:id': 'viewer',
  'POST /v1/tasks/:id/claim': 'agent',
  'POST /v1/tasks/:id/assign': 'agent',
  'POST /v1/tasks/:id/complete': 'agent',
  'POST /v1/tasks/:id/reopen': 'agent',
  'GET /v1/approvals': 'viewer',
  'GET /v1/approvals/:id': 'viewer',
  'POST /v1/approvals/:id': 'agent',

  'GET /v1/reports/journeys/:id': 'viewer',
  'GET /v1/reports/cold-pool': 'viewer',
  'GET /v1/reports/stages': 'viewer',
  'GET /v1/reports/win-back': 'viewer',
  'GET /v1/reports/welcome': 'viewer',
  'GET /v1/reports/health': 'viewer',
  'GET /v1/reports/tasks': 'viewer',
  'GET /v1/reports/messages': 'viewer',

  'GET /v1/stage-rules': 'viewer',
  'POST /v1/stage-rules': 'admin',
  'POST /v1/stage-rules/rollback': 'admin',
  'GET /v1/users': 'admin',
  'POST /v1/users': 'admin',
  'PATCH /v1/users/:name': 'admin',
  'GET /v1/audit': 'admin',
} as const satisfies Record<string, Access>;

export type RouteKey = keyof typeof ROUTE_ACCESS;

/**
 * Writes the audit log leaves out: events. Services send them by the thousand; each is kept under its
 * own id in `events`, and what it did is in the customer's lifecycle history. An entry per request
 * would add a store write to the busiest path, the one `npm run bench` measures.
 */
export const UNAUDITED: ReadonlySet<RouteKey> = new Set<RouteKey>(['POST /v1/events', 'POST /v1/events\\:batch']);

type Method = 'get' | 'post' | 'put' | 'patch' | 'delete';
type Guard = RequestHandler & { routeKey: RouteKey };

/** Registers `METHOD path` on the router behind the guard of its access: 401 without credentials, 403 below its role. */
export function route(router: Router, key: RouteKey, ...handlers: RequestHandler[]): void {
  const [method, path] = key.split(' ') as [string, string];
  router[method.toLowerCase() as Method](path, guard(key), ...handlers);
}

function guard(key: RouteKey): Guard {
  const needed: Access = ROUTE_ACCESS[key];
  const check: RequestHandler = (_req, res, next) => {
    res.locals.routeKey = key;
    if (needed === 'public') return next();
    const principal = principalOf(res);
    if (!principal) return next(new HttpProblem(401, 'Unauthorized', 'Send an API key as "Authorization: Bearer <key>", or sign in with POST /v1/session.'));
    if (hasRole(principal.role, needed)) return next();
    const who = principal.kind === 'key' ? `The API key "${principal.name}"` : `"${principal.name}"`;
    next(new HttpProblem(403, 'Forbidden', `${key.replace('\\', '')} needs the role "${needed}"; ${who} has "${principal.role}".`, { requiredRole: needed, role: principal.role }));
  };
  return Object.assign(check, { routeKey: key });
}

/** The route a handler guards, when it is a guard {@link route} made. */
export const guardedRoute = (handler: unknown): RouteKey | undefined => (handler as Partial<Guard> | null)?.routeKey;

/** The route the request matched (set by its guard). */
export const matchedRoute = (locals: Record<string, unknown>): RouteKey | undefined => locals.routeKey as RouteKey | undefined;
