import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { WecomClient } from '../activities/wecom-client.js';
import { channelTaskQueue } from '../domain/task-queues.js';
import { MessageModel } from '../store/models/message.js';
import { JourneyRunner, journeyWorkflowId } from '../temporal/journey-runner.js';
import { type Harness, startHarness } from './support/api-harness.js';
import { eventually } from './support/eventually.js';
import { type FakeWecom, startFakeWecom } from './support/fake-wecom.js';
import { sendThenTag, WENT_ON } from './support/send-journeys.js';

const unique = Date.now().toString(36);
const DEFAULT_SENDER = 'service-desk';
const VIP_TEXT = 'Tideway: welcome to VIP, Ada! Your dedicated contact will call you soon.';
let wecom: FakeWecom;
let api: Harness;

/** A WeCom step, then a tag step that shows the journey went on. */
const wecomJourney = sendThenTag('wecom-e2e', { channel: 'wecom', template: 'vip-sms' });

async function runWecomJourney(name: string, wecomContact: { externalUserId: string; sender?: string }, consent = true) {
  const customerId = `${name}-${unique}`;
  expect((await api.call('PUT', `/v1/customers/${customerId}`, { name: 'Ada', locale: 'en', wecom: wecomContact })).status).toBe(201);
  if (consent) expect((await api.call('PUT', `/v1/customers/${customerId}/consent`, { channel: 'wecom', status: 'opted_in' })).status).toBe(200);
  await new JourneyRunner(api.client, api.taskQueue).start(wecomJourney, customerId, 'test');
  const handle = api.client.workflow.getHandle(journeyWorkflowId(wecomJourney.id, customerId));
  return { customerId, handle, ledger: () => MessageModel.findOne({ customerId, channel: 'wecom' }).lean() };
}

const sentTo = (externalUserId: string) => wecom.messages.filter((m) => m.externalUserId === externalUserId);

beforeAll(async () => {
  wecom = await startFakeWecom();
  const client = new WecomClient({ corpId: wecom.corpId, secret: wecom.secret, apiUrl: wecom.baseUrl });
  api = await startHarness(`e2e-wecom-${unique}`, { wecom: { client, sender: DEFAULT_SENDER } });
});
afterAll(async () => {
  await api?.close();
  await wecom?.close();
});

describe('the customer as a WeCom external contact (API)', () => {
  it('takes the external_userid and sender, and the external_userid becomes an identity of the customer', async () => {
    const put = await api.call('PUT', `/v1/customers/contact-${unique}`, { wecom: { externalUserId: `wmContact${unique}`, sender: 'lisi' } });
    expect(put.status).toBe(201);
    expect(put.body).toMatchObject({ wecom: { externalUserId: `wmContact${unique}`, sender: 'lisi' }, consent: { wecom: null } });
    expect(put.body.identities).toContainEqual({ kind: 'external', system: 'wecom', value: `wmContact${unique}` });
  });

  it('400 naming the field of a malformed external_userid or sender, and nothing changes', async () => {
    const bad = await api.call('PUT', `/v1/customers/contact-${unique}`, { wecom: { externalUserId: 'wm bad id!', sender: '-nobody' } });
    expect(bad.status).toBe(400);
    expect(bad.body.errors.map((e: { path: string }) => e.path).sort()).toEqual(['wecom.externalUserId', 'wecom.sender']);
    const missing = await api.call('PUT', `/v1/customers/contact-${unique}`, { wecom: { sender: 'lisi' } });
    expect(missing.body.errors.map((e: { path: string }) => e.path)).toEqual(['wecom.externalUserId']);
    expect((await api.call('GET', `/v1/customers/contact-${unique}`)).body.wecom).toEqual({ externalUserId: `wmContact${unique}`, sender: 'lisi' });
  });
});

describe('WeCom steps through WeCom (real Temporal, store, API; a local WeCom-speaking server)', () => {
  it('sends the rendered text to the external contact from their staff member, once, on the -wecom task queue', async () => {
    const externalUserId = `wmOk${unique}`;
    const { handle, ledger } = await runWecomJourney('wecom-ok', { externalUserId, sender: 'lisi' });
    expect(await handle.result()).toBe('completed');

    expect(sentTo(externalUserId)).toEqual([expect.objectContaining({ sender: 'lisi', content: VIP_TEXT })]);
    expect(await ledger()).toMatchObject({ status: 'sent', to: externalUserId, text: VIP_TEXT, providerMessageId: sentTo(externalUserId)[0]!.msgid, sentAt: expect.any(Date) });
    const scheduled = (await handle.fetchHistory()).events!.find((e) => e.activityTaskScheduledEventAttributes?.activityType?.name === 'sendWecom');
    expect(scheduled!.activityTaskScheduledEventAttributes!.taskQueue!.name).toBe(channelTaskQueue(api.taskQueue, 'wecom'));
  });

  it('without consent for WeCom marketing, skips the message with the reason and the journey goes on', async () => {
    const externalUserId = `wmNoConsent${unique}`;
    const { customerId, handle, ledger } = await runWecomJourney('wecom-no-consent', { externalUserId }, false);
    expect(await handle.result()).toBe('completed');
    expect(await ledger()).toMatchObject({ status: 'skipped', reason: 'no consent for wecom marketing (never opted in)' });
    expect(sentTo(externalUserId)).toEqual([]);
    expect((await api.call('GET', `/v1/customers/${customerId}`)).body.tags).toContain(WENT_ON);
  });

  it('retries through WeCom rate limits (45009) with the default sender, and the message arrives exactly once', async () => {
    const externalUserId = `wmBusy${unique}`;
    wecom.rateLimitNext(2);
    const { handle, ledger } = await runWecomJourney('wecom-busy', { externalUserId });
    expect(await handle.result()).toBe('completed');
    expect(sentTo(externalUserId)).toEqual([expect.objectContaining({ sender: DEFAULT_SENDER, content: VIP_TEXT })]);
    expect(await ledger()).toMatchObject({ status: 'sent' });
    const started = (await handle.fetchHistory()).events!.filter((e) => e.activityTaskStartedEventAttributes);
    expect(started.map((e) => e.activityTaskStartedEventAttributes!.attempt)).toContain(3);
  });

  it('records a contact WeCom refuses (84061) as failed with the reason, does not retry it, and the journey goes on', async () => {
    const externalUserId = `wmGone${unique}`;
    wecom.refuse(externalUserId, { errcode: 84061 });
    const attempts = wecom.sendAttempts;
    const { customerId, handle, ledger } = await runWecomJourney('wecom-refused', { externalUserId });
    expect(await handle.result()).toBe('completed');
    const row = await eventually(ledger, (r) => r?.status === 'failed', { what: 'the WeCom message marked failed' });
    expect(row!.reason).toBe('WeCom did not take the message: not external contact, hint: [fake] (errcode 84061)');
    const failed = (await handle.fetchHistory()).events!.find((e) => e.activityTaskFailedEventAttributes);
    expect(failed!.activityTaskFailedEventAttributes!.failure).toMatchObject({ applicationFailureInfo: { type: 'WecomRefused', nonRetryable: true } });
    expect(wecom.sendAttempts - attempts).toBe(1);
    expect((await api.call('GET', `/v1/customers/${customerId}`)).body.tags).toContain(WENT_ON);
  });
});
