import { Worker } from '@temporalio/worker';
import type { History } from '@temporalio/common/lib/proto-utils.js';
import type { JourneyKit } from '../../testkit/journey-kit.js';
import { recordingActivities } from '../../testkit/recording-activities.js';
import type { customerLifecycle } from '../../workflows/customer-lifecycle.js';
import { customerEventSignal } from '../../workflows/messages.js';

export const LIFECYCLE_SCENARIO = 'lifecycle-register-silence-return';

/** A customer registers, orders, goes quiet for 45 days and comes back: the lifecycle history to keep. */
export async function recordLifecycle(kit: JourneyKit): Promise<History> {
  const { activities } = recordingActivities({ id: 'replay-lc', stage: null });
  const taskQueue = 'replay-lifecycle';
  const worker = await Worker.create({ connection: kit.env.nativeConnection, taskQueue, workflowBundle: kit.workflowBundle, activities });
  return worker.runUntil(async () => {
    const handle = await kit.env.client.workflow.start<typeof customerLifecycle>('customerLifecycle', {
      workflowId: 'customer-replay-lc',
      taskQueue,
      args: [{ customerId: 'replay-lc' }],
    });
    const send = async (eventId: string, type: string, properties: Record<string, unknown> = {}) => {
      const occurredAt = new Date(await kit.env.currentTimeMs()).toISOString();
      await handle.signal(customerEventSignal, { eventId, customerId: 'replay-lc', type, occurredAt, properties });
      await kit.env.sleep('1 second');
    };
    await send('e1', 'customer.registered');
    await send('e2', 'order.placed', { orderTotal: 42 });
    await kit.env.sleep('46 days');
    await send('e3', 'customer.interacted', { text: 'thanks, back again' });
    await handle.terminate('recorded');
    return handle.fetchHistory();
  });
}
