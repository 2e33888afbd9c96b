import { NativeConnection } from '@temporalio/worker';
import { loadConfig } from '../config/env.js';
import { connectStore, disconnectStore } from '../store/connection.js';
import { activityDepsFromConfig } from './activity-deps.js';
import { createWorker } from './create-worker.js';

const config = loadConfig();
await connectStore(config.MONGODB_URI);
const connection = await NativeConnection.connect({ address: config.TEMPORAL_ADDRESS });
const worker = await createWorker({
  connection,
  namespace: config.TEMPORAL_NAMESPACE,
  taskQueue: config.TEMPORAL_TASK_QUEUE,
  deps: activityDepsFromConfig(config),
});
console.log(`worker: polling task queue "${config.TEMPORAL_TASK_QUEUE}" on ${config.TEMPORAL_ADDRESS}`);
try {
  await worker.run(); // returns after SIGINT/SIGTERM, once in-flight tasks are done
} finally {
  await connection.close();
  await disconnectStore();
}
