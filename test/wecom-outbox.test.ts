import { MockActivityEnvironment } from '@temporalio/testing';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { createWecomActivities } from '../activities/wecom.js';
import { NO_SEND_LIMITS, type SendPolicy } from '../domain/send-policy.js';
import { templates } from '../journeys/index.js';
import { connectStore, disconnectStore } from '../store/connection.js';
import { CustomerModel } from '../store/models/customer.js';
import { MessageModel } from '../store/models/message.js';

const unique = Date.now().toString(36);
const { sendWecom } = createWecomActivities({ templates, templateDefaults: { brand: 'Tideway' }, sendPolicy: NO_SEND_LIMITS });
const ref = (customerId: string, sendKey: string) => ({
  workflowId: 'w', runId: 'r', journeyId: 'repurchase-vip', journeyVersion: 'v', customerId, stepKey: 'vip-wecom', sendKey, template: 'vip-sms',
});

beforeAll(async () => {
  await connectStore(inject('mongodbUri'));
});
afterAll(async () => {
  await disconnectStore();
});

describe('WeCom without credentials', () => {
  it('keeps the rendered text in the outbox, marked as not sent, once per send key', async () => {
    const customerId = `wecom-${unique}`;
    const consent = { wecom: { status: 'opted_in' as const, at: new Date(), source: 'import' } };
    await CustomerModel.create({ _id: customerId, name: '王芳', locale: 'zh-CN', wecom: { externalUserId: `wmOutbox${unique}` }, consent });
    const first = await new MockActivityEnvironment().run(sendWecom, ref(customerId, `w-${unique}`));
    const again = await new MockActivityEnvironment().run(sendWecom, ref(customerId, `w-${unique}`));
    expect(first).toEqual({ status: 'outbox', to: `wmOutbox${unique}`, reason: 'no WeCom credentials configured' });
    expect(again).toMatchObject({ status: 'outbox' });
    const rows = await MessageModel.find({ sendKey: `w-${unique}` }).lean();
    expect(rows).toHaveLength(1);
    expect(rows[0]).toMatchObject({ channel: 'wecom', status: 'outbox', reason: 'no WeCom credentials configured: kept in the outbox, not sent', text: 'Tideway:王芳,欢迎成为 VIP!专属顾问将很快与您联系。' });
  });

  it('skips, with the reason, a customer who is no WeCom contact', async () => {
    const customerId = `nowecom-${unique}`;
    await CustomerModel.create({ _id: customerId, phone: '+8613800138000' });
    expect(await new MockActivityEnvironment().run(sendWecom, ref(customerId, `nw-${unique}`))).toEqual({ status: 'skipped', reason: 'no WeCom external contact' });
  });
});

describe('WeCom sends and the send policy', () => {
  it('a marketing message takes a slot of the WeCom cap: the next waits for a free slot, or is skipped when its step says so', async () => {
    const policy: SendPolicy = { quietHours: null, defaultTimezone: 'UTC', caps: { email: [], sms: [{ per: '1 day', max: 1 }], wecom: [{ per: '1 day', max: 1 }] } };
    const capped = createWecomActivities({ templates, templateDefaults: { brand: 'Tideway' }, sendPolicy: policy });
    const customerId = `wecom-cap-${unique}`;
    const consent = { wecom: { status: 'opted_in' as const, at: new Date(), source: 'import' } };
    await CustomerModel.create({ _id: customerId, name: 'Ada', locale: 'en', wecom: { externalUserId: `wmCap${unique}` }, consent });
    expect(await new MockActivityEnvironment().run(capped.sendWecom, ref(customerId, `c1-${unique}`))).toMatchObject({ status: 'outbox' });
    const second = await new MockActivityEnvironment().run(capped.sendWecom, ref(customerId, `c2-${unique}`));
    expect(second).toMatchObject({ status: 'deferred', reason: 'frequency cap: 1 wecom per 1 day' });
    expect(await MessageModel.findById(`c2-${unique}`).lean()).toMatchObject({ status: 'pending', reason: expect.stringMatching(/^waiting until .*: frequency cap: 1 wecom per 1 day$/) });
    const skipped = await new MockActivityEnvironment().run(capped.sendWecom, { ...ref(customerId, `c3-${unique}`), whenCapped: 'skip' as const });
    expect(skipped).toEqual({ status: 'skipped', reason: 'frequency cap: 1 wecom per 1 day' });
  });
});
