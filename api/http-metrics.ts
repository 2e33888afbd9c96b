import type { Request, RequestHandler, Response } from 'express';
import { matchedRoute } from './access.js';
import { httpRequestDuration, httpRequests } from './metrics.js';

/** The label of requests no route matched (unknown paths, 404s, refusals before routing): one value, never the raw URL. */
export const UNMATCHED_ROUTE = 'unmatched';

/**
 * The route a request is counted under: the pattern it matched (`/v1/customers/:id`), never the URL
 * with its ids. The console's files, served without routes, are one `/console/*`.
 */
export function routeLabel(req: Pick<Request, 'route' | 'baseUrl' | 'path'>, res: Pick<Response, 'locals'>): string {
  const guarded = matchedRoute(res.locals);
  if (guarded) return guarded.slice(guarded.indexOf(' ') + 1).replace(/\\/g, '');
  const pattern = (req.route as { path?: unknown } | undefined)?.path;
  if (typeof pattern === 'string') return `${req.baseUrl}${pattern}`;
  return req.path.startsWith('/console/') ? '/console/*' : UNMATCHED_ROUTE;
}

/** Counts and times every request, labelled by method, route pattern and status, as it finishes. */
export function httpMetrics(): RequestHandler {
  return (req, res, next) => {
    const stopTimer = httpRequestDuration.startTimer();
    res.once('finish', () => {
      const labels = { method: req.method, route: routeLabel(req, res), status: String(res.statusCode) };
      httpRequests.inc(labels);
      stopTimer(labels);
    });
    next();
  };
}
