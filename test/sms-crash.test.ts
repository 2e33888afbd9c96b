import type { ChildProcess } from 'node:child_process';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { workerPolls } from '../stack/worker-ready.js';
import { MessageModel } from '../store/models/message.js';
import { JourneyRunner, journeyWorkflowId } from '../temporal/journey-runner.js';
import { type Harness, startHarness } from './support/api-harness.js';
import { eventually } from './support/eventually.js';
import { type FakeTwilio, startFakeTwilio } from './support/fake-twilio.js';
import { killHard, startWorkerProcess } from './support/worker-process.js';
import { sendThenTag } from './support/send-journeys.js';

const unique = Date.now().toString(36);
let twilio: FakeTwilio;
let api: Harness;
/** The crashing worker's own task queue: the harness's worker (API and store only here) never sees these runs. */
const taskQueue = `crash-${unique}`;
const workers: ChildProcess[] = [];

function startWorker(name: string): ChildProcess {
  const child = startWorkerProcess(name, taskQueue, {
    TWILIO_ACCOUNT_SID: twilio.accountSid,
    TWILIO_AUTH_TOKEN: twilio.authToken,
    TWILIO_FROM: '+15005550006',
    TWILIO_API_BASE_URL: twilio.baseUrl,
    TIDEWAY_PUBLIC_URL: 'http://127.0.0.1:9',
  });
  workers.push(child);
  return child;
}

beforeAll(async () => {
  twilio = await startFakeTwilio();
  api = await startHarness(`crash-api-${unique}`);
});
afterAll(async () => {
  for (const child of workers) killHard(child);
  await twilio?.close();
  await api?.close();
});

const notice = sendThenTag('crash-notice', { channel: 'sms', template: 'vip-sms', purpose: 'transactional' });

describe('the send ledger when the worker dies during the provider call', () => {
  it('Twilio took the message, the worker was killed before it heard back: after the retry exactly one SMS exists', async () => {
    const customerId = `crash-${unique}`;
    await api.call('PUT', `/v1/customers/${customerId}`, { name: 'Ada', phone: '+86 138 0013 8301', locale: 'en' });
    const first = startWorker('first');
    await eventually(() => workerPolls(inject('temporalAddress'), 'default', taskQueue), Boolean, { what: 'the first worker polling', timeoutMs: 60_000, intervalMs: 500 });

    const hold = twilio.holdAnswers();
    await new JourneyRunner(api.client, taskQueue).start(notice, customerId, 'test');
    await eventually(async () => twilio.messages.filter((m) => m.to === '+8613800138301'), (m) => m.length === 1, { what: 'Twilio taking the message', timeoutMs: 30_000 });
    killHard(first);
    hold.release();
    const row = await MessageModel.findOne({ customerId }).lean();
    expect(row).toMatchObject({ status: 'pending', attemptedAt: expect.any(Date) });

    startWorker('second');
    // The attempt the first worker held times out (30 s), and the second worker's retry asks Twilio first.
    const handle = api.client.workflow.getHandle(journeyWorkflowId(notice.id, customerId));
    expect(await handle.result()).toBe('completed');
    const sent = twilio.messages.filter((m) => m.to === '+8613800138301');
    expect(sent).toHaveLength(1);
    expect(await MessageModel.findOne({ customerId }).lean()).toMatchObject({ status: 'sent', providerMessageId: sent[0]!.sid });
    const started = (await handle.fetchHistory()).events!.filter((e) => e.activityTaskStartedEventAttributes);
    expect(started.map((e) => e.activityTaskStartedEventAttributes!.attempt)).toContain(2);
  }, 180_000);
});
