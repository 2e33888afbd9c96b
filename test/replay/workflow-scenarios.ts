import { Worker } from '@temporalio/worker';
import type { History } from '@temporalio/common/lib/proto-utils.js';
import type { Activities } from '../../activities/index.js';
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
  const worker = await Worker.create({ connection: kit.env.nativeConnection, taskQueue, workflowBundle: kit.workflowBundle, activities: { ...activities, ...overrides } });
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

export const workflowScenarios: WorkflowScenario[] = [
  {
    // A customer registers, orders, goes quiet for 45 days and comes back.
    name: 'lifecycle-register-silence-return',
    record: (kit) =>
      lifecycleRun(kit, 'lc', {}, async (send) => {
        await send('e1', 'customer.registered');
        await send('e2', 'order.placed', { orderTotal: 42 });
        await kit.env.sleep('46 days');
        await send('e3', 'customer.interacted', { text: 'thanks, back again' });
      }),
  },
  {
    // The health score is mirrored to HealthScore; a silent move waiting for approval is not retried until the next event.
    name: 'lifecycle-health-and-held-silence',
    record: (kit) => {
      let score = 50;
      return lifecycleRun(
        kit,
        'lc-held',
        {
          async applyCustomerEvent({ event, facts }) {
            score += 5;
            return { facts: { ...facts, lastInteractionAt: event.occurredAt }, stage: 'high_value', healthScore: score };
          },
          async applySilence({ facts }) {
            return { facts, stage: 'high_value', held: true };
          },
        },
        async (send) => {
          await send('h1', 'order.placed', { orderTotal: 5_000 });
          await send('h2', 'survey.completed', { score: 5 });
          await kit.env.sleep('50 days');
          await send('h3', 'customer.interacted', { text: 'hello' });
        },
      );
    },
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
