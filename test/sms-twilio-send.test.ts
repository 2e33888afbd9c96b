import { NO_SEND_LIMITS } from '../domain/send-policy.js';
import { ApplicationFailure } from '@temporalio/activity';
import { MockActivityEnvironment } from '@temporalio/testing';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { createSmsActivities } from '../activities/sms.js';
import { createTwilioClient } from '../activities/twilio-client.js';
import type { TwilioSms } from '../activities/twilio-sms.js';
import { templates } from '../journeys/index.js';
import { connectStore, disconnectStore } from '../store/connection.js';
import { CustomerModel } from '../store/models/customer.js';
import { MessageModel } from '../store/models/message.js';
import { type FakeTwilio, startFakeTwilio } from './support/fake-twilio.js';

const unique = Date.now().toString(36);
const STATUS_CALLBACK = 'http://tideway.test/v1/webhooks/twilio/status';
let twilio: FakeTwilio;

const ref = (customerId: string, sendKey: string) => ({
  workflowId: 'w', runId: 'r', journeyId: 'repurchase-vip', journeyVersion: 'v', customerId, stepKey: 'vip-sms', sendKey, template: 'vip-sms',
});
const smsThrough = (sms: Partial<TwilioSms> = {}, credentials = { accountSid: twilio.accountSid, authToken: twilio.authToken, apiBaseUrl: twilio.baseUrl }) =>
  createSmsActivities({
    templates,
    templateDefaults: { brand: 'Tideway' }, sendPolicy: NO_SEND_LIMITS,
    twilio: { client: createTwilioClient(credentials), sender: { from: '+15005550006' }, statusCallback: STATUS_CALLBACK, ...sms },
  }).sendSms;
const send = (sendSms: ReturnType<typeof smsThrough>, customerId: string, sendKey: string) => new MockActivityEnvironment().run(sendSms, ref(customerId, sendKey));
const ledgerRow = (sendKey: string) => MessageModel.findOne({ sendKey }).lean();
/** The error an activity threw, for a closer look. */
const failureOf = (promise: Promise<unknown>) => promise.then(() => expect.unreachable('the send should fail'), (error: unknown) => error as ApplicationFailure);

async function customerWithPhone(name: string, phone: string): Promise<string> {
  const customerId = `${name}-${unique}`;
  await CustomerModel.create({ _id: customerId, name: '王芳', phone, locale: 'zh-CN', consent: { sms: { status: 'opted_in', at: new Date(), source: 'import' } } });
  return customerId;
}

beforeAll(async () => {
  await connectStore(inject('mongodbUri'));
  twilio = await startFakeTwilio();
});
afterAll(async () => {
  await twilio?.close();
  await disconnectStore();
});

describe('SMS through Twilio (the real SDK against a local Twilio-speaking server)', () => {
  it('sends once per send key with the number, text, sender and status callback, and records the SID', async () => {
    const customerId = await customerWithPhone('tw-sent', '+8613800138001');
    const sendSms = smsThrough();
    const result = await send(sendSms, customerId, `sent-${unique}`);
    const again = await send(sendSms, customerId, `sent-${unique}`);

    expect(result).toEqual({ status: 'sent', to: '+8613800138001' });
    expect(again).toMatchObject({ status: 'sent' });
    const received = twilio.messages.filter((m) => m.to === '+8613800138001');
    expect(received).toEqual([
      { sid: expect.stringMatching(/^SM[0-9a-f]{32}$/), createdAt: expect.any(Date), to: '+8613800138001', from: '+15005550006', messagingServiceSid: null, body: 'Tideway:王芳,欢迎成为 VIP!专属顾问将很快与您联系。', statusCallback: `${STATUS_CALLBACK}?sendKey=sent-${unique}` },
    ]);
    expect(await ledgerRow(`sent-${unique}`)).toMatchObject({ status: 'sent', to: '+8613800138001', providerMessageId: received[0]!.sid, sentAt: expect.any(Date) });
  });

  it('sends through a Messaging Service instead of a from-number', async () => {
    const customerId = await customerWithPhone('tw-service', '+8613800138002');
    const messagingServiceSid = `MG${'ab'.repeat(16)}`;
    await send(smsThrough({ sender: { messagingServiceSid } }), customerId, `service-${unique}`);
    expect(twilio.messages.find((m) => m.to === '+8613800138002')).toMatchObject({ from: null, messagingServiceSid });
  });

  it("fails for good on an invalid number (Twilio 21211) and records the reason", async () => {
    const customerId = await customerWithPhone('tw-invalid', '+15005550001');
    const attempts = twilio.attempts;
    const error = await failureOf(send(smsThrough(), customerId, `invalid-${unique}`));

    expect(error).toBeInstanceOf(ApplicationFailure);
    expect(error).toMatchObject({ type: 'SmsRefused', nonRetryable: true, details: [{ to: '+15005550001', twilioErrorCode: 21211 }] });
    expect(error.message).toBe("Twilio refused the message: The 'To' number +15005550001 is not a valid phone number. (HTTP 400, error 21211)");
    expect(twilio.attempts - attempts).toBe(1);
    expect(await ledgerRow(`invalid-${unique}`)).toMatchObject({ status: 'failed', to: '+15005550001', reason: error.message, failedAt: expect.any(Date) });
  });

  it('fails retryably while Twilio answers 5xx, keeping the message pending, and sends it once Twilio is back', async () => {
    const customerId = await customerWithPhone('tw-outage', '+8613800138003');
    const sendSms = smsThrough();
    twilio.failNext(2, { status: 503 });
    for (let attempt = 0; attempt < 2; attempt += 1) {
      const error = await failureOf(send(sendSms, customerId, `outage-${unique}`));
      expect(error).toMatchObject({ type: 'SmsProviderUnavailable', nonRetryable: false });
      expect(await ledgerRow(`outage-${unique}`)).toMatchObject({ status: 'pending' });
    }
    expect(await send(sendSms, customerId, `outage-${unique}`)).toMatchObject({ status: 'sent' });
    expect(twilio.messages.filter((m) => m.to === '+8613800138003')).toHaveLength(1);
  });

  it('fails retryably when Twilio cannot be reached or refuses the credentials', async () => {
    const customerId = await customerWithPhone('tw-down', '+8613800138004');
    const unreachable = smsThrough({}, { accountSid: twilio.accountSid, authToken: twilio.authToken, apiBaseUrl: 'http://127.0.0.1:1' });
    expect(await failureOf(send(unreachable, customerId, `down-${unique}`))).toMatchObject({
      type: 'SmsProviderUnavailable',
      nonRetryable: false,
      message: expect.stringMatching(/^Twilio could not be reached: .*ECONNREFUSED/),
    });
    const wrongToken = smsThrough({}, { accountSid: twilio.accountSid, authToken: 'f'.repeat(32), apiBaseUrl: twilio.baseUrl });
    expect(await failureOf(send(wrongToken, customerId, `down-${unique}`))).toMatchObject({
      type: 'SmsProviderUnavailable',
      nonRetryable: false,
      message: 'Twilio did not take the message: Authenticate (HTTP 401, error 20003)',
    });
    expect(await ledgerRow(`down-${unique}`)).toMatchObject({ status: 'pending' });
    expect(twilio.messages.filter((m) => m.to === '+8613800138004')).toHaveLength(0);
  });
});
