import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ActivityDeps } from '../activities/index.js';
import type { SmsDeps } from '../activities/sms.js';
import { createTwilioClient } from '../activities/twilio-client.js';
import { createApp } from '../api/app.js';
import { twilioStatusCallbackUrl } from '../api/routes/twilio-webhooks.js';
import { MessageModel } from '../store/models/message.js';
import { JourneyRunner, journeyWorkflowId } from '../temporal/journey-runner.js';
import { API_KEY, type Harness, startHarness } from './support/api-harness.js';
import { eventually } from './support/eventually.js';
import { type FakeTwilio, startFakeTwilio } from './support/fake-twilio.js';
import { sendThenTag, WENT_ON } from './support/send-journeys.js';

const unique = Date.now().toString(36);
const FROM = '+15005550006';
let twilio: FakeTwilio;
let api: Harness;
/** The API Twilio calls back: the harness's API has no Twilio settings, so this one, on the harness's Temporal client. */
let publicApi: Server;

/** An SMS step, then a tag step that shows the journey went on. */
const smsJourney = sendThenTag('sms-e2e', { channel: 'sms', template: 'vip-sms' });

async function runSmsJourney(name: string, phone: string) {
  const customerId = `${name}-${unique}`;
  expect((await api.call('PUT', `/v1/customers/${customerId}`, { name: 'Ada', phone, locale: 'en' })).status).toBe(201);
  await api.call('PUT', `/v1/customers/${customerId}/consent`, { channel: 'sms', status: 'opted_in' });
  await new JourneyRunner(api.client, api.taskQueue).start(smsJourney, customerId, 'test');
  const handle = api.client.workflow.getHandle(journeyWorkflowId(smsJourney.id, customerId));
  return { customerId, handle, ledger: () => MessageModel.findOne({ customerId, channel: 'sms' }).lean() };
}

beforeAll(async () => {
  twilio = await startFakeTwilio();
  publicApi = createServer();
  await new Promise<void>((resolve) => publicApi.listen(0, '127.0.0.1', resolve));
  const publicUrl = `http://127.0.0.1:${(publicApi.address() as AddressInfo).port}`;
  const sms: Partial<ActivityDeps> & Pick<SmsDeps, 'twilio'> = {
    twilio: {
      client: createTwilioClient({ accountSid: twilio.accountSid, authToken: twilio.authToken, apiBaseUrl: twilio.baseUrl }),
      sender: { from: FROM },
      statusCallback: twilioStatusCallbackUrl(publicUrl),
    },
  };
  api = await startHarness(`e2e-sms-${unique}`, sms);
  publicApi.on(
    'request',
    createApp({ temporal: api.client, taskQueue: api.taskQueue, apiKeys: [API_KEY], twilioWebhook: { authToken: twilio.authToken, publicUrl } }),
  );
});

afterAll(async () => {
  await twilio?.close();
  await new Promise((resolve) => publicApi?.close(resolve));
  await api?.close();
});

describe('SMS steps through Twilio (real Temporal, store, API; a local Twilio-speaking server)', () => {
  it('sends the SMS with the number, text and sender, and marks it delivered from the signed status callback', async () => {
    const { handle, ledger } = await runSmsJourney('sms-ok', '+86 138 0013 8101');
    expect(await handle.result()).toBe('completed');

    const received = twilio.messages.filter((m) => m.to === '+8613800138101');
    expect(received).toEqual([
      expect.objectContaining({ to: '+8613800138101', from: FROM, body: 'Tideway: welcome to VIP, Ada! Your dedicated contact will call you soon.' }),
    ]);
    const row = await eventually(ledger, (r) => r?.status === 'delivered', { what: 'the SMS marked delivered' });
    expect(row).toMatchObject({ providerMessageId: received[0]!.sid, to: '+8613800138101', sentAt: expect.any(Date), deliveredAt: expect.any(Date) });
  });

  it('retries through a Twilio outage (5xx) and the message arrives exactly once', async () => {
    const attempts = twilio.attempts;
    twilio.failNext(2, { status: 500 });
    const { handle, ledger } = await runSmsJourney('sms-outage', '+86 138 0013 8102');
    expect(await handle.result()).toBe('completed');

    expect(twilio.attempts - attempts).toBe(3);
    expect(twilio.messages.filter((m) => m.to === '+8613800138102')).toHaveLength(1);
    expect(await eventually(ledger, (r) => r?.status === 'delivered', { what: 'the SMS marked delivered' })).toBeTruthy();
    const events = (await handle.fetchHistory()).events!;
    const scheduled = events.find((e) => e.activityTaskScheduledEventAttributes?.activityType?.name === 'sendSms')!;
    const started = events.find((e) => String(e.activityTaskStartedEventAttributes?.scheduledEventId) === String(scheduled.eventId));
    expect(started!.activityTaskStartedEventAttributes!.attempt).toBe(3);
  });

  it('records an invalid number (Twilio 21211) as failed with the reason, does not retry it, and the journey goes on', async () => {
    const attempts = twilio.attempts;
    const { handle, ledger } = await runSmsJourney('sms-invalid', '+1 500 555 0001');
    const row = await eventually(ledger, (r) => r?.status === 'failed', { what: 'the SMS marked failed' });
    expect(row!.reason).toBe("Twilio refused the message: The 'To' number +15005550001 is not a valid phone number. (HTTP 400, error 21211)");
    const failed = await eventually(
      async () => (await handle.fetchHistory()).events!.find((e) => e.activityTaskFailedEventAttributes),
      Boolean,
      { what: 'the failed sendSms in the run history' },
    );
    expect(failed!.activityTaskFailedEventAttributes!.failure).toMatchObject({ applicationFailureInfo: { type: 'SmsRefused', nonRetryable: true } });
    expect(twilio.attempts - attempts).toBe(1);
    // The journey goes on past the refused message: its next step ran.
    expect(await handle.result()).toBe('completed');
    const customer = (await api.call('GET', `/v1/customers/sms-invalid-${unique}`)).body;
    expect(customer.tags).toContain(WENT_ON);
  });
});
