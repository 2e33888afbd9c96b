import { context, propagation, SpanKind, SpanStatusCode, trace } from '@opentelemetry/api';
import type { Request, RequestHandler } from 'express';

/** Resolves to the process's tracer provider once tracing starts; OpenTelemetry's no-op until then. */
const tracer = trace.getTracer('tideway-api');

/** The route that served the request, as declared (`/v1/customers/:id`): never the ids or the query. */
function routeOf(req: Request): string | undefined {
  const path = (req.route as { path?: unknown } | undefined)?.path;
  // `\\:` escapes a literal colon in Express 5 paths (`/v1/events\\:batch`).
  return typeof path === 'string' ? `${req.baseUrl}${path}`.replaceAll('\\', '') : undefined;
}

/**
 * A server span per HTTP request, named `METHOD route` (`POST /v1/events`), continuing the caller's
 * trace when it sends a `traceparent`. The request is served inside the span, so the Temporal calls it
 * makes (a signal-with-start) join its trace. It records the method, route and status, no path or body.
 */
export function httpSpans(): RequestHandler {
  return (req, res, next) => {
    const parent = propagation.extract(context.active(), req.headers);
    const span = tracer.startSpan(req.method, { kind: SpanKind.SERVER, attributes: { 'http.request.method': req.method } }, parent);
    let ended = false;
    const end = () => {
      if (ended) return;
      ended = true;
      const route = routeOf(req);
      if (route) span.updateName(`${req.method} ${route}`).setAttribute('http.route', route);
      span.setAttribute('http.response.status_code', res.statusCode);
      if (res.statusCode >= 500) span.setStatus({ code: SpanStatusCode.ERROR });
      span.end();
    };
    res.once('finish', end).once('close', end);
    context.with(trace.setSpan(parent, span), next);
  };
}
