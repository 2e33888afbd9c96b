import { ApplicationFailure } from '@temporalio/common';
import { Worker } from '@temporalio/worker';
import type { History } from '@temporalio/common/lib/proto-utils.js';
import { loadHealthModel } from '../../config/health-model.js';
import { MANUAL_STAGE_EVENT_TYPE } from '../../domain/events.js';
import { STAGE_RULES } from '../../domain/stage-rules.js';
import type { Activities } from '../../activities/index.js';
import { DROP_WORKFLOW_SPANS } from '../../telemetry/workflow-spans.js';
import type { JourneyKit } from '../../testkit/journey-kit.js';
import { recordingActivities } from '../../testkit/recording-activities.js';
import type { customerLifecycle } from '../../workflows/customer-lifecycle.js';
import { customerEventSignal } from '../../workflows/messages.js';
import type { stageChangePush } from '../../workflows/stage-change-push.js';
import type { stageRulesRollback } from '../../workflows/stage-rules-rollback.js';

/** A recorded run of a workflow other than the journey interpreter (those are in scenarios.ts). */
export interface WorkflowScenario {
  name: string;
  record(kit: JourneyKit): Promise<History>;
}

/** Runs `drive` against a worker with the in-memory activities, `overrides` replacing some of them. */
async function withWorker<T>(kit: JourneyKit, name: string, overrides: Partial<Activities>, drive: (taskQueue: string) => Promise<T>): Promise<T> {
  const { activities } = recordingActivities({ id: `replay-${name}`, stage: null });
  const taskQueue = `replay-${name}`;
  const worker = await Worker.create({ connection: kit.env.nativeConnection, taskQueue, workflowBundle: kit.workflowBundle, sinks: DROP_WORKFLOW_SPANS, activities: { ...activities, ...overrides } });
  return worker.runUntil(() => drive(taskQueue));
}

/** Drives a lifecycle: events with the test server's clock, and time passing. */
async function lifecycleRun(kit: JourneyKit, name: string, overrides: Partial<Activities>, script: (send: (eventId: string, type: string, properties?: Record<string, unknown>) => Promise<void>) => Promise<void>) {
  return withWorker(kit, name, overrides, async (taskQueue) => {
    const customerId = `replay-${name}`;
    const handle = await kit.env.client.workflow.start<typeof customerLifecycle>('customerLifecycle', { workflowId: `customer-${customerId}`, taskQueue, args: [{ customerId }] });
    await script(async (eventId, type, properties = {}) => {
      const occurredAt = new Date(await kit.env.currentTimeMs()).toISOString();
      await handle.signal(customerEventSignal, { eventId, customerId, type, occurredAt, properties });
      await kit.env.sleep('1 second');
    });
    await handle.terminate('recorded');
    return handle.fetchHistory();
  });
}

/** Histories recorded with the first lifecycle: they replay its code, which no new run takes, so they cannot be recorded again. */
const firstLifecycle = (name: string): WorkflowScenario => ({
  name,
  record: () => Promise.reject(new Error(`${name} was recorded with the first lifecycle; keep its history, it cannot be recorded again`)),
});

export const workflowScenarios: WorkflowScenario[] = [
  firstLifecycle('lifecycle-register-silence-return'),
  firstLifecycle('lifecycle-health-and-held-silence'),
  {
    // The one writer of the stage: registers, orders, goes quiet for 45 days, comes back, and a journey asks for a stage.
    name: 'lifecycle-v2-register-silence-return',
    record: (kit) =>
      lifecycleRun(kit, 'lc2', { startJourneys: async () => ({ started: ['journey:welcome:replay-lc2'], running: [], refused: [] }) }, async (send) => {
        await send('e1', 'customer.registered');
        await send('e2', 'order.placed', { orderTotal: 42 });
        await kit.env.sleep('46 days');
        await send('e3', 'customer.interacted', { text: 'thanks, back again' });
        await send('e4', MANUAL_STAGE_EVENT_TYPE, { stage: 'nurturing', reason: 'survey done', source: 'journey:welcome' });
      }),
  },
  {
    // A first run reads the stored customer with a regular activity, then applies its first events.
    name: 'lifecycle-v2-reads-stored-customer-first',
    record: (kit) =>
      lifecycleRun(kit, 'lc2-stored', {}, async (send) => {
        await send('s1', 'customer.registered');
        await send('s2', 'order.placed', { orderTotal: 30 });
      }),
  },
  {
    // The silence timer kept across events: an interaction 30 days in lets it fire early and be armed again; silent at 75 days, then back.
    name: 'lifecycle-v2-steady-silence-timer',
    record: (kit) =>
      lifecycleRun(kit, 'lc2-timer', {}, async (send) => {
        await send('t1', 'customer.registered');
        await kit.env.sleep('30 days');
        await send('t2', 'customer.interacted', { channel: 'app' });
        await send('t3', 'newsletter.opened');
        await kit.env.sleep('46 days');
        await send('t4', 'customer.interacted', { text: 'back again' });
      }),
  },
  {
    // Parked, and the customer goes on: an order past what the total can hold, then a complaint whose review the store refuses for good.
    name: 'lifecycle-v2-parked-events',
    record: (kit) =>
      lifecycleRun(
        kit,
        'lc2-parked',
        {
          async openUrgentReview() {
            throw ApplicationFailure.nonRetryable('Task validation failed', 'StoreRefusedValue');
          },
        },
        async (send) => {
          await send('p1', 'order.placed', { orderTotal: 5e15 });
          await send('p2', 'order.placed', { orderTotal: 5e15 });
          await send('p3', 'complaint.filed', { text: 'broken again' });
          await send('p4', 'order.placed', { orderTotal: 20 });
        },
      ),
  },
  {
    // A silent move waiting for approval is not asked again until the next event; a complaint opens an urgent review.
    name: 'lifecycle-v2-held-silence-and-complaint',
    record: (kit) =>
      lifecycleRun(
        kit,
        'lc2-held',
        {
          async lifecycleContext() {
            return { rules: { ...STAGE_RULES, sensitive: [{ from: 'high_value', to: 'silent' }] }, healthModel: loadHealthModel(), entryStages: [], entryEvents: [], crmPush: true, stored: { stage: 'high_value', stageSince: null, orders: 5, totalValue: 20_000, lastInteractionAt: null } };
          },
        },
        async (send) => {
          await send('h1', 'order.placed', { orderTotal: 5_000 });
          await send('h2', 'complaint.filed', { text: 'broken again' });
          await kit.env.sleep('50 days');
          await send('h3', 'customer.interacted', { text: 'hello' });
        },
      ),
  },
  {
    name: 'stage-change-push',
    record: (kit) =>
      withWorker(kit, 'push', {}, async (taskQueue) => {
        const notice = { customerId: 'replay-push', seq: 1, from: null, to: 'new', reason: 'registered', source: 'event:customer.registered', ruleVersion: 'stage-rules@1', at: '2026-01-01T00:00:00.000Z' };
        const handle = await kit.env.client.workflow.start<typeof stageChangePush>('stageChangePush', { workflowId: 'stage-push-replay-1', taskQueue, args: [notice] });
        await handle.result();
        return handle.fetchHistory();
      }),
  },
  {
    // Three pages: two with customers, then none left.
    name: 'stage-rules-rollback',
    record: (kit) => {
      const pages = [
        { lastId: 'c-100', examined: 100, moved: 7 },
        { lastId: 'c-200', examined: 100, moved: 3 },
        { lastId: null, examined: 0, moved: 0 },
      ];
      return withWorker(kit, 'rollback', { reevaluateStages: async () => pages.shift()! }, async (taskQueue) => {
        const handle = await kit.env.client.workflow.start<typeof stageRulesRollback>('stageRulesRollback', { workflowId: 'stage-rules-rollback-replay', taskQueue, args: [{ rolledBack: 'stage-rules@2' }] });
        await handle.result();
        return handle.fetchHistory();
      });
    },
  },
];
