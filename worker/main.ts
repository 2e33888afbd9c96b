import { Client, Connection } from '@temporalio/client';
import { NativeConnection } from '@temporalio/worker';
import { loadConfig } from '../config/env.js';
import { logger } from '../config/logger.js';
import { checkCatalogue } from '../domain/catalogue-check.js';
import { journeys, TEMPLATE_DEFAULT_VARIABLES, templates } from '../journeys/index.js';
import { connectStore, disconnectStore } from '../store/connection.js';
import { JourneyRunner } from '../temporal/journey-runner.js';
import { activityDepsFromConfig } from './activity-deps.js';
import { createWorkers } from './create-worker.js';
import { installSdkLogging } from './sdk-logging.js';

const config = loadConfig();
installSdkLogging(logger);
// Importing the catalogue already validated every journey; this checks their templates render.
const problems = checkCatalogue(journeys, templates, TEMPLATE_DEFAULT_VARIABLES);
if (problems.length) throw new Error(`The journey catalogue has problems:\n${problems.map((p) => `  ${p}`).join('\n')}`);
await connectStore(config.MONGODB_URI);
const connection = await NativeConnection.connect({ address: config.TEMPORAL_ADDRESS });
// Activities start journeys and signal runs through an ordinary client.
const clientConnection = await Connection.connect({ address: config.TEMPORAL_ADDRESS });
const runner = new JourneyRunner(new Client({ connection: clientConnection, namespace: config.TEMPORAL_NAMESPACE }), config.TEMPORAL_TASK_QUEUE);
const workers = await createWorkers({
  connection,
  namespace: config.TEMPORAL_NAMESPACE,
  taskQueue: config.TEMPORAL_TASK_QUEUE,
  deps: activityDepsFromConfig(config, runner),
  sendRates: { email: config.TIDEWAY_EMAIL_PER_SECOND, sms: config.TIDEWAY_SMS_PER_SECOND },
  limits: {
    maxCachedWorkflows: config.TIDEWAY_WORKER_CACHED_WORKFLOWS,
    maxConcurrentWorkflowTaskExecutions: config.TIDEWAY_WORKER_WORKFLOW_TASKS,
    maxConcurrentActivities: config.TIDEWAY_WORKER_ACTIVITIES,
  },
});
const queue = config.TEMPORAL_TASK_QUEUE;
logger.info(`worker: polling task queues "${queue}", "${queue}-email" (${config.TIDEWAY_EMAIL_PER_SECOND}/s) and "${queue}-sms" (${config.TIDEWAY_SMS_PER_SECOND}/s) on ${config.TEMPORAL_ADDRESS}`);
try {
  await workers.run(); // returns after SIGINT/SIGTERM, once in-flight tasks are done
} finally {
  await Promise.all([connection.close(), clientConnection.close()]);
  await disconnectStore();
}
