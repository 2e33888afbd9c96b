/**
 * OpenTelemetry traces for the API and the worker: one trace from the HTTP request through the Temporal
 * client's start or signal, the workflow and its activities (@temporalio/interceptors-opentelemetry),
 * sent to an OTLP collector over HTTP/protobuf. Without an endpoint nothing is registered: the API's
 * spans are OpenTelemetry's no-ops and the workflow code's are dropped at the sink.
 */
import { diag, DiagLogLevel } from '@opentelemetry/api';
import { AsyncLocalStorageContextManager } from '@opentelemetry/context-async-hooks';
import { OTLPTraceExporter } from '@opentelemetry/exporter-trace-otlp-proto';
import { Resource } from '@opentelemetry/resources';
import { BasicTracerProvider, BatchSpanProcessor, type SpanExporter } from '@opentelemetry/sdk-trace-base';
import { ATTR_SERVICE_NAME } from '@opentelemetry/semantic-conventions';
import type { ClientInterceptors } from '@temporalio/client';
import {
  makeWorkflowExporter,
  OpenTelemetryActivityInboundInterceptor,
  OpenTelemetryActivityOutboundInterceptor,
  OpenTelemetryWorkflowClientInterceptor,
  type OpenTelemetrySinks,
} from '@temporalio/interceptors-opentelemetry';
import type { ActivityInterceptorsFactory, InjectedSinks } from '@temporalio/worker';
import type { Logger } from '../config/logger.js';
import { tracesUrl } from '../config/tracing-settings.js';
import { DROP_WORKFLOW_SPANS } from './workflow-spans.js';

/** What a process wires in to trace: the interceptors of its Temporal clients and worker, and a flush at exit. */
export interface Tracing {
  /** `interceptors` of every Temporal Client: starts and signals carry the active trace into the workflow. */
  readonly clientInterceptors: ClientInterceptors;
  /** A span per activity, child of the workflow's span that scheduled it. */
  readonly activityInterceptors: ActivityInterceptorsFactory[];
  /** The sink the workflow code's spans leave the sandbox through (every worker running the bundle needs one). */
  readonly workflowSinks: InjectedSinks<OpenTelemetrySinks>;
  /** Hands every ended span to the exporter now. */
  flush(): Promise<void>;
  /** Flushes and stops, within {@link SHUTDOWN_TIMEOUT_MS} even when the collector does not answer. */
  shutdown(): Promise<void>;
}

export interface TracingOptions {
  /** The `service.name` of the spans (OTEL_SERVICE_NAME). */
  serviceName: string;
  /** The collector's OTLP/HTTP base URL (OTEL_EXPORTER_OTLP_ENDPOINT); unset, tracing is off. */
  endpoint?: string;
  /** Where spans go instead of the collector: tests pass an in-memory exporter. */
  exporter?: SpanExporter;
  /** Where the SDK's own warnings go (an export that failed). */
  logger?: Logger;
}

/** How long a flush at exit may wait for the collector. */
export const SHUTDOWN_TIMEOUT_MS = 5_000;

/**
 * Spans are queued and exported in the background, so a slow or unreachable collector never holds up a
 * request or a send: past this many queued spans, new ones are dropped.
 */
const SPAN_QUEUE = { maxQueueSize: 2_048, maxExportBatchSize: 512, scheduledDelayMillis: 2_000, exportTimeoutMillis: 10_000 };

export const TRACING_OFF: Tracing = {
  clientInterceptors: {},
  activityInterceptors: [],
  workflowSinks: DROP_WORKFLOW_SPANS,
  flush: async () => {},
  shutdown: async () => {},
};

/** Registers the process's tracer provider (once, before the first connection); {@link TRACING_OFF} without an endpoint. */
export function startTracing({ serviceName, endpoint, exporter, logger }: TracingOptions): Tracing {
  const spanExporter = exporter ?? (endpoint ? new OTLPTraceExporter({ url: tracesUrl(endpoint), timeoutMillis: SPAN_QUEUE.exportTimeoutMillis }) : undefined);
  if (!spanExporter) return TRACING_OFF;
  if (logger) diag.setLogger(diagLogger(logger), DiagLogLevel.WARN);
  const resource = Resource.default().merge(new Resource({ [ATTR_SERVICE_NAME]: serviceName }));
  const processor = new BatchSpanProcessor(spanExporter, SPAN_QUEUE);
  const provider = new BasicTracerProvider({ resource, spanProcessors: [processor], mergeResourceWithDefaults: false });
  // Propagators from OTEL_PROPAGATORS, W3C trace context and baggage by default.
  provider.register({ contextManager: new AsyncLocalStorageContextManager().enable() });
  return {
    clientInterceptors: { workflow: [new OpenTelemetryWorkflowClientInterceptor()] },
    activityInterceptors: [(ctx) => ({ inbound: new OpenTelemetryActivityInboundInterceptor(ctx), outbound: new OpenTelemetryActivityOutboundInterceptor(ctx) })],
    workflowSinks: { exporter: makeWorkflowExporter(processor, resource) },
    flush: () => provider.forceFlush(),
    shutdown: () => withinTimeout(provider.shutdown(), SHUTDOWN_TIMEOUT_MS),
  };
}

function diagLogger(logger: Logger) {
  const warn = (message: string, ...args: unknown[]) => logger.warn({ args }, `traces: ${message}`);
  const ignore = () => {};
  return { error: warn, warn, info: ignore, debug: ignore, verbose: ignore };
}

async function withinTimeout(work: Promise<void>, ms: number): Promise<void> {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<void>((resolve) => {
    timer = setTimeout(resolve, ms).unref();
  });
  await Promise.race([work.catch(() => {}), timeout]);
  clearTimeout(timer);
}
