import type { History } from '@temporalio/common/lib/proto-utils.js';
import { TestWorkflowEnvironment } from '@temporalio/testing';
import { bundleWorkflowCode, Worker, type WorkflowBundleWithSourceMap } from '@temporalio/worker';
import { fileURLToPath } from 'node:url';
import type { Duration } from '../domain/durations.js';
import type { Journey } from '../domain/journey.js';
import type { journeyRun } from '../workflows/journey-run.js';
import { approvalDecidedSignal, customerEventSignal, type RunOutcome, type RunState, runStateQuery, taskCompletedSignal } from '../workflows/messages.js';
import type { SendPolicy } from '../domain/send-policy.js';
import { channelTaskQueue } from '../domain/task-queues.js';
import { INDEXED_VALUE_TYPES } from '../stack/search-attributes.js';
import { type JourneyRecord, recordingActivities, type TestCustomer } from './recording-activities.js';

/** What a test does to a running journey: let time pass, send events, complete tasks, decide approvals. */
export interface JourneyDriver {
  /** Skips this much time on the test server (timers fire, nothing really waits). */
  pass(duration: Duration): Promise<void>;
  event(type: string, properties?: Record<string, unknown>): Promise<void>;
  completeTask(stepKey: string, outcome?: string): Promise<void>;
  decide(stepKey: string, decision: 'approved' | 'rejected'): Promise<void>;
  state(): Promise<RunState>;
}

export interface JourneyResult extends JourneyRecord {
  outcome: RunOutcome;
  reason: string | null;
  completedSteps: string[];
  arms: Record<string, string>;
  /** How many events the run's history holds: what Temporal stores for it. */
  historyLength: number;
  /** The run's whole event history, e.g. to record for replay tests. */
  history: History;
}

/** One time-skipping test server per suite; each `run` is a journey for a made-up customer. */
export interface JourneyKit {
  /** `options.sendPolicy`: quiet hours and caps judged on the test server's clock (none by default). */
  run(journey: Journey, customer: TestCustomer, scenario?: (driver: JourneyDriver) => Promise<void>, options?: { sendPolicy?: SendPolicy }): Promise<JourneyResult>;
  env: TestWorkflowEnvironment;
  /** Tideway's workflows, bundled once for every worker of the suite. */
  workflowBundle: WorkflowBundleWithSourceMap;
  teardown(): Promise<void>;
}

/**
 * Starts the Java time-skipping test server at `testServerPath` (the stack installs it) and bundles
 * the workflows once. Weeks of a journey then run in seconds.
 */
export async function createJourneyKit(testServerPath: string): Promise<JourneyKit> {
  const [env, workflowBundle] = await Promise.all([
    TestWorkflowEnvironment.createTimeSkipping({ server: { executable: { type: 'existing-path', path: testServerPath } } }),
    bundleWorkflowCode({ workflowsPath: fileURLToPath(new URL('../workflows/index.ts', import.meta.url)), logger: quietLogger }) as Promise<WorkflowBundleWithSourceMap>,
  ]);
  await env.connection.operatorService.addSearchAttributes({
    namespace: env.namespace ?? 'default',
    searchAttributes: INDEXED_VALUE_TYPES,
  });
  let runs = 0;

  async function run(journey: Journey, customer: TestCustomer, scenario?: (driver: JourneyDriver) => Promise<void>, options: { sendPolicy?: SendPolicy } = {}): Promise<JourneyResult> {
    const { activities, record } = recordingActivities(customer, { sendPolicy: options.sendPolicy, now: () => env.currentTimeMs() });
    const n = ++runs;
    const taskQueue = `journey-test-${n}`;
    const worker = await Worker.create({ connection: env.nativeConnection, taskQueue, workflowBundle, activities });
    // Sends run on each channel's own task queue, as in production.
    const senders = await Promise.all([
      Worker.create({ connection: env.nativeConnection, taskQueue: channelTaskQueue(taskQueue, 'email'), activities: { sendEmail: activities.sendEmail } }),
      Worker.create({ connection: env.nativeConnection, taskQueue: channelTaskQueue(taskQueue, 'sms'), activities: { sendSms: activities.sendSms } }),
    ]);
    const sending = Promise.all(senders.map((sender) => sender.run()));
    try {
      return await worker.runUntil(async () => {
      const handle = await env.client.workflow.start<typeof journeyRun>('journeyRun', {
        workflowId: `journey-${journey.id}-${customer.id}-${n}`,
        taskQueue,
        args: [{ journey, customerId: customer.id, trigger: 'test' }],
      });
      const runId = handle.firstExecutionRunId;
      let eventCount = 0;
      const driver: JourneyDriver = {
        pass: (duration) => env.sleep(duration),
        event: (type, properties = {}) =>
          handle.signal(customerEventSignal, {
            eventId: `test-event-${++eventCount}`,
            customerId: customer.id,
            type,
            occurredAt: new Date().toISOString(),
            properties,
          }),
        completeTask: (stepKey, outcome = 'done') => handle.signal(taskCompletedSignal, { taskKey: `${runId}:${stepKey}`, outcome }),
        decide: (stepKey, decision) => handle.signal(approvalDecidedSignal, { approvalKey: `${runId}:${stepKey}`, decision }),
        state: () => handle.query(runStateQuery),
      };
      await scenario?.(driver);
      const outcome = await handle.result();
      const state = await handle.query(runStateQuery);
      const [{ historyLength }, history] = await Promise.all([handle.describe(), handle.fetchHistory()]);
      return { ...record, outcome, reason: state.reason, completedSteps: state.completedSteps, arms: state.arms, historyLength, history };
      });
    } finally {
      for (const sender of senders) sender.shutdown();
      await sending;
    }
  }

  return { run, env, workflowBundle, teardown: () => env.teardown() };
}

const quietLogger = {
  log() {},
  trace() {},
  debug() {},
  info() {},
  warn(message: string) {
    console.warn(message);
  },
  error(message: string) {
    console.error(message);
  },
};
