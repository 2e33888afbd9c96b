import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ApprovalModel } from '../store/models/approval.js';
import { JourneyRunModel } from '../store/models/journey-run.js';
import { TaskModel } from '../store/models/task.js';
import { journeyWorkflowId } from '../temporal/journey-runner.js';
import { type Harness, startHarness } from './support/api-harness.js';
import { eventually } from './support/eventually.js';
import { addPeople, PASSWORD, send, type Session, signIn, startApiWithKeys } from './support/people.js';

const unique = Date.now().toString(36);
const keys = { admin: `inbox-admin-${unique}-0123456789`, wall: `inbox-wall-${unique}-0123456789` };
const customerId = `inbox-${unique}`;

let api: Harness;
let app: { baseUrl: string; close(): Promise<void> };
let people: Awaited<ReturnType<typeof addPeople>>;
const as: Record<string, Session> = {};

beforeAll(async () => {
  api = await startHarness(`inbox-${unique}`);
  app = await startApiWithKeys(api, [
    { name: 'ops', key: keys.admin, role: 'admin' },
    { name: 'wall', key: keys.wall, role: 'viewer' },
  ]);
  people = await addPeople(`i-${unique}`);
  as.agent = await signIn(app.baseUrl, people.agent, PASSWORD);
  as.admin = await signIn(app.baseUrl, people.admin, PASSWORD);
  expect((await send(app.baseUrl, 'PUT', `/v1/customers/${customerId}`, { key: keys.admin, body: { name: 'Inbox Test' } })).status).toBe(201);
});

afterAll(async () => {
  await app?.close();
  await api?.close();
});

const asPerson = (who: string, method: string, path: string, body?: unknown) => send(app.baseUrl, method, path, { body, cookie: as[who]!.cookie, csrf: as[who]!.csrf });
const asKey = (key: string, method: string, path: string, body?: unknown) => send(app.baseUrl, method, path, { body, key });
const newTask = (suffix: string, fields: Record<string, unknown> = {}) =>
  TaskModel.create({ _id: `it-${unique}-${suffix}`, taskKey: `it-${unique}-${suffix}`, customerId, title: `Call ${suffix}`, queue: `inbox-${unique}`, dueAt: new Date(Date.now() + 3_600_000), ...fields });

describe('tasks: one task, claim, overdue and mine', () => {
  it('GET /v1/tasks/:id answers one task (a viewer may read it); 404 for an unknown one', async () => {
    await newTask('one');
    const answer = await asKey(keys.wall, 'GET', `/v1/tasks/it-${unique}-one`);
    expect(answer).toMatchObject({ status: 200, body: { id: `it-${unique}-one`, title: 'Call one', status: 'open', customerId } });
    expect((await asKey(keys.wall, 'GET', `/v1/tasks/none-${unique}`)).status).toBe(404);
    expect((await asKey(keys.wall, 'POST', `/v1/tasks/it-${unique}-one/claim`)).status).toBe(403);
  });

  it('claims an open task for the caller, records the first response once, and refuses a task someone else holds (409)', async () => {
    const id = `it-${unique}-claim`;
    await newTask('claim');
    const before = Date.now();
    const claimed = await asPerson('agent', 'POST', `/v1/tasks/${id}/claim`);
    expect(claimed.status).toBe(200);
    expect(claimed.body).toMatchObject({ id, assignee: people.agent, assignedBy: { kind: 'user', name: people.agent, role: 'agent' } });
    const firstResponseAt = Date.parse(claimed.body.firstResponseAt);
    expect(firstResponseAt).toBeGreaterThanOrEqual(before - 1000);
    // Claiming one's own task again changes nothing.
    expect((await asPerson('agent', 'POST', `/v1/tasks/${id}/claim`)).body).toMatchObject({ assignee: people.agent, firstResponseAt: claimed.body.firstResponseAt });
    const taken = await asPerson('admin', 'POST', `/v1/tasks/${id}/claim`);
    expect(taken.status).toBe(409);
    expect(taken.type).toContain('application/problem+json');
    expect(taken.body).toMatchObject({ title: 'Task held by someone else', assignee: people.agent });
    expect((await TaskModel.findById(id).lean())?.assignee).toBe(people.agent);
    // A later assignment is not a first response.
    await new Promise((resolve) => setTimeout(resolve, 20));
    expect((await asPerson('admin', 'POST', `/v1/tasks/${id}/assign`, { assignee: people.admin })).status).toBe(200);
    expect((await TaskModel.findById(id).lean())?.firstResponseAt?.getTime()).toBe(firstResponseAt);
    // In the audit log, with the actor; claiming one's own task again is not a change.
    const claims = (await asKey(keys.admin, 'GET', `/v1/audit?target=${encodeURIComponent(id)}&limit=10`)).body.entries.filter((e: { route: string }) => e.route === '/v1/tasks/:id/claim');
    expect(claims).toHaveLength(1);
    const [entry] = claims;
    expect(entry).toMatchObject({ actor: { kind: 'user', name: people.agent }, field: 'assignee', from: null, to: people.agent, status: 200 });
    expect((await asPerson('agent', 'POST', `/v1/tasks/claim-none-${unique}/claim`)).status).toBe(404);
  });

  it('a completion without an earlier response is the first response; a completed task cannot be claimed', async () => {
    const id = `it-${unique}-done`;
    await newTask('done');
    const done = await asPerson('agent', 'POST', `/v1/tasks/${id}/complete`, { outcome: 'reached' });
    expect(done.status).toBe(200);
    expect(done.body.firstResponseAt).toBe(done.body.completedAt);
    const claim = await asPerson('agent', 'POST', `/v1/tasks/${id}/claim`);
    expect(claim).toMatchObject({ status: 409, body: { title: 'Task already completed' } });
  });

  it('lists overdue tasks (open and past due) and the caller’s own (mine=true)', async () => {
    await newTask('late', { dueAt: new Date(Date.now() - 60_000) });
    await newTask('late-done', { dueAt: new Date(Date.now() - 60_000), status: 'completed' });
    await newTask('mine', { assignee: people.agent });
    const queue = `inbox-${unique}`;
    const ids = (answer: { body: { tasks: { id: string }[] } }) => answer.body.tasks.map((t) => t.id).sort();
    expect(ids(await asKey(keys.wall, 'GET', `/v1/tasks?queue=${queue}&overdue=true`))).toEqual([`it-${unique}-late`]);
    expect(ids(await asKey(keys.wall, 'GET', `/v1/tasks?queue=${queue}&overdue=false`))).not.toContain(`it-${unique}-late`);
    expect(ids(await asPerson('agent', 'GET', `/v1/tasks?queue=${queue}&mine=true`))).toEqual([`it-${unique}-mine`]);
    expect(ids(await asPerson('agent', 'GET', `/v1/tasks?queue=${queue}&assignee=${people.agent}`))).toEqual([`it-${unique}-mine`]);
    expect((await asPerson('agent', 'GET', `/v1/tasks?mine=true&assignee=x`)).status).toBe(400);
    expect((await asPerson('agent', 'GET', `/v1/tasks?overdue=yes`)).status).toBe(400);
  });
});

describe('approvals: by status and customer, and one approval', () => {
  it('lists pending by default, the others by status or all, for a customer; GET /v1/approvals/:id', async () => {
    const approval = (suffix: string, status: 'pending' | 'approved' | 'rejected') => ({ _id: `ia-${unique}-${suffix}`, approvalKey: `ia-${unique}-${suffix}`, customerId, reason: 'sensitive', status });
    await ApprovalModel.create([approval('p', 'pending'), approval('a', 'approved'), approval('r', 'rejected')]);
    const ids = async (query: string) => (await asKey(keys.wall, 'GET', `/v1/approvals${query}`)).body.approvals.map((a: { id: string }) => a.id).filter((id: string) => id.startsWith(`ia-${unique}`));
    expect(await ids('')).toEqual([`ia-${unique}-p`]);
    expect(await ids(`?customerId=${customerId}`)).toEqual([`ia-${unique}-p`]);
    expect(await ids(`?status=approved&customerId=${customerId}`)).toEqual([`ia-${unique}-a`]);
    expect((await ids(`?status=all&customerId=${customerId}`)).sort()).toEqual([`ia-${unique}-a`, `ia-${unique}-p`, `ia-${unique}-r`]);
    expect(await ids('?status=all&customerId=someone-else')).toEqual([]);
    expect((await asKey(keys.wall, 'GET', '/v1/approvals?status=maybe')).status).toBe(400);
    expect(await asKey(keys.wall, 'GET', `/v1/approvals/ia-${unique}-r`)).toMatchObject({ status: 200, body: { id: `ia-${unique}-r`, status: 'rejected', reason: 'sensitive' } });
    expect((await asKey(keys.wall, 'GET', `/v1/approvals/none-${unique}`)).status).toBe(404);
  });
});

describe('POST /v1/journeys/:id/runs/:customerId/end: a person ends a run', () => {
  const runner = `run-end-${unique}`;

  it('ends the running run through its own end signal: it finishes as exited with the reason, in its history and its report row', async () => {
    expect((await send(app.baseUrl, 'PUT', `/v1/customers/${runner}`, { key: keys.admin, body: { name: 'Run End' } })).status).toBe(201);
    expect((await asPerson('agent', 'POST', '/v1/journeys/nurture/enrollments', { customerId: runner })).status).toBe(201);
    const workflowId = journeyWorkflowId('nurture', runner);
    await eventually(() => JourneyRunModel.findOne({ customerId: runner, journeyId: 'nurture' }).lean(), Boolean, { what: 'the nurture run row' });

    expect((await asPerson('agent', 'POST', `/v1/journeys/nurture/runs/${runner}/end`, {})).status).toBe(400);
    const ended = await asPerson('agent', 'POST', `/v1/journeys/nurture/runs/${runner}/end`, { reason: 'customer asked us to stop' });
    expect(ended.status).toBe(202);
    expect(ended.body).toMatchObject({ journeyId: 'nurture', customerId: runner, workflowId, runId: expect.any(String), outcome: 'exited', reason: 'customer asked us to stop' });
    const handle = api.client.workflow.getHandle(workflowId);
    expect(await handle.result()).toBe('exited');
    const history = JSON.stringify((await handle.fetchHistory()).events);
    expect(history).toContain('endRun');
    const row = await eventually(() => JourneyRunModel.findOne({ customerId: runner, journeyId: 'nurture' }).lean(), (r) => r?.status === 'finished', { what: 'the finished row' });
    expect(row).toMatchObject({ outcome: 'exited', reason: 'customer asked us to stop' });

    const [entry] = (await asKey(keys.admin, 'GET', `/v1/audit?target=${runner}&limit=5`)).body.entries;
    expect(entry).toMatchObject({ actor: { kind: 'user', name: people.agent }, route: '/v1/journeys/:id/runs/:customerId/end', field: 'run:nurture', from: 'running', to: 'exited', status: 202 });
  });

  it('404 when no run is running, for an unknown journey; 403 for a viewer', async () => {
    const again = await asPerson('agent', 'POST', `/v1/journeys/nurture/runs/${runner}/end`, { reason: 'again' });
    expect(again.status).toBe(404);
    expect(again.type).toContain('application/problem+json');
    expect((await asPerson('agent', 'POST', `/v1/journeys/welcome/runs/never-${unique}/end`, { reason: 'x' })).status).toBe(404);
    expect((await asPerson('agent', 'POST', `/v1/journeys/nope/runs/${runner}/end`, { reason: 'x' })).status).toBe(404);
    expect((await asKey(keys.wall, 'POST', `/v1/journeys/nurture/runs/${runner}/end`, { reason: 'x' })).status).toBe(403);
  });
});
