// Measures SMS per second to the local Twilio-speaking server; logs the rates, asserts no timing.
// Skipped unless asked for: TIDEWAY_MEASURE_SMS=1 npx vitest run test/sms-rate.test.ts
import { MockActivityEnvironment } from '@temporalio/testing';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ActivityDeps } from '../activities/index.js';
import { createSmsActivities, type SmsDeps } from '../activities/sms.js';
import { createTwilioClient } from '../activities/twilio-client.js';
import { sendThroughTwilio, type TwilioSms } from '../activities/twilio-sms.js';
import { defineJourney } from '../domain/journey.js';
import { NO_SEND_LIMITS } from '../domain/send-policy.js';
import { templates } from '../journeys/index.js';
import { CustomerModel } from '../store/models/customer.js';
import { MessageModel } from '../store/models/message.js';
import { JourneyRunner } from '../temporal/journey-runner.js';
import { type Harness, startHarness } from './support/api-harness.js';
import { eventually } from './support/eventually.js';
import { pool, reportRate } from './support/measure.js';
import { type FakeTwilio, startFakeTwilio } from './support/fake-twilio.js';

const COUNT = Number(process.env.TIDEWAY_MEASURE_SMS_COUNT ?? 300);
const unique = Date.now().toString(36);
let twilio: FakeTwilio;
let api: Harness;
let sms: TwilioSms;

const smsOnly = defineJourney({
  id: 'sms-rate',
  name: 'One SMS',
  entry: { event: 'test.sms-rate' },
  reentry: 'always',
  steps: [{ kind: 'send', key: 'sms', channel: 'sms', template: 'vip-sms' }],
});

async function customers(prefix: string): Promise<string[]> {
  const ids = Array.from({ length: COUNT }, (_, i) => `${prefix}-${unique}-${i}`);
  await CustomerModel.insertMany(ids.map((id, i) => ({ _id: id, name: 'Ada', phone: `+861390000${String(i).padStart(4, '0')}`, locale: 'en', consent: { sms: { status: 'opted_in', at: new Date(), source: 'import' } } })));
  return ids;
}

const report = (what: string, started: number) => reportRate('sms-rate', what, COUNT, 'SMS', started);

describe.runIf(process.env.TIDEWAY_MEASURE_SMS)('SMS per second to a local Twilio (measured, not asserted)', () => {
  beforeAll(async () => {
    twilio = await startFakeTwilio();
    // Status callbacks go to a closed port: this measures sending, not the webhook.
    sms = { client: createTwilioClient({ accountSid: twilio.accountSid, authToken: twilio.authToken, apiBaseUrl: twilio.baseUrl }), sender: { from: '+15005550006' }, statusCallback: 'http://127.0.0.1:1/status' };
    const deps: Partial<ActivityDeps> & Pick<SmsDeps, 'twilio'> = { twilio: sms };
    api = await startHarness(`sms-rate-${unique}`, deps);
  });
  afterAll(async () => {
    await twilio?.close();
    await api?.close();
  });

  for (const concurrency of [1, 20]) {
    it(`through the Twilio SDK alone (no store), ${concurrency} at a time`, async () => {
      const before = twilio.messages.length;
      const started = performance.now();
      await pool(Array.from({ length: COUNT }, (_, i) => `+861380000${String(i).padStart(4, '0')}`), concurrency, (to) => sendThroughTwilio(sms, to, 'Tideway: a measured message.'));
      report(`Twilio SDK alone, ${concurrency} at a time`, started);
      expect(twilio.messages.length - before).toBe(COUNT);
    });
  }

  for (const concurrency of [1, 20]) {
    it(`through the sendSms activity alone, ${concurrency} at a time`, async () => {
      const { sendSms } = createSmsActivities({ templates, templateDefaults: { brand: 'Tideway' }, sendPolicy: NO_SEND_LIMITS, twilio: sms });
      const ids = await customers(`direct${concurrency}`);
      const started = performance.now();
      await pool(ids, concurrency, (customerId) =>
        new MockActivityEnvironment().run(sendSms, {
          workflowId: 'w', runId: 'r', journeyId: 'sms-rate', journeyVersion: 'v', customerId, stepKey: 'sms', sendKey: `rate-${customerId}`, template: 'vip-sms',
        }),
      );
      report(`sendSms activity, ${concurrency} at a time`, started);
      expect(await MessageModel.countDocuments({ sendKey: { $regex: `^rate-direct${concurrency}-${unique}` }, status: 'sent' })).toBe(COUNT);
    });
  }

  it('through journey runs on Temporal (one SMS step each, the worker at its defaults)', async () => {
    const ids = await customers('journey');
    const runner = new JourneyRunner(api.client, api.taskQueue);
    const started = performance.now();
    await pool(ids, 20, (customerId) => runner.start(smsOnly, customerId, 'measure'));
    await eventually(
      () => MessageModel.countDocuments({ journeyId: 'sms-rate', customerId: { $regex: `^journey-${unique}` }, status: 'sent' }),
      (sent) => sent === COUNT,
      { timeoutMs: 600_000, intervalMs: 100, what: `${COUNT} SMS sent` },
    );
    report('journey runs on Temporal', started);
  }, 900_000);
});
