import type { LogLevel, LogMetadata, Logger as SdkLogger } from '@temporalio/common';
import { makeTelemetryFilterString, Runtime } from '@temporalio/worker';
import { ConfigError } from '../config/env.js';
import type { Logger } from '../config/logger.js';

const LEVELS = { TRACE: 'trace', DEBUG: 'debug', INFO: 'info', WARN: 'warn', ERROR: 'error' } as const;

/** The Temporal SDK's Logger over ours: the SDK's lines (and workflow and activity `log` calls) become our JSON lines, redacted alike. */
export function sdkLogger(logger: Logger): SdkLogger {
  const log = (level: LogLevel, message: string, meta?: LogMetadata) => logger[LEVELS[level]]({ ...meta }, message);
  return {
    log,
    trace: (message, meta) => log('TRACE', message, meta),
    debug: (message, meta) => log('DEBUG', message, meta),
    info: (message, meta) => log('INFO', message, meta),
    warn: (message, meta) => log('WARN', message, meta),
    error: (message, meta) => log('ERROR', message, meta),
  };
}

export interface SdkRuntimeOptions {
  /**
   * Where the SDK serves its metrics and Tideway's business counters (emitted through its meter) for
   * Prometheus to scrape, at `/metrics`; unset, none are served (TIDEWAY_WORKER_METRICS_ADDRESS).
   * @example '0.0.0.0:9464'
   */
  metricsAddress?: string;
}

/**
 * Installs the SDK's runtime once, before the first connection or worker of the process: its logs, the
 * Rust core's included (forwarded at WARN and up), go through `logger`; its metrics are served for
 * Prometheus to pull, so a scraper that is down or away never holds up a workflow or a send.
 */
export function installSdkRuntime(logger: Logger, { metricsAddress }: SdkRuntimeOptions = {}): void {
  try {
    Runtime.install({
      logger: sdkLogger(logger),
      telemetryOptions: {
        logging: { filter: makeTelemetryFilterString({ core: 'WARN' }), forward: {} },
        ...(metricsAddress ? { metrics: { prometheus: { bindAddress: metricsAddress } } } : {}),
      },
    });
  } catch (error) {
    if (!metricsAddress) throw error;
    // A port in use is the usual cause: two workers on one machine need two addresses.
    throw new ConfigError(`Invalid configuration:\n  TIDEWAY_WORKER_METRICS_ADDRESS: cannot serve metrics on ${metricsAddress}: ${(error as Error).message}`);
  }
  if (metricsAddress) logger.info(`worker: metrics for Prometheus on http://${metricsAddress}/metrics`);
}
