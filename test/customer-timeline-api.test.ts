import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createApp } from '../api/app.js';
import { ApprovalModel } from '../store/models/approval.js';
import { MessageModel } from '../store/models/message.js';
import { TaskModel } from '../store/models/task.js';
import { type Harness, startHarness } from './support/api-harness.js';
import { eventually } from './support/eventually.js';
import { send } from './support/people.js';

const unique = Date.now().toString(36);
const customerId = `tl-${unique}`;
const email = `tl.${unique}@example.com`;
const viewerKey = `timeline-viewer-${unique}-0123456789`;
const adminKey = `timeline-admin-${unique}-0123456789`;

let api: Harness;
let app: { baseUrl: string; close(): Promise<void> };
type Item = { at: string; kind: string; [field: string]: any };

beforeAll(async () => {
  api = await startHarness(`timeline-${unique}`);
  // An API whose runs link to a Temporal UI of its own: the link is built from the setting.
  const server = await new Promise<import('node:http').Server>((resolve) => {
    const s = createApp({
      temporal: api.client,
      taskQueue: api.taskQueue,
      apiKeys: [
        { name: 'ops', key: adminKey, role: 'admin' },
        { name: 'wall', key: viewerKey, role: 'viewer' },
      ],
      temporalUiUrl: 'http://temporal-ui.test:8233/',
      handoffSweepMs: 60_000,
      log: (line) => console.error(line),
    }).listen(0, '127.0.0.1', () => resolve(s));
  });
  app = { baseUrl: `http://127.0.0.1:${(server.address() as import('node:net').AddressInfo).port}`, close: () => new Promise((resolve) => server.close(() => resolve())) };

  expect((await api.call('PUT', `/v1/customers/${customerId}`, { email, name: 'Grace Hopper', locale: 'en' })).status).toBe(201);
  await api.call('PUT', `/v1/customers/${customerId}/consent`, { channel: 'email', status: 'opted_in' });
  // Case A-1 through the real stack: the stage `new` starts the welcome journey, which sends the email and opens the survey task.
  expect((await api.call('POST', `/v1/customers/${customerId}/stage`, { stage: 'new', reason: 'signed up' })).status).toBe(202);
  await eventually(() => MessageModel.findOne({ customerId, template: 'welcome', status: 'sent' }).lean(), Boolean, { what: 'the welcome email sent' });
  await eventually(() => TaskModel.findOne({ customerId }).lean(), Boolean, { what: 'the survey task' });
  await ApprovalModel.create({ _id: `tl-approval-${unique}`, approvalKey: `tl-approval-${unique}`, customerId, reason: 'sensitive customer: approve contact' });
  expect((await api.call('POST', '/v1/events', { eventId: `tl-click-${unique}`, customerId, type: 'email.clicked', properties: { email, link: 'handbook' } })).status).toBe(202);
});

afterAll(async () => {
  await app?.close();
  await api?.close();
});

const timeline = (query = '', key = adminKey) => send(app.baseUrl, 'GET', `/v1/customers/${customerId}/timeline${query}`, { key });

describe("GET /v1/customers/:id/timeline: the customer's story in one list, newest first", () => {
  it('holds the stage change, the welcome run with its Temporal UI link, the email, the task, the approval and the events', async () => {
    const { status, body } = await eventually(() => timeline(), (r) => r.body.items?.some((i: Item) => i.kind === 'event' && i.type === 'email.clicked' && i.applied), {
      what: 'the click on the timeline, applied by the lifecycle',
    });
    expect(status).toBe(200);
    const items: Item[] = body.items;
    const times = items.map((i) => Date.parse(i.at));
    expect(times).toEqual([...times].sort((a, b) => b - a));

    expect(items.find((i) => i.kind === 'stage')).toMatchObject({ from: null, to: 'new', reason: 'signed up', source: 'api' });
    const run = items.find((i) => i.kind === 'run')!;
    expect(run).toMatchObject({ journeyId: 'welcome', status: 'running', outcome: null, workflowId: expect.any(String), runId: expect.any(String) });
    expect(run.temporalUrl).toBe(`http://temporal-ui.test:8233/namespaces/default/workflows/${encodeURIComponent(run.workflowId)}/${run.runId}/history`);
    const described = await api.client.workflow.getHandle(run.workflowId).describe();
    expect(described.runId).toBe(run.runId);

    expect(items.find((i) => i.kind === 'message')).toMatchObject({ channel: 'email', template: 'welcome', status: 'sent', subject: 'Welcome to Tideway, Grace Hopper', reason: null, sentAt: expect.any(String) });
    expect(items.find((i) => i.kind === 'message')).not.toHaveProperty('to');
    expect(items.find((i) => i.kind === 'task')).toMatchObject({ title: 'Complete the welcome survey', queue: 'customer', status: 'open', assignee: null, dueAt: expect.any(String), journeyId: 'welcome' });
    expect(items.find((i) => i.kind === 'approval')).toMatchObject({ id: `tl-approval-${unique}`, reason: 'sensitive customer: approve contact', status: 'pending', decidedBy: null });
    expect(items.find((i) => i.kind === 'event' && i.type === 'email.clicked')).toMatchObject({ eventId: `tl-click-${unique}`, properties: { email, link: 'handbook' }, parked: false });
    expect(new Set(items.map((i) => i.kind))).toEqual(new Set(['event', 'message', 'task', 'approval', 'run', 'stage']));
  });

  it('pages back in time with `next` as `before`, without repeating an item', async () => {
    const key = (i: Item) => `${i.kind} ${i.at} ${i.id ?? i.eventId ?? i.runId ?? i.to}`;
    const all: Item[] = (await timeline()).body.items;
    expect(all.length).toBeGreaterThanOrEqual(6);
    const first = await timeline('?limit=3');
    expect(first.body.items.map(key)).toEqual(all.slice(0, 3).map(key));
    expect(first.body.next).toBe(all[2]!.at);
    const second = await timeline(`?limit=3&before=${encodeURIComponent(first.body.next)}`);
    expect(second.body.items.map(key)).toEqual(all.slice(3, 6).map(key));
    const last = await timeline(`?limit=500&before=${encodeURIComponent(all.at(-1)!.at)}`);
    expect(last.body).toMatchObject({ items: [], next: null });
  });

  it("masks the customer's name and email for a viewer, in subjects and event properties too", async () => {
    const { status, body } = await timeline('', viewerKey);
    expect(status).toBe(200);
    expect(body.items.find((i: Item) => i.kind === 'message').subject).toBe('Welcome to Tideway, G•••');
    expect(body.items.find((i: Item) => i.kind === 'event' && i.type === 'email.clicked').properties.email).toBe('t•••@example.com');
    expect(JSON.stringify(body)).not.toMatch(/Grace|Hopper|tl\.[a-z0-9]+@/);
  });

  it('answers an empty story for a customer who has only a profile (no stage, no tags, nothing sent yet)', async () => {
    const bare = `bare-${Date.now().toString(36)}`;
    expect((await api.call('PUT', `/v1/customers/${bare}`, { name: 'Bare' })).status).toBe(201);
    expect((await api.call('GET', `/v1/customers/${bare}/timeline`)).body).toEqual({ customerId: bare, items: [], next: null });
    expect((await api.call('GET', `/v1/customers/${bare}`)).body).toMatchObject({ tags: [], stageHistory: [], stage: null });
  });

  it('404 for an unknown customer; 400 for a bad limit or before', async () => {
    const unknown = await send(app.baseUrl, 'GET', `/v1/customers/nobody-${unique}/timeline`, { key: adminKey });
    expect(unknown.status).toBe(404);
    expect(unknown.type).toContain('application/problem+json');
    expect((await timeline('?limit=0')).status).toBe(400);
    expect((await timeline('?before=yesterday')).status).toBe(400);
  });
});
