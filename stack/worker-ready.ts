import { Client, Connection } from '@temporalio/client';

const WORKFLOW_TASK_QUEUE = 1; // temporal.api.enums.v1.TaskQueueType.TASK_QUEUE_TYPE_WORKFLOW

/** Whether some worker polls `taskQueue` for workflow tasks right now. */
export async function workerPolls(address: string, namespace: string, taskQueue: string): Promise<boolean> {
  const connection = await Connection.connect({ address, connectTimeout: 2_000 });
  try {
    const client = new Client({ connection, namespace });
    const { pollers } = await client.workflowService.describeTaskQueue({
      namespace,
      taskQueue: { name: taskQueue },
      taskQueueType: WORKFLOW_TASK_QUEUE,
    });
    return pollers.length > 0;
  } finally {
    await connection.close();
  }
}
