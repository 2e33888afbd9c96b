import { Client, Connection } from '@temporalio/client';
import { NativeConnection } from '@temporalio/worker';
import { loadConfig } from '../config/env.js';
import { logger } from '../config/logger.js';
import { temporalConnectionOptions } from '../config/temporal-connection.js';
import { checkCatalogue } from '../domain/catalogue-check.js';
import { journeys, TEMPLATE_DEFAULT_VARIABLES, templates } from '../journeys/index.js';
import { connectStore, disconnectStore } from '../store/connection.js';
import { JourneyRunner } from '../temporal/journey-runner.js';
import { syncSchedules } from '../temporal/schedules.js';
import { backfillJourneyEntries } from '../store/journey-reentry.js';
import { activityDepsFromConfig } from './activity-deps.js';
import { createWorkers } from './create-worker.js';
import { startTracing } from '../telemetry/tracing.js';
import { installSdkRuntime } from './sdk-runtime.js';

const config = loadConfig();
installSdkRuntime(logger, { metricsAddress: config.TIDEWAY_WORKER_METRICS_ADDRESS });
const tracing = startTracing({ serviceName: config.OTEL_SERVICE_NAME ?? 'tideway-worker', endpoint: config.OTEL_EXPORTER_OTLP_ENDPOINT, logger });
// Importing the catalogue already validated every journey; this checks their templates render.
const problems = checkCatalogue(journeys, templates, TEMPLATE_DEFAULT_VARIABLES);
if (problems.length) throw new Error(`The journey catalogue has problems:\n${problems.map((p) => `  ${p}`).join('\n')}`);
await connectStore(config.MONGODB_URI);
const connection = await NativeConnection.connect(temporalConnectionOptions(config));
// Activities start journeys and signal runs through an ordinary client.
const clientConnection = await Connection.connect(temporalConnectionOptions(config));
const client = new Client({ connection: clientConnection, namespace: config.TEMPORAL_NAMESPACE, interceptors: tracing.clientInterceptors });
const runner = new JourneyRunner(client, config.TEMPORAL_TASK_QUEUE);
const workers = await createWorkers({
  connection,
  namespace: config.TEMPORAL_NAMESPACE,
  taskQueue: config.TEMPORAL_TASK_QUEUE,
  deps: activityDepsFromConfig(config, runner),
  tracing,
  sendRates: { email: config.TIDEWAY_EMAIL_PER_SECOND, sms: config.TIDEWAY_SMS_PER_SECOND, wecom: config.TIDEWAY_WECOM_PER_SECOND },
  limits: {
    maxCachedWorkflows: config.TIDEWAY_WORKER_CACHED_WORKFLOWS,
    maxConcurrentWorkflowTaskExecutions: config.TIDEWAY_WORKER_WORKFLOW_TASKS,
    maxConcurrentActivities: config.TIDEWAY_WORKER_ACTIVITIES,
  },
});
const queue = config.TEMPORAL_TASK_QUEUE;
// Re-entry checks read one row per journey and customer; runs recorded before those rows are folded in once,
// in the background (until it is done the checks also read the runs).
backfillJourneyEntries().then(
  (rows) => rows && logger.info(`worker: re-entry rows made for ${rows} journey-and-customer pairs`),
  (error: unknown) => logger.warn(`worker: re-entry rows not backfilled (${String(error)}); the checks go on reading the runs`),
);
const schedules = await syncSchedules(client, journeys, queue);
logger.info(`worker: schedules created [${schedules.created.join(', ')}], updated [${schedules.updated.join(', ')}], deleted [${schedules.deleted.join(', ')}]`);
logger.info(`worker: polling task queues "${queue}", "${queue}-email" (${config.TIDEWAY_EMAIL_PER_SECOND}/s), "${queue}-sms" (${config.TIDEWAY_SMS_PER_SECOND}/s) and "${queue}-wecom" (${config.TIDEWAY_WECOM_PER_SECOND}/s) on ${config.TEMPORAL_ADDRESS}`);
try {
  await workers.run(); // returns after SIGINT/SIGTERM, once in-flight tasks are done
} finally {
  await Promise.all([connection.close(), clientConnection.close()]);
  await disconnectStore();
  await tracing.shutdown();
}
