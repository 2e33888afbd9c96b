/**
 * The API's metrics, in Prometheus format at `GET /metrics` on the API's own port: requests by route
 * and status, events taken in, tasks completed, and the process's own figures (prom-client's defaults).
 * Unauthenticated, like the probes, and free of personal data; keep it off the public internet.
 */
import { Router } from 'express';
import { collectDefaultMetrics, Counter, Histogram, Registry } from 'prom-client';

/** The API's own registry: one per process, whatever number of apps a test creates. */
export const apiMetrics = new Registry();
collectDefaultMetrics({ register: apiMetrics });

export const httpRequests = new Counter({
  name: 'http_requests_total',
  help: 'HTTP requests answered, by method, route pattern and status',
  labelNames: ['method', 'route', 'status'] as const,
  registers: [apiMetrics],
});

export const httpRequestDuration = new Histogram({
  name: 'http_request_duration_seconds',
  help: 'Time to answer an HTTP request, by method, route pattern and status',
  labelNames: ['method', 'route', 'status'] as const,
  registers: [apiMetrics],
});

const eventsTaken = new Counter({
  name: 'tideway_events_total',
  help: "Customer events taken in (services' and the API's own, such as a stage set by hand): accepted or duplicate (applied before)",
  labelNames: ['status'] as const,
  registers: [apiMetrics],
});

const tasksCompleted = new Counter({
  name: 'tideway_tasks_completed_total',
  help: 'Tasks completed by a person, by the queue asked for',
  labelNames: ['queue'] as const,
  registers: [apiMetrics],
});

/** Counts an event the intake accepted or found a duplicate of. */
export const countEvent = (status: 'accepted' | 'duplicate'): void => eventsTaken.inc({ status });

/** Counts a completed task (the API is the one writer of a completion). */
export const countTaskCompleted = (queue: string): void => tasksCompleted.inc({ queue });

/** `GET /metrics`: what Prometheus scrapes. */
export function metricsRoutes(): Router {
  const router = Router();
  router.get('/metrics', async (_req, res) => {
    res.type(apiMetrics.contentType).send(await apiMetrics.metrics());
  });
  return router;
}
