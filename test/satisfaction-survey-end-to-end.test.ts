import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type Harness, startHarness } from './support/api-harness.js';
import { eventually } from './support/eventually.js';

let api: Harness;
const unique = Date.now().toString(36);

beforeAll(async () => {
  api = await startHarness(`e2e-satisfaction-${unique}`);
});
afterAll(async () => {
  await api?.close();
});

describe('satisfaction follow-up on the real stack (seed 000, 满意度回访)', () => {
  it('a delivery starts the follow-up; the survey service’s low score ends it, opens a call-back task, tags the customer and lowers health', async () => {
    const customerId = `delivered-${unique}`;
    await api.call('PUT', `/v1/customers/${customerId}`, { email: `${customerId}@example.com`, name: 'Wang Fang', locale: 'zh-CN' });
    expect((await api.call('POST', '/v1/events', { customerId, type: 'order.delivered', properties: { orderId: 'o-77' } })).status).toBe(202);
    const waiting = await eventually(
      () => api.call('GET', `/v1/journeys/satisfaction-follow-up/runs/${customerId}`),
      (r) => r.body.currentStep === 'try-it-out',
      { what: 'the follow-up waiting a day before the survey' },
    );
    expect(waiting.body).toMatchObject({ status: 'RUNNING', waitingFor: '1 day' });

    expect((await api.call('POST', '/v1/events', { customerId, type: 'survey.completed', properties: { score: 2 } })).status).toBe(202);
    const finished = await eventually(
      () => api.call('GET', `/v1/journeys/satisfaction-follow-up/runs/${customerId}`),
      (r) => r.body.status === 'COMPLETED',
      { what: 'the follow-up ended by the answer' },
    );
    expect(finished.body).toMatchObject({ outcome: 'goal_reached', reason: 'survey.completed' });
    const tasks = await api.call('GET', `/v1/tasks?status=open&customerId=${customerId}`);
    expect(tasks.body.tasks).toMatchObject([{ queue: 'customer-success', title: 'Call back: low satisfaction score after delivery' }]);
    const customer = await eventually(
      () => api.call('GET', `/v1/customers/${customerId}`),
      (r) => r.body.tags?.includes('low-csat') && r.body.health?.components?.satisfaction === -0.5,
      { what: 'the tag and the satisfaction in the health score' },
    );
    expect(customer.body.health.score).toBeLessThan(50);
  });
});
