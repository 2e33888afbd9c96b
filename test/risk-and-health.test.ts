import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { type Harness, startHarness } from './support/api-harness.js';
import { eventually } from './support/eventually.js';
import { emailsTo } from './support/mail-sink.js';

let api: Harness;
const unique = Date.now().toString(36);

beforeAll(async () => {
  api = await startHarness(`e2e-risk-${unique}`);
});

afterAll(async () => {
  await api?.close();
});

async function lifecyclesWhere(query: string): Promise<string[]> {
  const ids: string[] = [];
  for await (const run of api.client.workflow.list({ query: `WorkflowType = "customerLifecycle" AND ${query}` })) ids.push(run.workflowId);
  return ids;
}

const openReviews = (customerId: string) => api.call('GET', `/v1/tasks?queue=urgent-review&status=open&customerId=${customerId}`);

describe('health score and risk signals (real stack)', () => {
  it('a happy customer’s health rises with orders and a good survey', async () => {
    const customerId = `happy-${unique}`;
    await api.call('POST', '/v1/events', { customerId, type: 'customer.registered' });
    await api.call('POST', '/v1/events', { customerId, type: 'order.placed', properties: { orderTotal: 80 } });
    await api.call('POST', '/v1/events', { customerId, type: 'order.placed', properties: { orderTotal: 120 } });
    await api.call('POST', '/v1/events', { customerId, type: 'survey.completed', properties: { score: 5 } });
    const customer = await eventually(
      () => api.call('GET', `/v1/customers/${customerId}`),
      (r) => r.body.orders === 2 && r.body.health?.components?.satisfaction === 1,
      { what: 'health after four events' },
    );
    expect(customer.body.health.score).toBeGreaterThan(70);
    expect(customer.body.stage).toBe('active');

    // Ops find customers by health in the Temporal UI: the lifecycle mirrors the score.
    const healthy = await eventually(
      () => lifecyclesWhere(`CustomerId = "${customerId}" AND HealthScore > 70`),
      (ids) => ids.length === 1,
      { what: 'the lifecycle found by HealthScore' },
    );
    expect(healthy).toEqual([`customer-${customerId}`]);
    expect(await lifecyclesWhere(`CustomerId = "${customerId}" AND HealthScore < 50`)).toEqual([]);
  });

  it('an angry message lowers the score and opens an urgent review at once; marketing waits until it is closed', async () => {
    const customerId = `angry-${unique}`;
    const email = `${customerId}@example.com`;
    await api.call('PUT', `/v1/customers/${customerId}`, { email, name: 'Lee' });
    await api.call('PUT', `/v1/customers/${customerId}/consent`, { channel: 'email', status: 'opted_in' });
    await api.call('POST', '/v1/events', { customerId, type: 'customer.interacted', properties: { text: '你们的服务太差了,我要退款!' } });
    const review = await eventually(() => openReviews(customerId), (r) => r.body.tasks.length === 1, { what: 'the urgent review task' });
    expect(review.body.tasks[0].title).toContain('negative message');
    const angry = (await api.call('GET', `/v1/customers/${customerId}`)).body;
    expect(angry.health.score).toBeLessThan(50);

    await api.call('POST', `/v1/customers/${customerId}/stage`, { stage: 'new', reason: 'test: welcome while under review' });
    await new Promise((resolve) => setTimeout(resolve, 3_000));
    expect(await emailsTo(inject('mailSinkUrl'), email)).toEqual([]);

    await api.call('POST', `/v1/tasks/${review.body.tasks[0].id}/complete`, { outcome: 'called the customer, resolved' });
    await eventually(() => emailsTo(inject('mailSinkUrl'), email), (mails) => mails.length === 1, { what: 'the held welcome email', timeoutMs: 45_000 });
  }, 90_000);

  it('a complaint opens an urgent review too; a neutral question does not', async () => {
    const customerId = `complaint-${unique}`;
    await api.call('POST', '/v1/events', { customerId, type: 'customer.interacted', properties: { text: 'Can I change my delivery address?' } });
    await api.call('POST', '/v1/events', { customerId, type: 'complaint.filed', properties: { text: 'Broken on arrival' } });
    const reviews = await eventually(() => openReviews(customerId), (r) => r.body.tasks.length >= 1, { what: 'the complaint review' });
    expect(reviews.body.tasks.map((t: { title: string }) => t.title)).toEqual(['Urgent review: complaint filed']);
  });
});
