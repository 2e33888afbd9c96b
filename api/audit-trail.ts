import type { Request, RequestHandler, Response } from 'express';
import { type AuditRecord, recordAudit } from '../store/audit-log.js';
import { withStoreDeadline } from '../store/connection.js';
import { matchedRoute, UNAUDITED } from './access.js';
import { SAFE_METHODS } from './auth.js';
import { actorOf, principalOf } from './principal.js';

/** What a route tells the audit log about its change, where it knows it cheaply. */
export interface NotedChange {
  /** What changed, when the path's `:id` does not say it (a customer enrolled, a person signed in). */
  target?: string | null;
  /** The field, e.g. `stage`, `consent.email`, `outcome`, `decision`, `stageRules`. */
  field?: string;
  from?: unknown;
  to?: unknown;
  /** Why, in the words of the person who did it (a stage set by hand, an enrolment, a merge, a run ended). */
  reason?: string;
}

export function noteChange(res: Response, change: NotedChange): void {
  res.locals.change = { ...(res.locals.change as NotedChange | undefined), ...change };
}

/** The request changed nothing worth recording (an API key "signing out"). */
export function nothingChanged(res: Response): void {
  res.locals.change = null;
}

/**
 * Records every write through `/v1` that succeeded (2xx, 3xx) with who made it: one insert, made when the
 * route answers and before the answer leaves, so a client that reads the audit log next finds it. The
 * hook sits on `res.end`, the one call every answer goes through, so a new route is recorded without
 * doing anything. Refused writes (4xx) and failures (5xx) changed nothing and are not recorded. An entry
 * the store does not take within its deadline is logged as lost; the answer goes out all the same, since
 * the change it reports was made.
 */
export function auditTrail(log: (line: string) => void): RequestHandler {
  return (req, res, next) => {
    if (SAFE_METHODS.has(req.method)) return next();
    const end = res.end;
    let ended = false;
    res.end = function (this: Response, ...args: unknown[]) {
      const entry = ended ? undefined : entryFor(req, res);
      ended = true;
      if (!entry) return end.apply(this, args as Parameters<typeof end>);
      void withStoreDeadline(() => recordAudit(entry))
        .catch((error: unknown) => log(`audit: entry lost for ${entry.method} ${entry.route} by ${entry.actor.kind} ${entry.actor.name}: ${(error as Error)?.name}`))
        .finally(() => end.apply(this, args as Parameters<typeof end>));
      return this;
    } as typeof res.end;
    next();
  };
}

function entryFor(req: Request, res: Response): AuditRecord | undefined {
  const principal = principalOf(res);
  const route = matchedRoute(res.locals);
  const change = res.locals.change as NotedChange | null | undefined;
  if (!principal || !route || change === null || UNAUDITED.has(route) || res.statusCode >= 400) return undefined;
  const params = req.params as Record<string, string | undefined>;
  return {
    at: new Date(),
    actor: actorOf(principal),
    method: req.method,
    route: route.slice(route.indexOf(' ') + 1).replace('\\', ''),
    target: change?.target ?? params.id ?? params.eventId ?? null,
    field: change?.field ?? null,
    from: change?.from ?? null,
    to: change?.to ?? null,
    reason: change?.reason ?? null,
    status: res.statusCode,
  };
}
