import { type ChildProcess, spawn } from 'node:child_process';
import { mkdtempSync, openSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { defineJourney } from '../domain/journey.js';
import { workerPolls } from '../stack/worker-ready.js';
import { MessageModel } from '../store/models/message.js';
import { JourneyRunner, journeyWorkflowId } from '../temporal/journey-runner.js';
import { type Harness, startHarness } from './support/api-harness.js';
import { eventually } from './support/eventually.js';
import { type FakeTwilio, startFakeTwilio } from './support/fake-twilio.js';

const unique = Date.now().toString(36);
/** The crashing worker's own task queue: the harness's worker (API and store only here) never sees these runs. */
const taskQueue = `crash-${unique}`;
const root = fileURLToPath(new URL('..', import.meta.url));
const logs = mkdtempSync(join(tmpdir(), 'tideway-crash-'));
let twilio: FakeTwilio;
let api: Harness;
const workers: ChildProcess[] = [];

/** `npm run worker` as its own process (and process group), configured like production but for Twilio's address. */
function startWorkerProcess(name: string): ChildProcess {
  const log = openSync(join(logs, `${name}.log`), 'a');
  const child = spawn(join(root, 'node_modules/.bin/tsx'), ['worker/main.ts'], {
    cwd: root,
    detached: true,
    stdio: ['ignore', log, log],
    env: {
      ...process.env,
      TEMPORAL_ADDRESS: inject('temporalAddress'),
      TEMPORAL_TASK_QUEUE: taskQueue,
      MONGODB_URI: inject('mongodbUri'),
      SMTP_URL: inject('smtpUrl'),
      TWILIO_ACCOUNT_SID: twilio.accountSid,
      TWILIO_AUTH_TOKEN: twilio.authToken,
      TWILIO_FROM: '+15005550006',
      TWILIO_API_BASE_URL: twilio.baseUrl,
      TIDEWAY_PUBLIC_URL: 'http://127.0.0.1:9',
    },
  });
  workers.push(child);
  return child;
}

const killHard = (child: ChildProcess) => process.kill(-child.pid!, 'SIGKILL');

beforeAll(async () => {
  twilio = await startFakeTwilio();
  api = await startHarness(`crash-api-${unique}`);
});
afterAll(async () => {
  for (const child of workers) if (child.exitCode === null && child.signalCode === null) killHard(child);
  await twilio?.close();
  await api?.close();
});

const notice = defineJourney({
  id: 'crash-notice',
  name: 'One SMS, then a tag',
  entry: { event: 'test.crash' },
  reentry: 'always',
  steps: [
    { kind: 'send', key: 'notice', channel: 'sms', template: 'vip-sms', purpose: 'transactional' },
    { kind: 'tag', key: 'after-notice', add: ['noticed'] },
  ],
});

describe('the send ledger when the worker dies during the provider call', () => {
  it('Twilio took the message, the worker was killed before it heard back: after the retry exactly one SMS exists', async () => {
    const customerId = `crash-${unique}`;
    await api.call('PUT', `/v1/customers/${customerId}`, { name: 'Ada', phone: '+86 138 0013 8301', locale: 'en' });
    const first = startWorkerProcess('first');
    await eventually(() => workerPolls(inject('temporalAddress'), 'default', taskQueue), Boolean, { what: 'the first worker polling', timeoutMs: 60_000, intervalMs: 500 });

    const hold = twilio.holdAnswers();
    await new JourneyRunner(api.client, taskQueue).start(notice, customerId, 'test');
    await eventually(async () => twilio.messages.filter((m) => m.to === '+8613800138301'), (m) => m.length === 1, { what: 'Twilio taking the message', timeoutMs: 30_000 });
    killHard(first);
    hold.release();
    const row = await MessageModel.findOne({ customerId }).lean();
    expect(row).toMatchObject({ status: 'pending', attemptedAt: expect.any(Date) });

    startWorkerProcess('second');
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
