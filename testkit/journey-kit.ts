import type { History } from '@temporalio/common/lib/proto-utils.js';
import { TestWorkflowEnvironment } from '@temporalio/testing';
import { Worker, type WorkflowBundleWithSourceMap } from '@temporalio/worker';
import { bundleWorkflows } from '../temporal/workflow-bundle.js';
import { DROP_WORKFLOW_SPANS } from '../telemetry/workflow-spans.js';
import { permanentFailures } from '../worker/permanent-failures.js';
import type { Activities } from '../activities/index.js';
import type { Duration } from '../domain/durations.js';
import { allSteps, type Journey } from '../domain/journey.js';
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
  /** A customer event; `eventId` (default: a new one) lets a test deliver the same event twice. */
  event(type: string, properties?: Record<string, unknown>, eventId?: string): Promise<void>;
  completeTask(stepKey: string, outcome?: string): Promise<void>;
  decide(stepKey: string, decision: 'approved' | 'rejected'): Promise<void>;
  state(): Promise<RunState>;
  /** The id of the run in progress: a new one each time the journey run continues as new. */
  runId(): Promise<string>;
}

export interface JourneyResult extends JourneyRecord {
  outcome: RunOutcome;
  reason: string | null;
  completedSteps: string[];
  arms: Record<string, string>;
  /** How many events the run's history holds: what Temporal stores for it. */
  historyLength: number;
  /** The last run's whole event history, e.g. to record for replay tests. */
  history: History;
  /** Every run's history, first to last: more than one when the journey run continued as new. */
  histories: History[];
}

export interface RunOptions {
  /** Quiet hours and caps judged on the test server's clock (none by default). */
  sendPolicy?: SendPolicy;
  /** Activities that behave otherwise than the recording ones, e.g. a store that refuses a step's data. */
  activities?: Partial<Activities>;
}

/** One time-skipping test server per suite; each `run` is a journey for a made-up customer. */
export interface JourneyKit {
  run(journey: Journey, customer: TestCustomer, scenario?: (driver: JourneyDriver) => Promise<void>, options?: RunOptions): Promise<JourneyResult>;
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
    bundleWorkflows(quietLogger),
  ]);
  await env.connection.operatorService.addSearchAttributes({
    namespace: env.namespace ?? 'default',
    searchAttributes: INDEXED_VALUE_TYPES,
  });
  let runs = 0;

  async function run(journey: Journey, customer: TestCustomer, scenario?: (driver: JourneyDriver) => Promise<void>, options: RunOptions = {}): Promise<JourneyResult> {
    const { activities: recording, record } = recordingActivities(customer, { sendPolicy: options.sendPolicy, now: () => env.currentTimeMs() });
    const activities = { ...recording, ...options.activities };
    const n = ++runs;
    const taskQueue = `journey-test-${n}`;
    // The worker's own failure classification: a step the store refuses for good fails for good here too.
    const interceptors = { activity: [permanentFailures] };
    const worker = await Worker.create({ connection: env.nativeConnection, taskQueue, workflowBundle, sinks: DROP_WORKFLOW_SPANS, activities, interceptors });
    // Sends run on each channel's own task queue, as in production.
    const senders = await Promise.all([
      Worker.create({ connection: env.nativeConnection, taskQueue: channelTaskQueue(taskQueue, 'email'), activities: { sendEmail: activities.sendEmail } }),
      Worker.create({ connection: env.nativeConnection, taskQueue: channelTaskQueue(taskQueue, 'sms'), activities: { sendSms: activities.sendSms } }),
      // Only for journeys that send on WeCom: one worker fewer to start for every other test.
      ...(allSteps(journey).some((step) => step.kind === 'send' && step.channel === 'wecom')
        ? [Worker.create({ connection: env.nativeConnection, taskQueue: channelTaskQueue(taskQueue, 'wecom'), activities: { sendWecom: activities.sendWecom } })]
        : []),
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
      let latestRunId = runId;
      const driver: JourneyDriver = {
        pass: (duration) => env.sleep(duration),
        event: (type, properties = {}, eventId = `test-event-${++eventCount}`) =>
          handle.signal(customerEventSignal, {
            eventId,
            customerId: customer.id,
            type,
            occurredAt: new Date().toISOString(),
            properties,
          }),
        completeTask: (stepKey, outcome = 'done') => handle.signal(taskCompletedSignal, { taskKey: `${runId}:${stepKey}`, outcome }),
        decide: (stepKey, decision) => handle.signal(approvalDecidedSignal, { approvalKey: `${runId}:${stepKey}`, decision }),
        state: () => handle.query(runStateQuery),
        runId: async () => (latestRunId = await currentRunId(env, handle.workflowId, latestRunId)),
      };
      await scenario?.(driver);
      const outcome = await handle.result();
      const state = await handle.query(runStateQuery);
      const [{ historyLength }, histories] = await Promise.all([handle.describe(), runHistories(env, handle.workflowId, runId)]);
      return { ...record, outcome, reason: state.reason, completedSteps: state.completedSteps, arms: state.arms, historyLength, history: histories.at(-1)!, histories };
      });
    } finally {
      for (const sender of senders) sender.shutdown();
      await sending;
    }
  }

  return { run, env, workflowBundle, teardown: () => env.teardown() };
}

/** The run in progress, found from a run of the same chain by following continue-as-new. */
async function currentRunId(env: TestWorkflowEnvironment, workflowId: string, knownRunId: string): Promise<string> {
  let runId = knownRunId;
  while ((await env.client.workflow.getHandle(workflowId, runId).describe()).status.name === 'CONTINUED_AS_NEW') {
    const history = await env.client.workflow.getHandle(workflowId, runId).fetchHistory();
    runId = history.events!.at(-1)!.workflowExecutionContinuedAsNewEventAttributes!.newExecutionRunId!;
  }
  return runId;
}

/** The history of each run of a workflow, from its first through every continue-as-new. */
async function runHistories(env: TestWorkflowEnvironment, workflowId: string, firstRunId: string): Promise<History[]> {
  const histories: History[] = [];
  for (let runId: string | null | undefined = firstRunId; runId; ) {
    const history = await env.client.workflow.getHandle(workflowId, runId).fetchHistory();
    histories.push(history);
    runId = history.events?.at(-1)?.workflowExecutionContinuedAsNewEventAttributes?.newExecutionRunId;
  }
  return histories;
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
