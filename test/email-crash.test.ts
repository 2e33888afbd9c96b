import type { ChildProcess } from 'node:child_process';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { workerPolls } from '../stack/worker-ready.js';
import { MessageModel } from '../store/models/message.js';
import { JourneyRunner, journeyWorkflowId } from '../temporal/journey-runner.js';
import { type Harness, startHarness } from './support/api-harness.js';
import { eventually } from './support/eventually.js';
import { type HoldingSmtp, startHoldingSmtp } from './support/holding-smtp.js';
import { killHard, startWorkerProcess } from './support/worker-process.js';
import { sendThenTag } from './support/send-journeys.js';

const unique = Date.now().toString(36);
const taskQueue = `email-crash-${unique}`;
let smtp: HoldingSmtp;
let api: Harness;
const workers: ChildProcess[] = [];

function startWorker(name: string): ChildProcess {
  const child = startWorkerProcess(name, taskQueue, { SMTP_URL: smtp.url });
  workers.push(child);
  return child;
}

beforeAll(async () => {
  smtp = await startHoldingSmtp();
  api = await startHarness(`email-crash-api-${unique}`);
});
afterAll(async () => {
  for (const child of workers) killHard(child);
  await smtp?.close();
  await api?.close();
});

const receipt = sendThenTag('email-crash-receipt', { channel: 'email', template: 'welcome', purpose: 'transactional' });

const sentTo = (address: string) => smtp.messages.filter((raw) => raw.includes(`To: ${address}`));

describe('email when the worker dies during the SMTP exchange', () => {
  it('the relay took the message and the worker died before its answer: the retry does not send it again', async () => {
    const customerId = `email-crash-${unique}`;
    const email = `${customerId}@example.com`;
    await api.call('PUT', `/v1/customers/${customerId}`, { email, name: 'Ada', locale: 'en' });
    const first = startWorker('first');
    await eventually(() => workerPolls(inject('temporalAddress'), 'default', taskQueue), Boolean, { what: 'the first worker polling', timeoutMs: 60_000, intervalMs: 500 });

    const hold = smtp.holdAnswers();
    await new JourneyRunner(api.client, taskQueue).start(receipt, customerId, 'test');
    await eventually(async () => sentTo(email), (m) => m.length === 1, { what: 'the relay taking the message', timeoutMs: 30_000 });
    killHard(first);
    hold.release();

    startWorker('second');
    // The held attempt times out (30 s); the retry finds it was cut short and does not send again.
    const handle = api.client.workflow.getHandle(journeyWorkflowId(receipt.id, customerId));
    expect(await handle.result()).toBe('completed');
    expect(sentTo(email)).toHaveLength(1);
    const row = await MessageModel.findOne({ customerId }).lean();
    expect(row).toMatchObject({ status: 'unconfirmed', to: email });
    expect(row!.reason).toMatch(/was cut short and may have reached the relay: not sent again, so it cannot arrive twice$/);
  }, 180_000);
});
