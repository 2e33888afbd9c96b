import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { MockActivityEnvironment } from '@temporalio/testing';
import { createEmailActivities, type EmailDeps } from '../activities/email.js';
import { NO_SEND_LIMITS } from '../domain/send-policy.js';
import { templates } from '../journeys/index.js';
import { CustomerModel } from '../store/models/customer.js';
import { MessageModel } from '../store/models/message.js';
import { JourneyRunner, journeyWorkflowId } from '../temporal/journey-runner.js';
import { type Harness, startHarness } from './support/api-harness.js';
import { eventually } from './support/eventually.js';
import { emailsTo } from './support/mail-sink.js';
import { sendThenTag, WENT_ON } from './support/send-journeys.js';

let api: Harness;
const unique = Date.now().toString(36);

beforeAll(async () => {
  api = await startHarness(`e2e-email-${unique}`);
});
afterAll(async () => {
  await api?.close();
});

// Transactional, so consent and the send policy play no part.
const receipt = sendThenTag('email-receipt', { channel: 'email', template: 'welcome', purpose: 'transactional' });

async function runReceipt(customerId: string) {
  await new JourneyRunner(api.client, api.taskQueue).start(receipt, customerId, 'test');
  const handle = api.client.workflow.getHandle(journeyWorkflowId(receipt.id, customerId));
  return { outcome: await handle.result(), history: await handle.fetchHistory() };
}

describe('email sends (real SMTP sink)', () => {
  it('goes out with a Message-ID made from the send key, the same for every attempt', async () => {
    const customerId = `receipt-${unique}`;
    const email = `${customerId}@example.com`;
    await api.call('PUT', `/v1/customers/${customerId}`, { email, name: 'Ada', locale: 'en' });
    expect((await runReceipt(customerId)).outcome).toBe('completed');
    const [mail] = await emailsTo(inject('mailSinkUrl'), email);
    const row = await MessageModel.findOne({ customerId }).lean();
    expect(row).toMatchObject({ status: 'sent', attemptedAt: expect.any(Date) });
    expect(mail!.headers['message-id']).toBe(`<${row!.sendKey.replace(/[^A-Za-z0-9.-]/g, '.')}@tideway.test>`);
  });

  it('a malformed address fails the send for good with the reason, and the journey goes on', async () => {
    const customerId = `malformed-${unique}`;
    // Imported data, not through the API (which refuses a malformed address).
    await CustomerModel.create({ _id: customerId, name: 'Bad', email: 'not-an-address@', locale: 'en' });
    const { outcome, history } = await runReceipt(customerId);
    expect(outcome).toBe('completed');
    expect(await MessageModel.findOne({ customerId }).lean()).toMatchObject({ status: 'failed', reason: 'malformed email address "not-an-address@"' });
    const failed = history.events!.find((e) => e.activityTaskFailedEventAttributes);
    expect(failed!.activityTaskFailedEventAttributes!.failure).toMatchObject({ applicationFailureInfo: { type: 'EmailRefused', nonRetryable: true } });
    expect((await CustomerModel.findById(customerId).lean())!.tags).toContain(WENT_ON);
  });

  it('an urgent review holds marketing, not a transactional message', async () => {
    const customerId = `reviewed-${unique}`;
    const email = `${customerId}@example.com`;
    await api.call('PUT', `/v1/customers/${customerId}`, { email, name: 'Ada', locale: 'en' });
    await api.call('POST', '/v1/events', { customerId, type: 'complaint.filed', properties: { text: 'wrong size' } });
    await eventually(() => api.call('GET', `/v1/tasks?requestedQueue=urgent-review&status=open&customerId=${customerId}`), (r) => r.body.tasks.length === 1, { what: 'the urgent review' });
    expect((await runReceipt(customerId)).outcome).toBe('completed');
    expect(await emailsTo(inject('mailSinkUrl'), email)).toHaveLength(1);
  });

  it('a relay that cannot be reached is retried, and the retry sends (nothing was handed over)', async () => {
    const customerId = `relay-down-${unique}`;
    await api.call('PUT', `/v1/customers/${customerId}`, { email: `${customerId}@example.com`, name: 'Ada', locale: 'en' });
    let calls = 0;
    const flakyRelay = {
      async sendMail() {
        calls += 1;
        if (calls === 1) throw Object.assign(new Error('connect ECONNREFUSED 127.0.0.1:25'), { code: 'ECONNECTION', command: 'CONN' });
        return { messageId: '<ok@tideway.test>' };
      },
    } as unknown as EmailDeps['mailer'];
    const { sendEmail } = createEmailActivities({ mailer: flakyRelay, from: 'Tideway <hello@tideway.test>', templates, templateDefaults: { brand: 'Tideway', handbookUrl: 'http://t/h', surveyUrl: 'http://t/s', couponUrl: 'http://t/c' }, sendPolicy: NO_SEND_LIMITS, unsubscribeSecret: 'test-secret-0123456789' });
    const input = { workflowId: 'w', runId: 'r', journeyId: 'j', journeyVersion: 'v', customerId, stepKey: 's', sendKey: `down-${unique}`, template: 'welcome', purpose: 'transactional' as const };
    await expect(new MockActivityEnvironment().run(sendEmail, input)).rejects.toMatchObject({ code: 'ECONNECTION' });
    expect((await MessageModel.findOne({ customerId }).lean())!.attemptedAt).toBeUndefined();
    expect(await new MockActivityEnvironment().run(sendEmail, input)).toMatchObject({ status: 'sent' });
    expect(calls).toBe(2);
  });
});
