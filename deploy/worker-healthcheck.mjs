// The worker container's health check (docker-compose.yml mounts it read-only and runs it with the
// image's node). The worker has no HTTP server, so it asks Temporal instead: healthy means the
// server has seen this container's worker poll each of Tideway's task queues recently. A worker
// whose process is up but has lost Temporal, or has stopped polling, turns unhealthy.
// The SDK names a worker `<pid>@<hostname>`, and the hostname is this container's, so the check
// tells two replicas apart. Exit 0 healthy, 1 not (the reason on stderr).
// It reads the worker's settings and connects (address, TLS, API key) with the worker's own built
// config code, so it reaches Temporal exactly as the worker does.
import { createRequire } from 'node:module';
import os from 'node:os';
import path from 'node:path';
import { pathToFileURL } from 'node:url';

// The Temporal client and the app's config code from the image (the working directory is the app's).
const app = process.cwd();
const { Connection, Client } = createRequire(path.join(app, 'package.json'))('@temporalio/client');
const built = (file) => import(pathToFileURL(path.join(app, 'dist/config', file)).href);

const WORKFLOW = 1; // temporal.api.enums.v1.TaskQueueType
const ACTIVITY = 2;
const me = `@${os.hostname()}`;
// [task queue, type]: the interpreter's workflow and activity tasks, and each send channel's.
const polled = (queue) => [
  [queue, WORKFLOW],
  [queue, ACTIVITY],
  [`${queue}-email`, ACTIVITY],
  [`${queue}-sms`, ACTIVITY],
];

async function main() {
  const [{ loadConfig }, { temporalConnectionOptions }] = await Promise.all([built('env.js'), built('temporal-connection.js')]);
  const config = loadConfig();
  const namespace = config.TEMPORAL_NAMESPACE;
  const connection = await Connection.connect({ ...temporalConnectionOptions(config), connectTimeout: 5_000 });
  try {
    const client = new Client({ connection, namespace });
    const missing = [];
    for (const [name, taskQueueType] of polled(config.TEMPORAL_TASK_QUEUE)) {
      const { pollers } = await client.workflowService.describeTaskQueue({ namespace, taskQueue: { name }, taskQueueType });
      if (!pollers.some((poller) => (poller.identity || '').endsWith(me))) missing.push(`${name} (${taskQueueType === WORKFLOW ? 'workflow' : 'activity'})`);
    }
    if (missing.length) throw new Error(`no poller from ${me.slice(1)} on ${missing.join(', ')}`);
  } finally {
    await connection.close();
  }
}

try {
  await main();
  process.exit(0);
} catch (error) {
  // The SDK wraps the server's answer ("UNAUTHENTICATED: …", a TLS error) in a cause.
  const reasons = [];
  for (let cause = error; cause; cause = cause instanceof Error ? cause.cause : undefined) reasons.push(cause instanceof Error ? cause.message : String(cause));
  console.error(`worker unhealthy: ${reasons.join(': ')}`);
  process.exit(1);
}
