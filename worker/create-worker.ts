import { NativeConnection, Runtime, Worker } from '@temporalio/worker';
import { createActivities, type ActivityDeps } from '../activities/index.js';
import { channelTaskQueue } from '../domain/task-queues.js';
import { workerWorkflowBundle } from '../temporal/workflow-bundle.js';
import { TRACING_OFF, type Tracing } from '../telemetry/tracing.js';
import { permanentFailures } from './permanent-failures.js';

export interface WorkerOptions {
  connection: NativeConnection;
  namespace: string;
  taskQueue: string;
  deps: ActivityDeps;
  /**
   * Sends per second the server hands out on each channel's task queue, across all workers: what the
   * SMTP relay and Twilio accept. Unset: no limit.
   */
  sendRates?: { email?: number; sms?: number; wecom?: number };
  /** How much the main worker holds and runs at once; the SDK's defaults when unset. */
  limits?: WorkerLimits;
  /** Spans for every workflow and activity (telemetry/tracing.ts). @default TRACING_OFF */
  tracing?: Tracing;
}

/** The knobs that bound the worker's memory and concurrency (config: TIDEWAY_WORKER_*). */
export interface WorkerLimits {
  maxCachedWorkflows: number;
  maxConcurrentWorkflowTaskExecutions: number;
  /** Regular and local activities alike. */
  maxConcurrentActivities: number;
}

/** Tideway's workers in one process: the workflows and most activities, and one per send channel. */
export interface TidewayWorkers {
  /** Resolves once every worker has stopped (after `shutdown()` or SIGINT/SIGTERM). */
  run(): Promise<void>;
  shutdown(): void;
}

/**
 * The journey interpreter and every activity on `taskQueue`; email, SMS and WeCom sends on their own task
 * queues, each with the server-side rate limit of its provider.
 */
export async function createWorkers({ connection, namespace, taskQueue, deps, sendRates = {}, limits, tracing = TRACING_OFF }: WorkerOptions): Promise<TidewayWorkers> {
  const activities = createActivities(deps);
  // The span outermost, so it also covers how a permanent failure is reported.
  const interceptors = { activity: [...tracing.activityInterceptors, permanentFailures] };
  const workflowBundle = await workerWorkflowBundle(Runtime.instance().logger);
  const workers = await Promise.all([
    Worker.create({
      connection,
      namespace,
      taskQueue,
      workflowBundle,
      sinks: tracing.workflowSinks,
      activities,
      interceptors,
      ...(limits
        ? {
            maxCachedWorkflows: limits.maxCachedWorkflows,
            maxConcurrentWorkflowTaskExecutions: limits.maxConcurrentWorkflowTaskExecutions,
            maxConcurrentActivityTaskExecutions: limits.maxConcurrentActivities,
            maxConcurrentLocalActivityExecutions: limits.maxConcurrentActivities,
          }
        : {}),
    }),
    Worker.create({
      connection,
      namespace,
      taskQueue: channelTaskQueue(taskQueue, 'email'),
      activities: { sendEmail: activities.sendEmail },
      interceptors,
      ...(sendRates.email ? { maxTaskQueueActivitiesPerSecond: sendRates.email } : {}),
    }),
    Worker.create({
      connection,
      namespace,
      taskQueue: channelTaskQueue(taskQueue, 'sms'),
      activities: { sendSms: activities.sendSms },
      interceptors,
      ...(sendRates.sms ? { maxTaskQueueActivitiesPerSecond: sendRates.sms } : {}),
    }),
    Worker.create({
      connection,
      namespace,
      taskQueue: channelTaskQueue(taskQueue, 'wecom'),
      activities: { sendWecom: activities.sendWecom },
      interceptors,
      ...(sendRates.wecom ? { maxTaskQueueActivitiesPerSecond: sendRates.wecom } : {}),
    }),
  ]);
  return {
    run: async () => {
      await Promise.all(workers.map((worker) => worker.run()));
    },
    shutdown: () => {
      for (const worker of workers) if (worker.getState() === 'RUNNING') worker.shutdown();
    },
  };
}
