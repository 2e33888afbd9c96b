import { z } from 'zod';

/** An empty value (`OTEL_EXPORTER_OTLP_ENDPOINT=` in a .env file or compose) counts as unset. */
const unsetWhenEmpty = (value: unknown) => (value === '' ? undefined : value);

/** The tracing settings, OpenTelemetry's standard variables; config/env.ts validates them with every other setting. */
export const tracingFields = {
  /**
   * The OTLP collector traces go to, over HTTP/protobuf: spans are POSTed to `<endpoint>/v1/traces`.
   * Unset: no traces are recorded or sent.
   * @example 'http://otel-collector:4318'
   */
  OTEL_EXPORTER_OTLP_ENDPOINT: z.preprocess(unsetWhenEmpty, z.url({ protocol: /^https?$/, error: 'an http:// or https:// URL, like http://otel-collector:4318' }).optional()),
  /** The `service.name` of the process's spans. @default 'tideway-api' or 'tideway-worker' */
  OTEL_SERVICE_NAME: z.preprocess(unsetWhenEmpty, z.string().min(1).optional()),
};

/**
 * Where an OTLP/HTTP exporter POSTs spans for a collector's base URL (the OTLP spec's rule for
 * OTEL_EXPORTER_OTLP_ENDPOINT).
 * @example tracesUrl('http://otel-collector:4318') // 'http://otel-collector:4318/v1/traces'
 */
export function tracesUrl(endpoint: string): string {
  return `${endpoint.replace(/\/+$/, '')}/v1/traces`;
}
