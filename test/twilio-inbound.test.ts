import { randomBytes, randomInt } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { TWILIO_INBOUND_PATH } from '../api/routes/twilio-inbound.js';
import { defineJourney } from '../domain/journey.js';
import { findEvent } from '../store/models/event.js';
import { MessageModel } from '../store/models/message.js';
import { JourneyRunner, journeyWorkflowId } from '../temporal/journey-runner.js';
import { type Harness, startHarness } from './support/api-harness.js';
import { eventually } from './support/eventually.js';
import { twilioSignature } from './support/fake-twilio.js';
import { listenProviderApp } from './support/provider-app.js';

const unique = Date.now().toString(36);
const authToken = randomBytes(16).toString('hex');
/** The address Twilio is configured with; the signature covers it, not the local one the test posts to. */
const publicUrl = 'https://tideway.example.com';
const signedUrl = `${publicUrl}${TWILIO_INBOUND_PATH}`;
let api: Harness;
let provider: Awaited<ReturnType<typeof listenProviderApp>>;
let inboundUrl: string;

beforeAll(async () => {
  api = await startHarness(`twilio-inbound-${unique}`);
  provider = await listenProviderApp(api, { twilioWebhook: { authToken, publicUrl } });
  inboundUrl = `${provider.baseUrl}${TWILIO_INBOUND_PATH}`;
});
afterAll(async () => {
  await provider?.close();
  await api?.close();
});

const newPhone = () => `+86138${String(randomInt(1e8)).padStart(8, '0')}`;
const inbound = (from: string, body: string) => ({
  AccountSid: `AC${'0'.repeat(32)}`, MessageSid: `SM${randomBytes(16).toString('hex')}`, From: from, To: '+15005550006', Body: body, NumMedia: '0',
});

/** POSTs an incoming message like Twilio, signed with the auth token unless `signature` is given. */
async function receive(params: Record<string, string>, signature = twilioSignature(authToken, signedUrl, params)) {
  const response = await fetch(inboundUrl, {
    method: 'POST',
    headers: { 'content-type': 'application/x-www-form-urlencoded', ...(signature ? { 'x-twilio-signature': signature } : {}) },
    body: new URLSearchParams(params).toString(),
  });
  return { status: response.status, type: response.headers.get('content-type') ?? '', text: await response.text() };
}

/** A customer with this phone (claimed as their identity) who opted in to SMS. */
async function smsCustomer(name: string): Promise<{ customerId: string; phone: string }> {
  const customerId = `inbound-${name}-${unique}`;
  const phone = newPhone();
  expect((await api.call('PUT', `/v1/customers/${customerId}`, { phone, name: 'Ada', locale: 'en' })).status).toBe(201);
  expect((await api.call('PUT', `/v1/customers/${customerId}/consent`, { channel: 'sms', status: 'opted_in', source: 'signup-form' })).status).toBe(200);
  return { customerId, phone };
}
const customer = async (customerId: string) => (await api.call('GET', `/v1/customers/${customerId}`)).body;

describe('POST /v1/webhooks/twilio/inbound', () => {
  it.each([['STOP'], ['stop'], [' StopAll '], ['UNSUBSCRIBE'], ['cancel'], ['End'], ['QUIT'], ['revoke'], ['OPTOUT'], ['退订'], ['td'], ['TD'], ['取消订阅']])(
    '"%s" opts the sender out of SMS, with the source, and answers empty TwiML',
    async (word) => {
      const { customerId, phone } = await smsCustomer(`stop-${Buffer.from(word).toString('hex')}`);
      const answer = await receive(inbound(phone, word));
      expect(answer).toMatchObject({ status: 200, type: expect.stringMatching(/^text\/xml/) });
      expect(answer.text).toMatch(/<Response\/>$/);
      const view = await customer(customerId);
      expect(view.consent.sms).toMatchObject({ status: 'opted_out', source: 'twilio:inbound-stop' });
      expect(view.consentHistory.map((c: { status: string; source: string }) => [c.status, c.source])).toEqual([
        ['opted_in', 'signup-form'],
        ['opted_out', 'twilio:inbound-stop'],
      ]);
    },
  );

  it.each([['START'], ['unstop'], ['Yes']])('"%s" opts the sender back in with source twilio:inbound-start', async (word) => {
    const { customerId, phone } = await smsCustomer(`start-${word}`);
    expect((await receive(inbound(phone, 'STOP'))).status).toBe(200);
    expect((await receive(inbound(phone, word))).status).toBe(200);
    expect((await customer(customerId)).consent.sms).toMatchObject({ status: 'opted_in', source: 'twilio:inbound-start' });
  });

  it("takes Twilio's Advanced Opt-Out keyword type when the text is a custom keyword", async () => {
    const { customerId, phone } = await smsCustomer('opt-out-type');
    expect((await receive({ ...inbound(phone, 'leave me alone'), OptOutType: 'STOP' })).status).toBe(200);
    expect((await customer(customerId)).consent.sms).toMatchObject({ status: 'opted_out', source: 'twilio:inbound-stop' });
  });

  it('records any other text as a customer.interacted event, once per message, and leaves consent alone', async () => {
    const { customerId, phone } = await smsCustomer('reply');
    const message = inbound(phone, 'Please stop calling me at work');
    expect((await receive(message)).status).toBe(200);
    expect((await receive(message)).status).toBe(200); // Twilio retries: the same event
    const event = await eventually(() => findEvent(`twilio:${message.MessageSid}`), (e) => Boolean(e?.appliedAt), { what: 'the reply applied by the lifecycle' });
    expect(event).toMatchObject({ customerId, type: 'customer.interacted', properties: { channel: 'sms', text: 'Please stop calling me at work' } });
    expect((await customer(customerId)).consent.sms).toMatchObject({ status: 'opted_in', source: 'signup-form' });
  });

  it('answers 200 and changes nothing for a number no customer has, or one that is not a phone number', async () => {
    const stranger = newPhone();
    const message = inbound(stranger, 'STOP');
    expect(await receive(message)).toMatchObject({ status: 200, text: expect.stringMatching(/<Response\/>$/) });
    expect((await api.call('GET', `/v1/customers?q=${encodeURIComponent(stranger)}`)).body.customers).toEqual([]);
    expect((await receive(inbound('whatsapp:+14155550100', 'hello'))).status).toBe(200);
    expect(await findEvent(`twilio:${message.MessageSid}`)).toBeNull();
  });

  it('answers 403 and records nothing when the signature is wrong, missing, for another URL or for a tampered body', async () => {
    const { customerId, phone } = await smsCustomer('forged');
    const message = inbound(phone, 'STOP');
    const attempts = [
      twilioSignature('0'.repeat(32), signedUrl, message),
      twilioSignature(authToken, 'https://elsewhere.example/v1/webhooks/twilio/inbound', message),
      twilioSignature(authToken, signedUrl, { ...message, Body: 'hello' }), // signed for another text
      '',
    ];
    for (const signature of attempts) {
      const answer = await receive(message, signature);
      expect(answer).toMatchObject({ status: 403, type: expect.stringMatching(/^application\/problem\+json/) });
    }
    expect((await customer(customerId)).consent.sms).toMatchObject({ status: 'opted_in', source: 'signup-form' });
  });

  it('after a STOP, the next marketing SMS of a journey is skipped for want of consent', async () => {
    const { customerId, phone } = await smsCustomer('journey');
    expect((await receive(inbound(phone, 'STOP'))).status).toBe(200);
    const journey = defineJourney({ id: `inbound-stop-${unique}`, name: 'After a STOP', entry: { event: 'test.stop' }, reentry: 'always', steps: [{ kind: 'send', key: 'sms', channel: 'sms', template: 'vip-sms' }] });
    await new JourneyRunner(api.client, api.taskQueue).start(journey, customerId, 'test');
    await api.client.workflow.getHandle(journeyWorkflowId(journey.id, customerId)).result();
    expect(await MessageModel.findOne({ customerId, journeyId: journey.id }).lean()).toMatchObject({
      status: 'skipped',
      reason: 'no consent for sms marketing (opted out via twilio:inbound-stop)',
    });
  });
});
