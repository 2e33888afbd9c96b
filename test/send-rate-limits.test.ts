import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { channelTaskQueue } from '../domain/task-queues.js';
import { JourneyRunner, journeyWorkflowId } from '../temporal/journey-runner.js';
import { type Harness, startHarness } from './support/api-harness.js';
import { sendThenTag } from './support/send-journeys.js';

let api: Harness;
const unique = Date.now().toString(36);
const SMS_PER_SECOND = 2;

beforeAll(async () => {
  api = await startHarness(`e2e-rates-${unique}`, {}, { sms: SMS_PER_SECOND });
});
afterAll(async () => {
  await api?.close();
});

// Transactional, so consent, quiet hours and caps play no part: only the provider's rate limit does.
const notice = sendThenTag('rate-notice', { channel: 'sms', template: 'vip-sms', purpose: 'transactional' });

describe('provider rate limits (real Temporal)', () => {
  it(`hands SMS sends to workers at most ${SMS_PER_SECOND} a second, on the SMS task queue`, async () => {
    const runner = new JourneyRunner(api.client, api.taskQueue);
    const customers = Array.from({ length: 7 }, (_, i) => `rate-${i}-${unique}`);
    for (const id of customers) await api.call('PUT', `/v1/customers/${id}`, { name: 'Ada', phone: `+86 138 0013 ${8200 + customers.indexOf(id)}`, locale: 'en' });
    await Promise.all(customers.map((id) => runner.start(notice, id, 'test')));

    const starts: number[] = [];
    for (const id of customers) {
      const handle = api.client.workflow.getHandle(journeyWorkflowId(notice.id, id));
      expect(await handle.result()).toBe('completed');
      const events = (await handle.fetchHistory()).events ?? [];
      const scheduled = events.find((e) => e.activityTaskScheduledEventAttributes?.activityType?.name === 'sendSms')!;
      expect(scheduled.activityTaskScheduledEventAttributes!.taskQueue!.name).toBe(channelTaskQueue(api.taskQueue, 'sms'));
      const started = events.find((e) => e.activityTaskStartedEventAttributes && String(e.activityTaskStartedEventAttributes.scheduledEventId) === String(scheduled.eventId))!;
      starts.push(Number(started.eventTime!.seconds) * 1000 + Math.floor((started.eventTime!.nanos ?? 0) / 1e6));
    }
    starts.sort((a, b) => a - b);
    // Seven sends at two a second cannot all start within less than about three seconds (the limiter allows a small burst).
    expect(starts.at(-1)! - starts[0]!).toBeGreaterThanOrEqual(2_000);
  });
});
