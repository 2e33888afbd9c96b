import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { JourneyRunModel } from '../store/models/journey-run.js';
import { TaskModel } from '../store/models/task.js';
import { journeyWorkflowId } from '../temporal/journey-runner.js';
import { endRunSignal, runStateQuery } from '../workflows/messages.js';
import { type Harness, startHarness } from './support/api-harness.js';
import { eventually } from './support/eventually.js';
import { addPeople, PASSWORD, send, type Session, signIn, startApiWithKeys } from './support/people.js';

const unique = Date.now().toString(36);
const keys = { admin: `reopen-admin-${unique}-0123456789`, wall: `reopen-wall-${unique}-0123456789` };
const customerId = `reopen-${unique}`;
const HOUR = 3_600_000;
const DAY = 24 * HOUR;

let api: Harness;
let app: { baseUrl: string; close(): Promise<void> };
let people: Awaited<ReturnType<typeof addPeople>>;
let agent: Session;

beforeAll(async () => {
  api = await startHarness(`reopen-${unique}`);
  app = await startApiWithKeys(api, [
    { name: 'ops', key: keys.admin, role: 'admin' },
    { name: 'wall', key: keys.wall, role: 'viewer' },
  ]);
  people = await addPeople(`r-${unique}`);
  agent = await signIn(app.baseUrl, people.agent, PASSWORD);
  expect((await send(app.baseUrl, 'PUT', `/v1/customers/${customerId}`, { key: keys.admin, body: { name: 'Reopen Test' } })).status).toBe(201);
});

afterAll(async () => {
  await app?.close();
  await api?.close();
});

const asAgent = (method: string, path: string, body?: unknown) => send(app.baseUrl, method, path, { body, cookie: agent.cookie, csrf: agent.csrf });
const reopen = (id: string, body: unknown) => asAgent('POST', `/v1/tasks/${encodeURIComponent(id)}/reopen`, body);
/** A task created `ageMs` ago with a 4-hour SLA (so it is overdue once `ageMs` passes 4 hours). */
const newTask = (suffix: string, ageMs = 0, fields: Record<string, unknown> = {}) => {
  const id = `rt-${unique}-${suffix}`;
  const createdAt = new Date(Date.now() - ageMs);
  return TaskModel.create({ _id: id, taskKey: id, customerId, title: `Call ${suffix}`, queue: `reopen-${unique}`, createdAt, dueAt: new Date(createdAt.getTime() + 4 * HOUR), ...fields });
};
const auditOf = async (id: string, route: string) =>
  (await send(app.baseUrl, 'GET', `/v1/audit?target=${encodeURIComponent(id)}&limit=10`, { key: keys.admin })).body.entries.filter((e: { route: string }) => e.route === route);

describe('POST /v1/tasks/:id/reopen', () => {
  it('reopens a completed task with a new SLA: back in its queue, the completion kept in its history, audited, listed as open', async () => {
    const { _id: id } = await newTask('done');
    expect((await asAgent('POST', `/v1/tasks/${id}/claim`)).status).toBe(200);
    expect((await asAgent('POST', `/v1/tasks/${id}/complete`, { outcome: 'no-answer', note: 'voicemail' })).status).toBe(200);
    const before = Date.now();
    const reopened = await reopen(id, { reason: '任务失败可重新触发: try again', sla: '2 days' });
    expect(reopened.status).toBe(200);
    expect(reopened.body).toMatchObject({ id, status: 'open', reopenCount: 1, runWaiting: false });
    expect(reopened.body).not.toHaveProperty('assignee');
    expect(reopened.body).not.toHaveProperty('outcome');
    const dueAt = Date.parse(reopened.body.dueAt);
    expect(dueAt).toBeGreaterThanOrEqual(before + 2 * DAY - 1000);
    expect(dueAt).toBeLessThanOrEqual(Date.now() + 2 * DAY + 1000);
    expect(reopened.body.reopenings).toEqual([
      expect.objectContaining({ reason: '任务失败可重新触发: try again', was: 'completed', assignee: people.agent, outcome: 'no-answer', note: 'voicemail', dueAt: reopened.body.dueAt, by: { kind: 'user', name: people.agent, role: 'agent' } }),
    ]);
    expect(reopened.body.reopenings[0].completedBy).toMatchObject({ name: people.agent });

    const open = await send(app.baseUrl, 'GET', `/v1/tasks?status=open&queue=reopen-${unique}`, { key: keys.wall });
    expect(open.body.tasks.map((task: { id: string }) => task.id)).toContain(id);
    const [entry] = await auditOf(id, '/v1/tasks/:id/reopen');
    expect(entry).toMatchObject({ actor: { kind: 'user', name: people.agent }, field: 'status', from: 'completed', to: 'open', reason: '任务失败可重新触发: try again', status: 200 });

    // Completed again: a plain completion, the history stays.
    const again = await asAgent('POST', `/v1/tasks/${id}/complete`, { outcome: 'won-back' });
    expect(again.status).toBe(200);
    expect(again.body).toMatchObject({ status: 'completed', outcome: 'won-back', reopenCount: 1, reopenings: [expect.objectContaining({ outcome: 'no-answer' })] });
    expect((await asAgent('POST', `/v1/tasks/${id}/complete`, { outcome: 'won-back' })).status).toBe(409);
  });

  it('gives an overdue open task its first SLA again when no sla is sent; a second reopening counts on', async () => {
    const { _id: id } = await newTask('late', 6 * HOUR, { assignee: 'someone' });
    const before = Date.now();
    const reopened = await reopen(id, { reason: 'triggered again' });
    expect(reopened.status).toBe(200);
    expect(reopened.body).toMatchObject({ status: 'open', reopenCount: 1, runWaiting: false, reopenings: [expect.objectContaining({ was: 'overdue', assignee: 'someone' })] });
    expect(Date.parse(reopened.body.dueAt)).toBeGreaterThanOrEqual(before + 4 * HOUR - 1000);
    expect(Date.parse(reopened.body.dueAt)).toBeLessThanOrEqual(Date.now() + 4 * HOUR + 1000);
    // Not overdue any more: nothing to reopen.
    const refused = await reopen(id, { reason: 'again' });
    expect(refused.status).toBe(409);
    expect(refused.type).toContain('application/problem+json');
    expect(refused.body).toMatchObject({ title: 'Task open and not overdue' });
    expect(refused.body.detail).toContain('claim');

    await asAgent('POST', `/v1/tasks/${id}/complete`, { outcome: 'no-answer' });
    const twice = await reopen(id, { reason: 'once more' });
    expect(twice.body).toMatchObject({ reopenCount: 2 });
    // The default is the first SLA, not the length of the last reopening.
    expect(Date.parse(twice.body.dueAt) - Date.parse(twice.body.reopenedAt)).toBe(4 * HOUR);
  });

  it('404 for an unknown task, 400 for a bad sla or no reason, 403 for a viewer', async () => {
    const { _id: id } = await newTask('bad', 6 * HOUR);
    expect((await reopen(`none-${unique}`, { reason: 'x' })).status).toBe(404);
    expect((await reopen(id, {})).status).toBe(400);
    expect((await reopen(id, { reason: ' ' })).status).toBe(400);
    expect((await reopen(id, { reason: 'x'.repeat(501) })).status).toBe(400);
    const badSla = await reopen(id, { reason: 'x', sla: 'tomorrow' });
    expect(badSla.status).toBe(400);
    expect(badSla.body.errors[0]).toMatchObject({ path: 'sla' });
    // A due time past what a date can hold (found by schemathesis) and a zero SLA are refused the same way.
    for (const sla of ['2101148729157760087 week', '0 days', '53 weeks']) expect((await reopen(id, { reason: 'x', sla })).status).toBe(400);
    expect((await send(app.baseUrl, 'POST', `/v1/tasks/${id}/reopen`, { key: keys.wall, body: { reason: 'x' } })).status).toBe(403);
    expect((await TaskModel.findById(id).lean())?.reopenCount).toBeUndefined();
  });
});

describe('a reopened task and its journey run', () => {
  const runner = `reopen-run-${unique}`;

  it('reports a run still waiting at the task\'s step, and tells a run of a completion once', async () => {
    expect((await send(app.baseUrl, 'PUT', `/v1/customers/${runner}`, { key: keys.admin, body: { name: 'Reopen Run' } })).status).toBe(201);
    expect((await asAgent('POST', '/v1/journeys/nurture/enrollments', { customerId: runner })).status).toBe(201);
    const workflowId = journeyWorkflowId('nurture', runner);
    const row = await eventually(() => JourneyRunModel.findOne({ customerId: runner, journeyId: 'nurture' }).lean(), Boolean, { what: 'the nurture run row' });
    const handle = api.client.workflow.getHandle(workflowId);
    const state = await eventually(() => handle.query(runStateQuery), (s) => s.waitingFor !== null, { what: 'the run waiting' });
    // An overdue task at the step the run waits in: the run has not taken its overdue path yet.
    const { _id: id } = await newTask('waits', 6 * HOUR, { _id: `${row!._id}:${state.currentStep}`, taskKey: `${row!._id}:${state.currentStep}`, customerId: runner, journeyId: 'nurture', workflowId });
    expect((await reopen(id, { reason: 'more time', sla: '1 hour' })).body).toMatchObject({ status: 'open', runWaiting: true });

    expect((await asAgent('POST', `/v1/tasks/${encodeURIComponent(id)}/complete`, { outcome: 'done' })).status).toBe(200);
    expect((await reopen(id, { reason: 'redo' })).body).toMatchObject({ runWaiting: false });
    expect((await asAgent('POST', `/v1/tasks/${encodeURIComponent(id)}/complete`, { outcome: 'done again' })).status).toBe(200);
    const signals = (await handle.fetchHistory()).events!.filter((event) => event.workflowExecutionSignaledEventAttributes?.signalName === 'taskCompleted');
    expect(signals).toHaveLength(1);
    await handle.signal(endRunSignal, { reason: 'test over' });
  });
});
