import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { journeyWorkflowId } from '../temporal/journey-runner.js';
import { TaskModel } from '../store/models/task.js';
import { CustomerId, JourneyId, Outcome } from '../workflows/search-attributes.js';
import { type Harness, startHarness } from './support/api-harness.js';
import { eventually } from './support/eventually.js';
import { emailsTo } from './support/mail-sink.js';

let api: Harness;
const unique = Date.now().toString(36);

beforeAll(async () => {
  api = await startHarness(`e2e-welcome-${unique}`);
});

afterAll(async () => {
  await api?.close();
});

describe('case A-1: a stage change to "new" starts the welcome journey (real Temporal, store and SMTP)', () => {
  const customerId = `a1-${unique}`;
  const email = `a1-${unique}@example.com`;

  it('creates the profile', async () => {
    const created = await api.call('PUT', `/v1/customers/${customerId}`, { email: ` ${email.toUpperCase()} `, name: '李雷', locale: 'zh-CN' });
    expect(created.status).toBe(201);
    await api.call('PUT', `/v1/customers/${customerId}/consent`, { channel: 'email', status: 'opted_in' });
    expect(created.body).toMatchObject({ id: customerId, email, name: '李雷', stage: null });
    const updated = await api.call('PUT', `/v1/customers/${customerId}`, { timezone: 'Asia/Shanghai' });
    expect(updated.status).toBe(200);
    expect(updated.body).toMatchObject({ email, timezone: 'Asia/Shanghai' });
  });

  it('sends the welcome email and opens the survey task when the stage is set to new', async () => {
    const moved = await api.call('POST', `/v1/customers/${customerId}/stage`, { stage: 'new', reason: 'imported from CRM' });
    expect(moved).toMatchObject({ status: 202, body: { customerId, stage: 'new', status: 'accepted' } });

    const [welcomeEmail] = await eventually(() => emailsTo(inject('mailSinkUrl'), email), (mails) => mails.length > 0, { what: 'the welcome email' });
    expect(welcomeEmail!.subject).toBe('欢迎加入Tideway,李雷');
    expect(welcomeEmail!.text).toContain('http://tideway.test/survey');
    const task = await eventually(() => TaskModel.findOne({ customerId }).lean(), Boolean, { what: 'the survey task' });
    expect(task).toMatchObject({ title: 'Complete the welcome survey', queue: 'customer', status: 'open' });
  });

  it('moves the customer to nurturing with the completion time when the survey is done', async () => {
    const before = Date.now();
    const accepted = await api.call('POST', '/v1/events', { eventId: `survey-${unique}`, customerId, type: 'survey.completed' });
    expect(accepted).toMatchObject({ status: 202, body: { status: 'accepted' } });

    const handle = api.client.workflow.getHandle(journeyWorkflowId('welcome', customerId));
    expect(await handle.result()).toBe('goal_reached');

    // The journey asked the customer's lifecycle, the one writer of the stage, which records the change.
    const customer = (await eventually(() => api.call('GET', `/v1/customers/${customerId}`), (r) => r.body.stage === 'nurturing', { what: 'the stage nurturing' })).body;
    expect(customer.stageHistory.map((h: { from: string; to: string; source: string }) => [h.from, h.to, h.source])).toEqual([
      [null, 'new', 'api'],
      ['new', 'nurturing', 'journey:welcome'],
    ]);
    expect(Date.parse(customer.stageChangedAt)).toBeGreaterThanOrEqual(before - 1000);
    expect(customer.runs).toContainEqual(expect.objectContaining({ journeyId: 'welcome', status: 'finished', outcome: 'goal_reached' }));
    // Entering nurturing starts the next journey.
    const nurture = await eventually(() => api.client.workflow.getHandle(journeyWorkflowId('nurture', customerId)).describe(), (d) => d.status.name === 'RUNNING', { what: 'the nurture run' });
    expect(nurture.status.name).toBe('RUNNING');
    // Ops find the customer by the stage the journey set: the lifecycle mirrored it to its Stage search attribute.
    const query = `WorkflowType = "customerLifecycle" AND CustomerId = "${customerId}" AND Stage = "nurturing"`;
    await eventually(async () => (await api.client.workflow.count(query)).count, (count) => count === 1, { what: query });
    // One welcome email (the nurture journey, entered just now, may already have sent its first).
    expect((await emailsTo(inject('mailSinkUrl'), email)).map((m) => m.subject).filter((subject) => subject.startsWith('欢迎加入'))).toHaveLength(1);
  });

  it('is findable in Temporal by CustomerId and JourneyId, with its outcome', async () => {
    const query = `CustomerId = "${customerId}" AND JourneyId = "welcome"`;
    const runs = await eventually(
      async () => {
        const found = [];
        for await (const run of api.client.workflow.list({ query })) found.push(run);
        return found;
      },
      (found) => found.length === 1 && found[0]!.status.name === 'COMPLETED',
      { what: `a completed run matching ${query}` },
    );
    const attributes = runs[0]!.typedSearchAttributes;
    expect(attributes.get(CustomerId)).toBe(customerId);
    expect(attributes.get(JourneyId)).toBe('welcome');
    expect(attributes.get(Outcome)).toBe('goal_reached');
  });

  it('reports the run', async () => {
    const report = (await api.call('GET', '/v1/reports/journeys/welcome')).body;
    expect(report.entered).toBeGreaterThanOrEqual(1);
    expect(report.completed).toBeGreaterThanOrEqual(1);
    expect(report.entered).toBe(report.completed + report.inProgress);
    expect(report.steps.find((s: { key: string }) => s.key === 'to-nurturing').passed).toBeGreaterThanOrEqual(1);
    expect(report.outcomes).toContainEqual({ outcome: 'goal_reached', reason: 'survey.completed', count: expect.any(Number) });
  });

  it('lists a customer moved to the cold pool with the reason', async () => {
    const cold = `cold-${unique}`;
    await api.call('PUT', `/v1/customers/${cold}`, { name: 'Cold' });
    await api.call('POST', `/v1/customers/${cold}/stage`, { stage: 'cold', reason: '唤醒失败: no answer to three calls' });
    const listed = (body: { customers: { customerId: string }[] }) => body.customers.some((c) => c.customerId === cold);
    const report = (await eventually(() => api.call('GET', '/v1/reports/cold-pool'), (r) => listed(r.body), { what: 'the customer in the cold pool' })).body;
    expect(report.customers).toContainEqual({ customerId: cold, since: expect.any(String), reason: '唤醒失败: no answer to three calls', by: 'api' });
    expect(report.count).toBeGreaterThanOrEqual(1);
  });
});

describe('customer.registered over HTTP', () => {
  it('starts one welcome run, and a redelivered event is acted on once', async () => {
    const customerId = `reg-${unique}`;
    const email = `reg-${unique}@example.com`;
    await api.call('PUT', `/v1/customers/${customerId}`, { email, name: 'Ada' });
    await api.call('PUT', `/v1/customers/${customerId}/consent`, { channel: 'email', status: 'opted_in' });
    const event = { eventId: `registered-${unique}`, customerId, type: 'customer.registered' };
    expect((await api.call('POST', '/v1/events', event)).body.status).toBe('accepted');
    // Redelivered before the lifecycle applied it, it is handed over again (and ignored); after, a duplicate.
    await eventually(() => api.call('POST', '/v1/events', event), (r) => r.body.status === 'duplicate', { what: 'the event reported applied' });

    await eventually(() => emailsTo(inject('mailSinkUrl'), email), (mails) => mails.length === 1, { what: 'one welcome email' });
    const customer = (await api.call('GET', `/v1/customers/${customerId}`)).body;
    expect(customer.stage).toBe('new');
    expect(customer.stageHistory).toHaveLength(1);
    const described = await api.client.workflow.getHandle(journeyWorkflowId('welcome', customerId)).describe();
    expect(described.status.name).toBe('RUNNING');
    expect(described.typedSearchAttributes.get(CustomerId)).toBe(customerId);
  });

  it('records an unknown event type and starts nothing', async () => {
    const customerId = `unknown-${unique}`;
    const accepted = await api.call('POST', '/v1/events', { customerId, type: 'newsletter.opened', properties: { issue: 42 } });
    expect(accepted.status).toBe(202);
    // The lifecycle makes the customer on their first event.
    const customer = (await eventually(() => api.call('GET', `/v1/customers/${customerId}`), (r) => r.status === 200, { what: 'the customer' })).body;
    expect(customer).toMatchObject({ stage: null, runs: [] });
  });
});
