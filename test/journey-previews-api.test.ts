import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { API_KEY, type Harness, startHarness } from './support/api-harness.js';
import { send, startApiWithKeys } from './support/people.js';

let api: Harness;
let keyed: { baseUrl: string; close(): Promise<void> };
const unique = Date.now().toString(36);
const keys = { marketer: `marketer-key-${unique}-0123456789`, agent: `agent-key-${unique}-0123456789` };

beforeAll(async () => {
  api = await startHarness(`previews-${unique}`);
  keyed = await startApiWithKeys(api, [
    { name: 'admin', key: API_KEY, role: 'admin' },
    { name: 'campaigns', key: keys.marketer, role: 'marketer' },
    { name: 'shop', key: keys.agent, role: 'agent' },
  ]);
});

afterAll(async () => {
  await keyed?.close();
  await api?.close();
});

describe('GET /v1/journeys/:id/previews', () => {
  it('renders every message of the journey for a sample customer, in the locale asked for, with the deployment links', async () => {
    const zh = await send(keyed.baseUrl, 'GET', '/v1/journeys/welcome/previews?locale=zh-CN', { key: keys.marketer });
    expect(zh.status).toBe(200);
    expect(zh.body).toMatchObject({ journeyId: 'welcome', customer: { id: 'sample-customer', sample: true }, locale: 'zh-CN' });
    expect(zh.body.messages.map((m: { step: string }) => m.step)).toEqual(['welcome-email', 'reminder-email']);
    expect(zh.body.messages[0]).toMatchObject({ channel: 'email', template: 'welcome', locale: 'zh-CN', subject: '欢迎加入Tideway,李雷' });
    expect(zh.body.messages[0].text).toContain('http://127.0.0.1:3000/survey');
    const en = await send(keyed.baseUrl, 'GET', '/v1/journeys/welcome/previews?locale=en', { key: keys.marketer });
    expect(en.body.messages[0]).toMatchObject({ locale: 'en', subject: 'Welcome to Tideway, Ada Lovelace' });
  });

  it("renders for a real customer in their own language unless another is asked for", async () => {
    const customerId = `preview-${unique}`;
    await api.call('PUT', `/v1/customers/${customerId}`, { name: 'Grace', email: `${customerId}@example.com`, locale: 'en' });
    const own = await send(keyed.baseUrl, 'GET', `/v1/journeys/win-back/previews?customerId=${customerId}`, { key: keys.marketer });
    expect(own.body).toMatchObject({ customer: { id: customerId, sample: false }, locale: 'en' });
    expect(own.body.messages.map((m: { template: string }) => m.template)).toEqual(['winback-reminder', 'winback-coupon']);
    expect(own.body.messages.every((m: { text: string }) => m.text.startsWith('Hi Grace,'))).toBe(true);
    const zh = await send(keyed.baseUrl, 'GET', `/v1/journeys/win-back/previews?customerId=${customerId}&locale=zh-CN`, { key: keys.marketer });
    expect(zh.body.messages[0].locale).toBe('zh-CN');
  });

  it('says what is wrong: unknown journey or customer 404, an unknown locale 400, an agent 403', async () => {
    expect((await send(keyed.baseUrl, 'GET', '/v1/journeys/nope/previews', { key: keys.marketer })).status).toBe(404);
    expect((await send(keyed.baseUrl, 'GET', '/v1/journeys/welcome/previews?customerId=nobody-here', { key: keys.marketer })).body.detail).toBe('No customer "nobody-here".');
    expect((await send(keyed.baseUrl, 'GET', '/v1/journeys/welcome/previews?locale=fr', { key: keys.marketer })).status).toBe(400);
    const refused = await send(keyed.baseUrl, 'GET', '/v1/journeys/welcome/previews', { key: keys.agent });
    expect(refused.status).toBe(403);
    expect(refused.body.detail).toContain('needs the role "marketer"');
  });
});
