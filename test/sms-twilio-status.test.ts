import { NO_SEND_LIMITS } from '../domain/send-policy.js';
import { Client, Connection } from '@temporalio/client';
import { MockActivityEnvironment } from '@temporalio/testing';
import { randomBytes } from 'node:crypto';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { createApp } from '../api/app.js';
import { twilioStatusCallbackUrl } from '../api/routes/twilio-webhooks.js';
import { recordSend } from '../activities/send-ledger.js';
import { createSmsActivities } from '../activities/sms.js';
import { createTwilioClient } from '../activities/twilio-client.js';
import { templates } from '../journeys/index.js';
import { connectStore, disconnectStore } from '../store/connection.js';
import { CustomerModel } from '../store/models/customer.js';
import { MessageModel } from '../store/models/message.js';
import { eventually } from './support/eventually.js';
import { type FakeTwilio, startFakeTwilio, twilioSignature } from './support/fake-twilio.js';

const unique = Date.now().toString(36);
let twilio: FakeTwilio;
let connection: Connection;
let server: Server;
let statusUrl: string;

/** An API whose public URL is the address it listens on, as Twilio would call it. */
async function listen(app: (publicUrl: string) => Parameters<typeof createServer>[1]): Promise<{ server: Server; publicUrl: string }> {
  const s = createServer();
  await new Promise<void>((resolve) => s.listen(0, '127.0.0.1', resolve));
  const publicUrl = `http://127.0.0.1:${(s.address() as AddressInfo).port}`;
  s.on('request', app(publicUrl)!);
  return { server: s, publicUrl };
}

const sid = () => `SM${randomBytes(16).toString('hex')}`;
const row = (providerMessageId: string) => MessageModel.findOne({ providerMessageId }).lean();
async function sentMessage(name: string): Promise<string> {
  const providerMessageId = sid();
  await MessageModel.create({ _id: `${name}-${unique}`, sendKey: `${name}-${unique}`, customerId: `c-${unique}`, channel: 'sms', template: 'vip-sms', status: 'sent', providerMessageId, to: '+8613800138000' });
  return providerMessageId;
}
const report = (messageSid: string, status: string, extra: Record<string, string> = {}) => ({
  AccountSid: twilio.accountSid, ApiVersion: '2010-04-01', MessageSid: messageSid, SmsSid: messageSid, MessageStatus: status, SmsStatus: status, To: '+8613800138000', From: '+15005550006', ...extra,
});

beforeAll(async () => {
  await connectStore(inject('mongodbUri'));
  twilio = await startFakeTwilio();
  connection = await Connection.connect({ address: inject('temporalAddress') });
  const temporal = new Client({ connection });
  ({ server } = await listen((publicUrl) => createApp({ temporal, taskQueue: `twilio-status-${unique}`, apiKeys: ['k'.repeat(16)], twilioWebhook: { authToken: twilio.authToken, publicUrl } })));
  statusUrl = twilioStatusCallbackUrl(`http://127.0.0.1:${(server.address() as AddressInfo).port}`);
});
afterAll(async () => {
  await twilio?.close();
  await new Promise((resolve) => server?.close(resolve));
  await connection?.close();
  await disconnectStore();
});

describe('POST /v1/webhooks/twilio/status', () => {
  it("marks an SMS delivered from Twilio's signed callbacks (sent, then delivered), with no API key", async () => {
    const customerId = `status-${unique}`;
    await CustomerModel.create({ _id: customerId, name: 'Ada', phone: '+447700900123', locale: 'en', consent: { sms: { status: 'opted_in', at: new Date(), source: 'import' } } });
    const { sendSms } = createSmsActivities({
      templates,
      templateDefaults: { brand: 'Tideway' }, sendPolicy: NO_SEND_LIMITS,
      twilio: { client: createTwilioClient({ ...twilio, apiBaseUrl: twilio.baseUrl }), sender: { from: '+15005550006' }, statusCallback: statusUrl },
    });
    const before = Date.now();
    await new MockActivityEnvironment().run(sendSms, {
      workflowId: 'w', runId: 'r', journeyId: 'repurchase-vip', journeyVersion: 'v', customerId, stepKey: 'vip-sms', sendKey: `status-${unique}`, template: 'vip-sms',
    });
    const messageSid = twilio.messages.find((m) => m.to === '+447700900123')!.sid;

    const delivered = await eventually(() => row(messageSid), (r) => r?.status === 'delivered', { what: 'the delivered status' });
    expect(delivered!.deliveredAt!.getTime()).toBeGreaterThanOrEqual(before);
    await twilio.settled();
    expect(twilio.callbacks.filter((c) => c.params.MessageSid === messageSid).map((c) => [c.params.MessageStatus, c.answer])).toEqual([
      ['sent', 204],
      ['delivered', 204],
    ]);
  });

  it('records an undelivered SMS as failed with the Twilio error code', async () => {
    const messageSid = await sentMessage('undelivered');
    expect(await twilio.postCallback(statusUrl, report(messageSid, 'undelivered', { ErrorCode: '30003' }))).toBe(204);
    expect(await row(messageSid)).toMatchObject({
      status: 'failed',
      reason: 'undelivered: Twilio error 30003 (https://www.twilio.com/docs/api/errors/30003)',
      failedAt: expect.any(Date),
    });
  });

  it('a report that comes before the SID is recorded finds the message by the send key in the callback URL', async () => {
    const sendKey = `early-${unique}`;
    await MessageModel.create({ _id: sendKey, sendKey, customerId: `c-${unique}`, channel: 'sms', template: 'vip-sms', status: 'pending', to: '+8613800138000' });
    const messageSid = sid();
    const callbackUrl = `${statusUrl}?sendKey=${encodeURIComponent(sendKey)}`;
    expect(await twilio.postCallback(callbackUrl, report(messageSid, 'delivered'))).toBe(204);
    expect(await MessageModel.findOne({ sendKey }).lean()).toMatchObject({ status: 'delivered', providerMessageId: messageSid });
    // The send activity records `sent` afterwards: the row stays delivered.
    await recordSend(sendKey, { status: 'sent', to: '+8613800138000', providerMessageId: messageSid }, { channel: 'sms' });
    expect(await MessageModel.findOne({ sendKey }).lean()).toMatchObject({ status: 'delivered', sentAt: expect.any(Date) });
    // A send key does not let a report move another message.
    expect(await twilio.postCallback(callbackUrl, report(sid(), 'failed', { ErrorCode: '30008' }))).toBe(404);
  });

  it('only moves a status forward: a late "sent" after "delivered" changes nothing', async () => {
    const messageSid = await sentMessage('late');
    expect(await twilio.postCallback(statusUrl, report(messageSid, 'delivered'))).toBe(204);
    expect(await twilio.postCallback(statusUrl, report(messageSid, 'sent'))).toBe(204);
    expect(await twilio.postCallback(statusUrl, report(messageSid, 'failed', { ErrorCode: '30008' }))).toBe(204);
    expect(await row(messageSid)).toMatchObject({ status: 'delivered' });
  });

  it('answers 403 problem+json and changes nothing when the signature is wrong, missing or for another request', async () => {
    const messageSid = await sentMessage('forged');
    const forged = report(messageSid, 'delivered');
    const attempts = [
      twilioSignature('0'.repeat(32), statusUrl, forged), // another account's token
      twilioSignature(twilio.authToken, 'https://elsewhere.example/v1/webhooks/twilio/status', forged), // another URL
      twilioSignature(twilio.authToken, statusUrl, report(messageSid, 'sent')), // other params
      '',
    ];
    for (const signature of attempts) {
      const response = await fetch(statusUrl, {
        method: 'POST',
        headers: { 'content-type': 'application/x-www-form-urlencoded', ...(signature ? { 'x-twilio-signature': signature } : {}) },
        body: new URLSearchParams(forged).toString(),
      });
      expect(response.status).toBe(403);
      expect(response.headers.get('content-type')).toMatch(/^application\/problem\+json/);
      expect(await response.json()).toMatchObject({ status: 403, title: 'Invalid signature' });
    }
    expect(await row(messageSid)).toMatchObject({ status: 'sent' });
    expect((await row(messageSid))!.deliveredAt).toBeUndefined();
  });

  it('answers 404 for a message Tideway did not send, and 400 for a report without a SID', async () => {
    expect(await twilio.postCallback(statusUrl, report(sid(), 'delivered'))).toBe(404);
    expect(await twilio.postCallback(statusUrl, { MessageStatus: 'delivered' })).toBe(400);
  });

  it('is not there when Twilio is not configured', async () => {
    const temporal = new Client({ connection });
    const { server: bare, publicUrl } = await listen(() => createApp({ temporal, taskQueue: 'unused', apiKeys: ['k'.repeat(16)] }));
    try {
      const response = await fetch(twilioStatusCallbackUrl(publicUrl), { method: 'POST', body: new URLSearchParams(report(sid(), 'delivered')) });
      expect(response.status).toBe(404);
      expect(await response.json()).toMatchObject({ title: 'Twilio is not configured' });
    } finally {
      await new Promise((resolve) => bare.close(resolve));
    }
  });
});
