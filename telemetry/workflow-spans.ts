import { createRequire } from 'node:module';
import type { OpenTelemetrySinks } from '@temporalio/interceptors-opentelemetry';
import type { InjectedSinks } from '@temporalio/worker';

/**
 * The workflow side of @temporalio/interceptors-opentelemetry: a span per workflow run, signal and
 * scheduled activity, with the trace carried in the headers. Bundled into every workflow bundle
 * (temporal/workflow-bundle.ts), traced or not, so the built bundle and the replay tests run the same code.
 */
export const WORKFLOW_TRACING_INTERCEPTORS = createRequire(import.meta.url).resolve('@temporalio/interceptors-opentelemetry/lib/workflow-interceptors');

/**
 * The workflow code hands its spans to the `exporter` sink; a worker that does not trace drops them
 * here (an unregistered sink would be an error line per span).
 */
export const DROP_WORKFLOW_SPANS: InjectedSinks<OpenTelemetrySinks> = { exporter: { export: { fn: () => {} } } };
