import type { ChildProcess } from 'node:child_process';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { workerPolls } from '../stack/worker-ready.js';
import { MessageModel } from '../store/models/message.js';
import { JourneyRunner, journeyWorkflowId } from '../temporal/journey-runner.js';
import { type Harness, startHarness } from './support/api-harness.js';
import { eventually } from './support/eventually.js';
import { type FakeWecom, startFakeWecom } from './support/fake-wecom.js';
import { killHard, startWorkerProcess } from './support/worker-process.js';
import { sendThenTag } from './support/send-journeys.js';

const unique = Date.now().toString(36);
let wecom: FakeWecom;
let api: Harness;
/** The crashing worker's own task queue: the harness's worker (API and store only here) never sees these runs. */
const taskQueue = `wecom-crash-${unique}`;
const workers: ChildProcess[] = [];

/** worker/main.ts configured from the environment, as in production. */
function startWorker(name: string): ChildProcess {
  const child = startWorkerProcess(name, taskQueue, { WECOM_CORP_ID: wecom.corpId, WECOM_SECRET: wecom.secret, WECOM_SENDER: 'service-desk', WECOM_API_URL: wecom.baseUrl });
  workers.push(child);
  return child;
}

beforeAll(async () => {
  wecom = await startFakeWecom();
  api = await startHarness(`wecom-crash-api-${unique}`);
});
afterAll(async () => {
  for (const child of workers) killHard(child);
  await api?.close();
  await wecom?.close();
});

const notice = sendThenTag('wecom-crash-notice', { channel: 'wecom', template: 'vip-sms', purpose: 'transactional' });

describe('the send ledger when the worker dies during the WeCom call', () => {
  it('WeCom took the message, the worker was killed before it heard back: the retry does not send it again', async () => {
    const customerId = `wecom-crash-${unique}`;
    const externalUserId = `wmCrash${unique}`;
    await api.call('PUT', `/v1/customers/${customerId}`, { name: 'Ada', locale: 'en', wecom: { externalUserId } });
    const first = startWorker('wecom-first');
    // Its send workers start with the workflow worker (worker/create-worker.ts), which is what can be asked.
    await eventually(() => workerPolls(inject('temporalAddress'), 'default', taskQueue), Boolean, { what: 'the first worker polling', timeoutMs: 60_000, intervalMs: 500 });

    const hold = wecom.holdAnswers();
    await new JourneyRunner(api.client, taskQueue).start(notice, customerId, 'test');
    const sent = () => wecom.messages.filter((m) => m.externalUserId === externalUserId);
    await eventually(async () => sent(), (m) => m.length === 1, { what: 'WeCom taking the message', timeoutMs: 30_000 });
    killHard(first);
    hold.release();
    expect(await MessageModel.findOne({ customerId }).lean()).toMatchObject({ status: 'pending', attemptedAt: expect.any(Date) });

    startWorker('wecom-second');
    // The attempt the first worker held times out (30 s); the second worker's retry finds it noted.
    const handle = api.client.workflow.getHandle(journeyWorkflowId(notice.id, customerId));
    expect(await handle.result()).toBe('completed');
    expect(sent()).toEqual([expect.objectContaining({ sender: 'service-desk', content: 'Tideway: welcome to VIP, Ada! Your dedicated contact will call you soon.' })]);
    const row = await MessageModel.findOne({ customerId }).lean();
    expect(row).toMatchObject({ status: 'unconfirmed', to: externalUserId });
    expect(row!.reason).toMatch(/was cut short and may have reached WeCom: not sent again, so it cannot arrive twice$/);
  }, 180_000);
});
