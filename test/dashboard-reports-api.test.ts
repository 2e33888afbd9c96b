import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { CustomerModel } from '../store/models/customer.js';
import { JourneyRunModel } from '../store/models/journey-run.js';
import { MessageModel } from '../store/models/message.js';
import { TaskModel } from '../store/models/task.js';
import { type Harness, startHarness } from './support/api-harness.js';
import { send, startApiWithKeys } from './support/people.js';

// Other suites share the store: figures over "now" are checked as the change our rows make; figures
// over a period are checked exactly, in a period of 2001 that only this suite writes to.
const unique = Date.now().toString(36);
const viewerKey = `reports-viewer-${unique}-0123456789`;
let api: Harness;
let wall: { baseUrl: string; close(): Promise<void> };

beforeAll(async () => {
  api = await startHarness(`reports-${unique}`);
  wall = await startApiWithKeys(api, [{ name: 'wall', key: viewerKey, role: 'viewer' }]);
});

afterAll(async () => {
  await wall?.close();
  await api?.close();
});

const report = async (path: string) => {
  const answer = await api.call('GET', path);
  expect(answer.status, `${path}: ${JSON.stringify(answer.body)}`).toBe(200);
  return answer.body;
};
const at = (iso: string) => new Date(iso);
const change = (from: string | null, to: string, iso: string, reason = 'test') => ({ from, to, reason, source: 'test', ruleVersion: 'stage-rules@1', at: at(iso) });
const runRow = (journeyId: string, n: number, status: 'running' | 'finished', outcome?: string) => {
  const runId = `${journeyId}-${unique}-${n}`;
  return { _id: runId, runId, workflowId: `journey-${runId}`, journeyId, journeyVersion: 'v-test', customerId: `rep-${unique}-${n}`, status, outcome, startedAt: new Date() };
};

describe('GET /v1/reports/stages', () => {
  it('counts customers per stage now, at the end of each day from their history, the moves in the period and the silent share', async () => {
    const before = await report('/v1/reports/stages');
    await CustomerModel.create([
      { _id: `st-${unique}-a`, stage: 'nurturing', stageHistory: [change(null, 'new', '2001-03-01T10:00:00Z'), change('new', 'nurturing', '2001-03-03T12:00:00Z')] },
      { _id: `st-${unique}-b`, stage: 'silent', stageHistory: [change(null, 'active', '2001-02-20T00:00:00Z'), change('active', 'silent', '2001-03-04T23:59:59Z')] },
      { _id: `st-${unique}-c`, stage: 'new', stageHistory: [change(null, 'new', '2001-03-06T00:00:00Z')] },
      { _id: `st-${unique}-m`, stage: 'active', stageHistory: [change(null, 'active', '2001-03-01T00:00:00Z')], mergedInto: `st-${unique}-a` },
    ]);
    const body = await report('/v1/reports/stages?from=2001-03-01&to=2001-03-05');
    expect(body.from).toBe('2001-03-01');
    expect(body.to).toBe('2001-03-05');
    const zero = { new: 0, nurturing: 0, active: 0, silent: 0, returning: 0, high_value: 0, cold: 0 };
    expect(body.days).toEqual([
      { day: '2001-03-01', byStage: { ...zero, new: 1, active: 1 } },
      { day: '2001-03-02', byStage: { ...zero, new: 1, active: 1 } },
      { day: '2001-03-03', byStage: { ...zero, nurturing: 1, active: 1 } },
      { day: '2001-03-04', byStage: { ...zero, nurturing: 1, silent: 1 } },
      { day: '2001-03-05', byStage: { ...zero, nurturing: 1, silent: 1 } },
    ]);
    expect(body.moves).toEqual(
      expect.arrayContaining([
        { from: null, to: 'new', count: 1 },
        { from: 'new', to: 'nurturing', count: 1 },
        { from: 'active', to: 'silent', count: 1 },
      ]),
    );
    expect(body.moves).toHaveLength(3);
    expect(body.now.customers - before.now.customers).toBe(3);
    expect(body.now.withStage - before.now.withStage).toBe(3);
    for (const stage of ['new', 'nurturing', 'silent']) expect(body.now.byStage[stage] - before.now.byStage[stage], stage).toBe(1);
    expect(body.now.byStage.active).toBe(before.now.byStage.active);
    expect(body.now.silentShare).toBeCloseTo(body.now.byStage.silent / body.now.withStage, 10);
  });

  it('defaults to the last 30 days; 400 for a period backwards, over 366 days, or a malformed day', async () => {
    const body = await report('/v1/reports/stages');
    expect(body.days).toHaveLength(30);
    expect(body.to).toBe(new Date().toISOString().slice(0, 10));
    expect((await report('/v1/reports/stages?from=2024-01-01&to=2024-12-31')).days).toHaveLength(366);
    for (const query of ['from=2001-03-05&to=2001-03-01', 'from=2001-01-01&to=2002-01-02', 'from=March', 'to=2001-02-30', 'days=3']) {
      const refused = await api.call('GET', `/v1/reports/stages?${query}`);
      expect(refused.status, query).toBe(400);
      expect(refused.type).toContain('application/problem+json');
    }
  });
});

describe('GET /v1/reports/win-back and /v1/reports/welcome', () => {
  it('counts win-back runs won back, failed and in progress, the success rate, and the cold pool by reason', async () => {
    const before = await report('/v1/reports/win-back');
    await JourneyRunModel.create([
      runRow('win-back', 1, 'finished', 'goal_reached'),
      runRow('win-back', 2, 'finished', 'goal_reached'),
      runRow('win-back', 3, 'finished', 'failed'),
      runRow('win-back', 4, 'running'),
      runRow('win-back', 5, 'finished', 'exited'),
    ]);
    const reason = `唤醒失败: test ${unique}`;
    await CustomerModel.create([
      { _id: `cold-${unique}-1`, stage: 'cold', stageHistory: [change(null, 'silent', '2026-01-01T00:00:00Z'), change('silent', 'cold', '2026-02-01T00:00:00Z', reason)] },
      { _id: `cold-${unique}-2`, stage: 'cold', stageHistory: [change(null, 'cold', '2026-02-02T00:00:00Z', reason)] },
      { _id: `cold-${unique}-m`, stage: 'cold', stageHistory: [change(null, 'cold', '2026-02-02T00:00:00Z', reason)], mergedInto: `cold-${unique}-1` },
    ]);
    const body = await report('/v1/reports/win-back');
    expect(body.journeys).toEqual(['win-back']);
    expect({
      entered: body.entered - before.entered,
      wonBack: body.wonBack - before.wonBack,
      failed: body.failed - before.failed,
      inProgress: body.inProgress - before.inProgress,
      otherwise: body.otherwise - before.otherwise,
      coldPool: body.coldPool.count - before.coldPool.count,
    }).toEqual({ entered: 5, wonBack: 2, failed: 1, inProgress: 1, otherwise: 1, coldPool: 2 });
    expect(body.successRate).toBeCloseTo(body.wonBack / (body.wonBack + body.failed), 10);
    expect(body.coldPool.reasons).toContainEqual({ reason, count: 2 });
  });

  it('counts welcome runs entered and completed, and the completion rate', async () => {
    const before = await report('/v1/reports/welcome');
    await JourneyRunModel.create([runRow('welcome', 1, 'finished', 'goal_reached'), runRow('welcome', 2, 'finished', 'goal_reached'), runRow('welcome', 3, 'running')]);
    const body = await report('/v1/reports/welcome');
    expect([body.entered - before.entered, body.completed - before.completed, body.inProgress - before.inProgress]).toEqual([3, 2, 1]);
    expect(body.completionRate).toBeCloseTo(body.completed / body.entered, 10);
  });
});

describe('GET /v1/reports/health', () => {
  it('buckets scores by 10 points and lists customers at risk with the reason, masked for a viewer', async () => {
    const before = await report('/v1/reports/health?threshold=20&limit=200');
    const id = (n: string) => `hl-${unique}-${n}`;
    await CustomerModel.create([
      { _id: id('low'), name: 'Low Score', email: `low.${unique}@example.com`, health: { score: 5 } },
      { _id: id('teen'), name: 'Teen Score', health: { score: 15 } },
      { _id: id('high'), name: 'High Score', health: { score: 99 } },
      { _id: id('full'), name: 'Full Score', health: { score: 100 } },
      { _id: id('none'), name: 'No Score' },
      { _id: id('merged'), name: 'Merged', health: { score: 1 }, mergedInto: id('low') },
    ]);
    // An open urgent review puts a healthy customer at risk too; a completed one does not.
    await TaskModel.create([
      { _id: `hl-review-${unique}`, taskKey: `hl-review-${unique}`, customerId: id('high'), title: 'Urgent review: complaint filed', queue: 'complaints', requestedQueue: 'urgent-review', dueAt: new Date() },
      { _id: `hl-done-${unique}`, taskKey: `hl-done-${unique}`, customerId: id('full'), title: 'Urgent review: old', queue: 'urgent-review', status: 'completed', dueAt: new Date() },
    ]);
    const body = await report('/v1/reports/health?threshold=20&limit=200');
    const grew = body.buckets.map((b: { count: number }, i: number) => b.count - before.buckets[i].count);
    expect(grew).toEqual([1, 1, 0, 0, 0, 0, 0, 0, 0, 2]);
    expect(body.buckets[9]).toMatchObject({ from: 90, to: 100 });
    expect(body.unscored - before.unscored).toBe(1);
    expect(body.atRisk.threshold).toBe(20);
    expect(body.atRisk.total - before.atRisk.total).toBe(3);
    const ours = body.atRisk.customers.filter((c: { id: string }) => c.id.startsWith(`hl-${unique}`));
    expect(ours).toEqual(
      expect.arrayContaining([
        expect.objectContaining({ id: id('low'), name: 'Low Score', score: 5, reason: 'health 5 < 20' }),
        expect.objectContaining({ id: id('teen'), score: 15, reason: 'health 15 < 20' }),
        expect.objectContaining({ id: id('high'), score: 99, reason: 'open urgent review: Urgent review: complaint filed' }),
      ]),
    );
    expect(ours).toHaveLength(3);

    const masked = await send(wall.baseUrl, 'GET', '/v1/reports/health?threshold=20&limit=200', { key: viewerKey });
    const low = masked.body.atRisk.customers.find((c: { id: string }) => c.id === id('low'));
    expect(low).toMatchObject({ name: 'L•••', email: 'l•••@example.com' });
    expect(JSON.stringify(masked.body)).not.toMatch(/Low Score|High Score/);
  });
});

describe('GET /v1/reports/tasks', () => {
  it('counts open and overdue tasks, and the median and p90 of first response and resolution, per queue', async () => {
    const before = await report('/v1/reports/tasks?from=2001-04-01&to=2001-04-01');
    const queue = `reports-${unique}`;
    const minutes = (iso: string, n: number) => new Date(Date.parse(iso) + n * 60_000);
    const task = (n: number, createdAt: string, fields: Record<string, unknown>) => ({
      _id: `rt-${unique}-${n}`,
      taskKey: `rt-${unique}-${n}`,
      customerId: `rt-${unique}`,
      title: 'Call',
      queue,
      priority: 'normal',
      status: 'open',
      createdAt: at(createdAt),
      updatedAt: at(createdAt),
      ...fields,
    });
    // Written as they are stored, with creation times of 2001 (the model would stamp them now); string ids, as the model keeps them.
    await TaskModel.collection.insertMany(<never[]>[
      task(1, '2001-04-01T00:00:00Z', { status: 'completed', dueAt: at('2001-04-02T00:00:00Z'), firstResponseAt: minutes('2001-04-01T00:00:00Z', 10), completedAt: minutes('2001-04-01T00:00:00Z', 60) }),
      task(2, '2001-04-01T01:00:00Z', { dueAt: at('2001-04-02T00:00:00Z'), firstResponseAt: minutes('2001-04-01T01:00:00Z', 20) }),
      // Completed before firstResponseAt was recorded: its completion is its first response.
      task(3, '2001-04-01T02:00:00Z', { status: 'completed', dueAt: at('2001-04-02T00:00:00Z'), completedAt: minutes('2001-04-01T02:00:00Z', 30) }),
      task(4, '2001-04-01T03:00:00Z', { dueAt: at('2100-01-01T00:00:00Z') }),
      // Outside the period: open and overdue now, but no times.
      task(5, '2001-04-03T00:00:00Z', { dueAt: at('2001-04-04T00:00:00Z'), firstResponseAt: minutes('2001-04-03T00:00:00Z', 1) }),
    ]);
    const body = await report('/v1/reports/tasks?from=2001-04-01&to=2001-04-01');
    const figures = {
      open: 3,
      overdue: 2,
      firstResponse: { count: 3, medianMs: 20 * 60_000, p90Ms: 30 * 60_000 },
      resolution: { count: 2, medianMs: 30 * 60_000, p90Ms: 60 * 60_000 },
    };
    expect(body.queues.find((q: { queue: string }) => q.queue === queue)).toEqual({ queue, ...figures });
    expect(body.open - before.open).toBe(3);
    expect(body.overdue - before.overdue).toBe(2);
    // No other suite writes tasks created in 2001.
    expect(body.firstResponse).toEqual(figures.firstResponse);
    expect(body.resolution).toEqual(figures.resolution);
  });
});

describe('GET /v1/reports/messages', () => {
  it('counts the ledger per channel: sent, delivered, failed, outbox, skipped by reason, in the period', async () => {
    const message = (n: number, channel: 'email' | 'sms', status: string, createdAt: string, reason?: string) => ({
      _id: `rm-${unique}-${n}`,
      sendKey: `rm-${unique}-${n}`,
      customerId: `rm-${unique}`,
      channel,
      template: 'welcome',
      status,
      ...(reason ? { reason } : {}),
      createdAt: at(createdAt),
      updatedAt: at(createdAt),
    });
    await MessageModel.collection.insertMany(<never[]>[
      message(1, 'email', 'sent', '2001-05-01T08:00:00Z'),
      message(2, 'email', 'sent', '2001-05-02T08:00:00Z'),
      message(3, 'email', 'delivered', '2001-05-02T09:00:00Z'),
      message(4, 'email', 'failed', '2001-05-02T10:00:00Z', 'smtp 550'),
      message(5, 'email', 'skipped', '2001-05-01T11:00:00Z', 'no consent'),
      message(6, 'email', 'skipped', '2001-05-01T12:00:00Z', 'no consent'),
      message(7, 'email', 'skipped', '2001-05-02T23:59:59Z', 'quiet hours'),
      message(8, 'sms', 'outbox', '2001-05-01T00:00:00Z'),
      message(9, 'sms', 'skipped', '2001-05-02T00:00:00Z', 'no phone'),
      message(10, 'email', 'sent', '2001-05-03T00:00:00Z'),
      message(11, 'sms', 'sent', '2001-04-30T23:59:59Z'),
    ]);
    const body = await report('/v1/reports/messages?from=2001-05-01&to=2001-05-02');
    expect(body).toEqual({
      from: '2001-05-01',
      to: '2001-05-02',
      channels: [
        {
          channel: 'email',
          sent: 3,
          delivered: 1,
          failed: 1,
          outbox: 0,
          skipped: 3,
          pending: 0,
          unconfirmed: 0,
          skippedByReason: [
            { reason: 'no consent', count: 2 },
            { reason: 'quiet hours', count: 1 },
          ],
          failedByReason: [{ reason: 'smtp 550', count: 1 }],
        },
        { channel: 'sms', sent: 0, delivered: 0, failed: 0, outbox: 1, skipped: 1, pending: 0, unconfirmed: 0, skippedByReason: [{ reason: 'no phone', count: 1 }], failedByReason: [] },
        { channel: 'wecom', sent: 0, delivered: 0, failed: 0, outbox: 0, skipped: 0, pending: 0, unconfirmed: 0, skippedByReason: [], failedByReason: [] },
      ],
    });
  });
});
