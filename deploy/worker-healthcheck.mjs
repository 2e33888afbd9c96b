// The worker container's health check (docker-compose.yml mounts it read-only and runs it with the
// image's node). The worker has no HTTP server, so it asks Temporal instead: healthy means the
// server has seen this container's worker poll each of Tideway's task queues recently. A worker
// whose process is up but has lost Temporal, or has stopped polling, turns unhealthy.
// The SDK names a worker `<pid>@<hostname>`, and the hostname is this container's, so the check
// tells two replicas apart. Exit 0 healthy, 1 not (the reason on stderr).
import { createRequire } from 'node:module';
import os from 'node:os';
import path from 'node:path';

// The Temporal client from the image's own dependencies (the working directory is the app's).
const { Connection, Client } = createRequire(path.join(process.cwd(), 'package.json'))('@temporalio/client');

const WORKFLOW = 1; // temporal.api.enums.v1.TaskQueueType
const ACTIVITY = 2;
const address = process.env.TEMPORAL_ADDRESS || '127.0.0.1:7233';
const namespace = process.env.TEMPORAL_NAMESPACE || 'default';
const queue = process.env.TEMPORAL_TASK_QUEUE || 'tideway';
const me = `@${os.hostname()}`;
// [task queue, type]: the interpreter's workflow and activity tasks, and each send channel's.
const polled = [
  [queue, WORKFLOW],
  [queue, ACTIVITY],
  [`${queue}-email`, ACTIVITY],
  [`${queue}-sms`, ACTIVITY],
];

async function main() {
  const connection = await Connection.connect({ address, connectTimeout: 5_000 });
  try {
    const client = new Client({ connection, namespace });
    const missing = [];
    for (const [name, taskQueueType] of polled) {
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
  console.error(`worker unhealthy: ${error instanceof Error ? error.message : String(error)}`);
  process.exit(1);
}
