import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { holdWhileUnderReview } from '../activities/review-hold.js';
import { loadTaskRouting } from '../config/task-routing.js';
import { defineJourney, type Step } from '../domain/journey.js';
import { winBack } from '../journeys/win-back.js';
import { JourneyRunner } from '../temporal/journey-runner.js';
import { type Harness, startHarness } from './support/api-harness.js';
import { eventually } from './support/eventually.js';

let api: Harness;
const unique = Date.now().toString(36);

beforeAll(async () => {
  api = await startHarness(`e2e-task-routing-${unique}`, { taskRouting: loadTaskRouting() });
});

afterAll(async () => {
  await api?.close();
});

const tasksOf = (customerId: string, query = '') => api.call('GET', `/v1/tasks?customerId=${customerId}${query}`);

describe('task routing (real stack, config/task-routing.json)', () => {
  it('a complaint’s urgent review lands in the complaints team’s queue; it can be assigned, and it still holds marketing until completed', async () => {
    const customerId = `complaint-${unique}`;
    await api.call('PUT', `/v1/customers/${customerId}`, { email: `${customerId}@example.com`, name: 'Ann' });
    await api.call('POST', '/v1/events', { customerId, type: 'complaint.filed', properties: { text: 'Broken on arrival' } });
    const open = await eventually(() => api.call('GET', '/v1/tasks?queue=complaints&status=open'), (r) => r.body.tasks.some((t: any) => t.customerId === customerId), {
      what: 'the complaint review in the complaints queue',
    });
    const review = open.body.tasks.find((t: any) => t.customerId === customerId);
    expect(review).toMatchObject({ title: 'Urgent review: complaint filed', queue: 'complaints', requestedQueue: 'urgent-review', routedBy: 'complaints-team', priority: 'urgent', status: 'open' });
    expect((await tasksOf(customerId, '&requestedQueue=urgent-review')).body.tasks.map((t: any) => t.id)).toEqual([review.id]);
    await expect(holdWhileUnderReview(customerId)).rejects.toThrow(/open urgent review/);

    const assigned = await api.call('POST', `/v1/tasks/${review.id}/assign`, { assignee: 'li.wei' });
    expect(assigned).toMatchObject({ status: 200, body: { id: review.id, assignee: 'li.wei', queue: 'complaints' } });
    expect((await api.call('GET', '/v1/tasks?assignee=li.wei&status=open')).body.tasks.map((t: any) => t.id)).toContain(review.id);
    expect((await api.call('POST', `/v1/tasks/${review.id}/assign`, { assignee: '' })).status).toBe(400);
    expect((await api.call('POST', '/v1/tasks/0123456789abcdef01234567/assign', { assignee: 'x' })).status).toBe(404);

    expect((await api.call('POST', `/v1/tasks/${review.id}/complete`, { outcome: 'refunded' })).body.status).toBe('completed');
    await expect(holdWhileUnderReview(customerId)).resolves.toBeUndefined();
    const late = await api.call('POST', `/v1/tasks/${review.id}/assign`, { assignee: 'sam' });
    expect(late.status).toBe(409);
    expect(late.type).toContain('application/problem+json');
    expect((await api.call('GET', '/v1/tasks?status=done')).status).toBe(400);
  });

  it('an angry message’s review goes to the complaints team too', async () => {
    const customerId = `angry-${unique}`;
    await api.call('POST', '/v1/events', { customerId, type: 'customer.interacted', properties: { text: '你们的服务太差了,我要退款!' } });
    const reviews = await eventually(() => tasksOf(customerId, '&status=open'), (r) => r.body.tasks.length === 1, { what: 'the urgent review' });
    expect(reviews.body.tasks[0]).toMatchObject({ queue: 'complaints', requestedQueue: 'urgent-review', routedBy: 'urgent-reviews-to-complaints-team', priority: 'high' });
  });

  it('a high-value customer’s win-back call lands in the senior team’s queue; completing it reaches the run, which goes on', async () => {
    const customerId = `high-value-${unique}`;
    await api.call('PUT', `/v1/customers/${customerId}`, { email: `${customerId}@example.com`, name: 'Vic' });
    await api.call('POST', `/v1/customers/${customerId}/stage`, { stage: 'high_value', reason: 'test: a high-value customer' });
    await eventually(() => api.call('GET', `/v1/customers/${customerId}`), (r) => r.body.stage === 'high_value', { what: 'the high-value stage' });

    // Win-back's own call step, without the week of reminders before it (real time on the dev server).
    const call = winBack.steps.find((step) => step.key === 'call') as Step;
    const journey = defineJourney({ id: 'win-back-call', name: 'The win-back call', entry: winBack.entry, reentry: 'always', steps: [call, { kind: 'tag', key: 'called', add: ['win-back-called'] }] });
    const started = await new JourneyRunner(api.client, api.taskQueue).start(journey, customerId, 'test:routing');

    const open = await eventually(() => api.call('GET', '/v1/tasks?queue=senior-success&status=open'), (r) => r.body.tasks.some((t: any) => t.customerId === customerId), {
      what: 'the call task in the senior team’s queue',
    });
    const task = open.body.tasks.find((t: any) => t.customerId === customerId);
    expect(task).toMatchObject({ title: 'Call the silent customer', requestedQueue: 'customer-success', routedBy: 'high-value-to-senior-team', priority: 'high', journeyId: 'win-back-call' });
    const slaMs = Date.parse(task.dueAt) - Date.parse(task.createdAt);
    expect(Math.abs(slaMs - 2 * 86_400_000)).toBeLessThan(60_000);
    expect((await api.call('GET', '/v1/tasks?queue=customer-success&status=open')).body.tasks.some((t: any) => t.customerId === customerId)).toBe(false);

    expect((await api.call('POST', `/v1/tasks/${task.id}/complete`, { outcome: 'called, will order again' })).status).toBe(200);
    expect(await api.client.workflow.getHandle(started.workflowId).result()).toBe('completed');
    expect((await api.call('GET', `/v1/customers/${customerId}`)).body.tags).toContain('win-back-called');
  });
});
