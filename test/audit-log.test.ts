import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { eventually } from './support/eventually.js';
import { ApprovalModel } from '../store/models/approval.js';
import { AuditEntryModel } from '../store/models/audit-entry.js';
import { CustomerModel } from '../store/models/customer.js';
import { TaskModel } from '../store/models/task.js';
import { type Harness, startHarness } from './support/api-harness.js';
import { addPeople, PASSWORD, send, type Session, signIn, startApiWithKeys } from './support/people.js';

const unique = Date.now().toString(36);
const keys = { admin: `audit-admin-${unique}-0123456789`, shop: `audit-shop-${unique}-0123456789` };

let api: Harness;
let app: { baseUrl: string; close(): Promise<void> };
let people: Awaited<ReturnType<typeof addPeople>>;
let agent: Session;
const customerId = `audit-${unique}`;

beforeAll(async () => {
  api = await startHarness(`audit-${unique}`);
  app = await startApiWithKeys(api, [
    { name: 'ops', key: keys.admin, role: 'admin' },
    { name: 'shop', key: keys.shop, role: 'agent' },
  ]);
  people = await addPeople(`a-${unique}`);
  agent = await signIn(app.baseUrl, people.agent, PASSWORD);
  await send(app.baseUrl, 'PUT', `/v1/customers/${customerId}`, { key: keys.admin, body: { name: 'Audit Test' } });
});

afterAll(async () => {
  await app?.close();
  await api?.close();
});

const entriesFor = async (target: string) => (await send(app.baseUrl, 'GET', `/v1/audit?target=${encodeURIComponent(target)}`, { key: keys.admin })).body.entries;

describe('every write through the API is in the audit log, with its actor', () => {
  it('a stage change by a person: who, when, the route, the stage from → to and why; the stage history names the person', async () => {
    await CustomerModel.updateOne({ _id: customerId }, { $set: { stage: 'active' } });
    const before = Date.now();
    const changed = await send(app.baseUrl, 'POST', `/v1/customers/${customerId}/stage`, { body: { stage: 'cold', reason: 'asked to pause' }, cookie: agent.cookie, csrf: agent.csrf });
    expect(changed.status).toBe(202);
    const [entry] = await entriesFor(customerId);
    expect(entry).toMatchObject({
      actor: { kind: 'user', name: people.agent, role: 'agent' },
      method: 'POST',
      route: '/v1/customers/:id/stage',
      target: customerId,
      field: 'stage',
      from: 'active',
      to: 'cold',
      reason: 'asked to pause',
      status: 202,
    });
    expect(new Date(entry.at).getTime()).toBeGreaterThanOrEqual(before - 1000);
    const customer = await eventually(() => CustomerModel.findById(customerId).lean(), (found) => found?.stage === 'cold', { what: 'the stage set by the agent' });
    expect(customer!.stageHistory.at(-1)).toMatchObject({ to: 'cold', reason: 'asked to pause', source: `person:${people.agent}` });
  });

  it('an enrolment and a run ended by hand keep the reason given', async () => {
    const enrolled = await send(app.baseUrl, 'POST', '/v1/journeys/nurture/enrollments', { key: keys.shop, body: { customerId, reason: 'asked for the newsletter at the fair' } });
    expect(enrolled.status).toBe(201);
    const ended = await send(app.baseUrl, 'POST', `/v1/journeys/nurture/runs/${customerId}/end`, { key: keys.shop, body: { reason: 'changed their mind' } });
    expect(ended.status).toBe(202);
    const [end, enrolment] = await entriesFor(customerId);
    expect(enrolment).toMatchObject({ route: '/v1/journeys/:id/enrollments', field: 'journey', to: 'nurture', reason: 'asked for the newsletter at the fair' });
    expect(end).toMatchObject({ route: '/v1/journeys/:id/runs/:customerId/end', field: 'run:nurture', to: 'exited', reason: 'changed their mind' });
  });

  it('a task completion by an API key: the outcome, and completedBy on the task; assignedBy too', async () => {
    const taskId = `audit-task-${unique}`;
    await TaskModel.create({ _id: taskId, taskKey: taskId, customerId, title: 'Call back', queue: 'support', dueAt: new Date() });
    expect((await send(app.baseUrl, 'POST', `/v1/tasks/${taskId}/assign`, { key: keys.shop, body: { assignee: 'li.na' } })).status).toBe(200);
    const done = await send(app.baseUrl, 'POST', `/v1/tasks/${taskId}/complete`, { key: keys.shop, body: { outcome: 'reached', note: 'all good' } });
    expect(done.status).toBe(200);
    expect(done.body.completedBy).toEqual({ kind: 'key', name: 'shop', role: 'agent' });
    const task = await TaskModel.findById(taskId).lean();
    expect(task).toMatchObject({ completedBy: { kind: 'key', name: 'shop', role: 'agent' }, assignedBy: { kind: 'key', name: 'shop', role: 'agent' } });
    const [completed, assigned] = await entriesFor(taskId);
    expect(completed).toMatchObject({ actor: { kind: 'key', name: 'shop', role: 'agent' }, route: '/v1/tasks/:id/complete', field: 'outcome', from: null, to: 'reached' });
    expect(assigned).toMatchObject({ route: '/v1/tasks/:id/assign', field: 'assignee', to: 'li.na' });
  });

  it('an approval decision by a person: pending → rejected, and decidedBy on the approval', async () => {
    const approvalId = `audit-approval-${unique}`;
    await ApprovalModel.create({
      _id: approvalId,
      approvalKey: approvalId,
      kind: 'stage-change',
      customerId,
      reason: 'high value to cold',
      stageChange: { from: 'high_value', to: 'cold', reason: 'test', source: 'api' },
    });
    const decided = await send(app.baseUrl, 'POST', `/v1/approvals/${approvalId}`, { body: { decision: 'rejected' }, cookie: agent.cookie, csrf: agent.csrf });
    expect(decided.status).toBe(200);
    expect((await ApprovalModel.findById(approvalId).lean())?.decidedBy).toEqual({ kind: 'user', name: people.agent, role: 'agent' });
    const [entry] = await entriesFor(approvalId);
    expect(entry).toMatchObject({ actor: { kind: 'user', name: people.agent }, route: '/v1/approvals/:id', field: 'decision', from: 'pending', to: 'rejected' });
  });

  it('consent from → to, and the stage rules version', async () => {
    await send(app.baseUrl, 'PUT', `/v1/customers/${customerId}/consent`, { key: keys.shop, body: { channel: 'email', status: 'opted_in' } });
    await send(app.baseUrl, 'PUT', `/v1/customers/${customerId}/consent`, { key: keys.shop, body: { channel: 'email', status: 'opted_out' } });
    const [out, inn] = await entriesFor(customerId);
    expect(inn).toMatchObject({ field: 'consent.email', from: null, to: 'opted_in' });
    expect(out).toMatchObject({ field: 'consent.email', from: 'opted_in', to: 'opted_out' });
  });

  it('records no refused or failed write, and no events', async () => {
    const count = await AuditEntryModel.countDocuments();
    const taskId = `audit-task-${unique}`;
    expect((await send(app.baseUrl, 'POST', `/v1/tasks/${taskId}/complete`, { key: keys.shop, body: { outcome: 'again' } })).status).toBe(409);
    expect((await send(app.baseUrl, 'POST', `/v1/customers/${customerId}/stage`, { key: keys.shop, body: { stage: 'sleepy', reason: 'x' } })).status).toBe(400);
    expect((await send(app.baseUrl, 'POST', `/v1/customers/${customerId}/merge`, { key: keys.shop, body: { otherId: 'x' } })).status).toBe(403);
    expect((await send(app.baseUrl, 'POST', '/v1/events', { key: keys.shop, body: { customerId, type: 'customer.interacted' } })).status).toBe(202);
    expect((await send(app.baseUrl, 'POST', '/v1/events:batch', { key: keys.shop, body: { events: [{ customerId, type: 'customer.interacted' }] } })).status).toBe(202);
    expect(await AuditEntryModel.countDocuments()).toBe(count);
  });

  it('records signing in and out', async () => {
    const session = await signIn(app.baseUrl, people.marketer, PASSWORD);
    await send(app.baseUrl, 'DELETE', '/v1/session', { cookie: session.cookie, csrf: session.csrf });
    const [out, inn] = await entriesFor(people.marketer);
    expect(inn).toMatchObject({ actor: { kind: 'user', name: people.marketer }, method: 'POST', route: '/v1/session' });
    expect(out).toMatchObject({ actor: { kind: 'user', name: people.marketer }, method: 'DELETE', route: '/v1/session' });
  });
});

describe('GET /v1/audit', () => {
  it('filters by actor and target, latest first, up to the limit', async () => {
    const byAgent = (await send(app.baseUrl, 'GET', `/v1/audit?actor=${people.agent}&limit=50`, { key: keys.admin })).body.entries;
    expect(byAgent.length).toBeGreaterThanOrEqual(3); // signed in, stage change, approval
    expect(byAgent.every((e: { actor: { name: string } }) => e.actor.name === people.agent)).toBe(true);
    const times = byAgent.map((e: { at: string }) => Date.parse(e.at));
    expect(times).toEqual([...times].sort((a, b) => b - a));
    const one = await send(app.baseUrl, 'GET', `/v1/audit?actor=shop&target=${customerId}&limit=1`, { key: keys.admin });
    expect(one.body.entries).toHaveLength(1);
    expect(one.body.entries[0]).toMatchObject({ actor: { name: 'shop' }, target: customerId, field: 'consent.email', to: 'opted_out' });
    expect((await send(app.baseUrl, 'GET', '/v1/audit?limit=0', { key: keys.admin })).status).toBe(400);
  });
});
