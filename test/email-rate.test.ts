// Measures emails per second into the local SMTP sink; logs the rates, asserts no timing.
// Skipped unless asked for: TIDEWAY_MEASURE_EMAIL=1 npx vitest run test/email-rate.test.ts
import { MockActivityEnvironment } from '@temporalio/testing';
import { createMailer } from '../worker/mailer.js';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { createEmailActivities } from '../activities/email.js';
import { NO_SEND_LIMITS } from '../domain/send-policy.js';
import { templates } from '../journeys/index.js';
import { CustomerModel } from '../store/models/customer.js';
import { MessageModel } from '../store/models/message.js';
import { type Harness, startHarness } from './support/api-harness.js';
import { pool, reportRate } from './support/measure.js';

const COUNT = Number(process.env.TIDEWAY_MEASURE_EMAIL_COUNT ?? 200);
const unique = Date.now().toString(36);
let api: Harness;

describe.runIf(process.env.TIDEWAY_MEASURE_EMAIL)('emails per second into a local SMTP sink (measured, not asserted)', () => {
  beforeAll(async () => {
    api = await startHarness(`email-rate-${unique}`); // the store connection
  });
  afterAll(async () => {
    await api?.close();
  });

  for (const concurrency of [1, 20]) {
    it(`through the sendEmail activity (ledger, gate, HTML and text over SMTP), ${concurrency} at a time`, async () => {
      const mailer = createMailer(inject('smtpUrl'));
      const { sendEmail } = createEmailActivities({
        mailer,
        from: 'Tideway <hello@tideway.test>',
        templates,
        templateDefaults: { brand: 'Tideway', handbookUrl: 'http://t/h', surveyUrl: 'http://t/s', couponUrl: 'http://t/c' },
        sendPolicy: NO_SEND_LIMITS,
        unsubscribeSecret: 'measure-secret-0123456789',
      });
      const ids = Array.from({ length: COUNT }, (_, i) => `email${concurrency}-${unique}-${i}`);
      await CustomerModel.insertMany(ids.map((id) => ({ _id: id, name: 'Ada', email: `${id}@example.com`, locale: 'en' })));
      const started = performance.now();
      await pool(ids, concurrency, (customerId) =>
        new MockActivityEnvironment().run(sendEmail, {
          workflowId: 'w', runId: 'r', journeyId: 'email-rate', journeyVersion: 'v', customerId, stepKey: 'email', sendKey: `rate-${customerId}`, template: 'welcome', purpose: 'transactional' as const,
        }),
      );
      reportRate('email-rate', `sendEmail activity, ${concurrency} at a time`, COUNT, 'emails', started);
      expect(await MessageModel.countDocuments({ sendKey: { $regex: `^rate-email${concurrency}-${unique}` }, status: 'sent' })).toBe(COUNT);
    });
  }
});
