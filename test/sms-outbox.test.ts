import { NO_SEND_LIMITS } from '../domain/send-policy.js';
import { MockActivityEnvironment } from '@temporalio/testing';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { createSmsActivities } from '../activities/sms.js';
import { templates } from '../journeys/index.js';
import { connectStore, disconnectStore } from '../store/connection.js';
import { CustomerModel } from '../store/models/customer.js';
import { MessageModel } from '../store/models/message.js';

const unique = Date.now().toString(36);
const { sendSms } = createSmsActivities({ templates, templateDefaults: { brand: 'Tideway' }, sendPolicy: NO_SEND_LIMITS });
const ref = (customerId: string, sendKey: string) => ({
  workflowId: 'w', runId: 'r', journeyId: 'repurchase-vip', journeyVersion: 'v', customerId, stepKey: 'vip-sms', sendKey, template: 'vip-sms',
});

beforeAll(async () => {
  await connectStore(inject('mongodbUri'));
});
afterAll(async () => {
  await disconnectStore();
});

describe('SMS without a provider', () => {
  it('keeps the rendered message in the outbox, marked as not sent, once per send key', async () => {
    const customerId = `sms-${unique}`;
    await CustomerModel.create({ _id: customerId, name: '王芳', phone: '+8613800138000', locale: 'zh-CN', consent: { sms: { status: 'opted_in', at: new Date(), source: 'import' } } });
    const first = await new MockActivityEnvironment().run(sendSms, ref(customerId, `k-${unique}`));
    const again = await new MockActivityEnvironment().run(sendSms, ref(customerId, `k-${unique}`));
    expect(first).toEqual({ status: 'outbox', to: '+8613800138000', reason: 'no SMS provider configured' });
    expect(again).toMatchObject({ status: 'outbox' });
    const rows = await MessageModel.find({ sendKey: `k-${unique}` }).lean();
    expect(rows).toHaveLength(1);
    expect(rows[0]).toMatchObject({ channel: 'sms', status: 'outbox', text: 'Tideway:王芳,欢迎成为 VIP!专属顾问将很快与您联系。' });
  });

  it('skips, with the reason, a customer without a phone number', async () => {
    const customerId = `nophone-${unique}`;
    await CustomerModel.create({ _id: customerId, email: 'x@example.com' });
    expect(await new MockActivityEnvironment().run(sendSms, ref(customerId, `n-${unique}`))).toEqual({ status: 'skipped', reason: 'no phone number' });
  });
});
