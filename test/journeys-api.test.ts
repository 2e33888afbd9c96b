import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { JourneyRunModel } from '../store/models/journey-run.js';
import { rateDifference, wilsonInterval } from '../domain/conversion-stats.js';
import { journeyWorkflowId } from '../temporal/journey-runner.js';
import { type Harness, startHarness } from './support/api-harness.js';
import { eventually } from './support/eventually.js';
import { emailsTo } from './support/mail-sink.js';

let api: Harness;
const unique = Date.now().toString(36);

beforeAll(async () => {
  api = await startHarness(`e2e-journeys-${unique}`);
});

afterAll(async () => {
  await api?.close();
});

async function signalsOf(workflowId: string): Promise<string[]> {
  const history = await api.client.workflow.getHandle(workflowId).fetchHistory();
  return (history.events ?? []).flatMap((e) => (e.workflowExecutionSignaledEventAttributes?.signalName ? [e.workflowExecutionSignaledEventAttributes.signalName] : []));
}

describe('the journey catalogue over HTTP', () => {
  it('lists the journeys and serves one with its version and Mermaid diagram', async () => {
    const list = await api.call('GET', '/v1/journeys');
    expect(list.body.journeys.map((j: { id: string }) => j.id)).toEqual([
      'welcome',
      'nurture',
      'win-back',
      'repurchase-vip',
      'cold-reactivation',
      'first-order-reminder',
      'satisfaction-follow-up',
      'usage-tutorials',
      'purchase-recommendation',
      'birthday-care',
    ]);
    const winBack = await api.call('GET', '/v1/journeys/win-back');
    expect(winBack.body.version).toMatch(/^[0-9a-f]{12}$/);
    expect(winBack.body.definition.entry).toEqual({ stage: 'silent' });
    expect(winBack.body.mermaid).toMatch(/^flowchart TD/);
    expect((await api.call('GET', '/v1/journeys/nope')).status).toBe(404);
  });
});

describe('enrollments and runs', () => {
  const customerId = `silent-${unique}`;
  const email = `${customerId}@example.com`;

  it('a customer set to silent enters win-back; a second enrollment gets 409 with the reason', async () => {
    await api.call('PUT', `/v1/customers/${customerId}`, { email, name: 'Sam' });
    await api.call('PUT', `/v1/customers/${customerId}/consent`, { channel: 'email', status: 'opted_in' });
    const moved = await api.call('POST', `/v1/customers/${customerId}/stage`, { stage: 'silent', reason: '45 days without interaction' });
    expect(moved).toMatchObject({ status: 202, body: { customerId, stage: 'silent', status: 'accepted' } });
    await eventually(() => emailsTo(inject('mailSinkUrl'), email), (mails) => mails.length === 1, { what: 'the win-back reminder' });

    const again = await api.call('POST', '/v1/journeys/win-back/enrollments', { customerId });
    expect(again.status).toBe(409);
    expect(again.body.detail).toBe('a run of this journey is in progress for this customer');
  });

  it('shows where the run is and what it waits for', async () => {
    const run = await eventually(
      () => api.call('GET', `/v1/journeys/win-back/runs/${customerId}`),
      (r) => r.body.currentStep === 'after-reminder',
      { what: 'the run waiting after the reminder' },
    );
    expect(run.body).toMatchObject({ status: 'RUNNING', waitingFor: '3 days', completedSteps: ['sensitive-check', 'robot-reminder'] });
    expect((await api.call('GET', `/v1/journeys/win-back/runs/nobody-${unique}`)).status).toBe(404);
  });

  it('enrolls by hand, and refuses an unknown customer or journey', async () => {
    const other = `manual-${unique}`;
    await api.call('PUT', `/v1/customers/${other}`, { name: 'Manual' });
    const enrolled = await api.call('POST', '/v1/journeys/nurture/enrollments', { customerId: other });
    expect(enrolled.status).toBe(201);
    expect(enrolled.body.workflowId).toBe(journeyWorkflowId('nurture', other));
    expect((await api.call('POST', '/v1/journeys/nurture/enrollments', { customerId: `ghost-${unique}` })).status).toBe(404);
    expect((await api.call('POST', '/v1/journeys/ghost/enrollments', { customerId: other })).status).toBe(404);
    expect((await api.call('POST', '/v1/journeys/nurture/enrollments', {})).status).toBe(400);
  });
});

describe('tasks and approvals reach the waiting run', () => {
  it('completes a task once: the run hears of it; twice is 409, unknown is 404', async () => {
    const customerId = `task-${unique}`;
    await api.call('PUT', `/v1/customers/${customerId}`, { email: `${customerId}@example.com` });
    await api.call('POST', `/v1/customers/${customerId}/stage`, { stage: 'new', reason: 'test' });
    const open = await eventually(
      () => api.call('GET', `/v1/tasks?status=open&customerId=${customerId}`),
      (r) => r.body.tasks.length === 1,
      { what: 'the survey task' },
    );
    const task = open.body.tasks[0];
    expect(task).toMatchObject({ queue: 'customer', title: 'Complete the welcome survey', status: 'open' });

    const done = await api.call('POST', `/v1/tasks/${task.id}/complete`, { outcome: 'done', note: 'filled in on the phone' });
    expect(done.body).toMatchObject({ status: 'completed', outcome: 'done' });
    expect(await signalsOf(journeyWorkflowId('welcome', customerId))).toContain('taskCompleted');
    expect((await api.call('POST', `/v1/tasks/${task.id}/complete`, { outcome: 'again' })).status).toBe(409);
    expect(task.id).toBe(task.taskKey); // the id is the key the run made
    expect((await api.call('POST', '/v1/tasks/0123456789abcdef01234567/complete', { outcome: 'x' })).status).toBe(404);
    expect((await api.call('POST', `/v1/tasks/${encodeURIComponent('no-run:no/step')}/complete`, { outcome: 'x' })).status).toBe(404);
    expect((await api.call('POST', `/v1/tasks/${'x'.repeat(501)}/complete`, { outcome: 'x' })).status).toBe(400);
  });

  it('a sensitive customer’s win-back waits for approval; approving lets the reminder go out', async () => {
    const customerId = `sensitive-${unique}`;
    const email = `${customerId}@example.com`;
    await api.call('PUT', `/v1/customers/${customerId}`, { email, name: 'Kim', tags: ['sensitive'] });
    await api.call('PUT', `/v1/customers/${customerId}/consent`, { channel: 'email', status: 'opted_in' });
    await api.call('POST', `/v1/customers/${customerId}/stage`, { stage: 'silent', reason: 'test' });
    const pending = await eventually(
      () => api.call('GET', '/v1/approvals'),
      (r) => r.body.approvals.some((a: { customerId: string }) => a.customerId === customerId),
      { what: 'the approval request' },
    );
    const approval = pending.body.approvals.find((a: { customerId: string }) => a.customerId === customerId);
    expect(await emailsTo(inject('mailSinkUrl'), email)).toEqual([]);

    expect((await api.call('POST', `/v1/approvals/${approval.id}`, { decision: 'maybe' })).status).toBe(400);
    const decided = await api.call('POST', `/v1/approvals/${approval.id}`, { decision: 'approved' });
    expect(decided.body.status).toBe('approved');
    await eventually(() => emailsTo(inject('mailSinkUrl'), email), (mails) => mails.length === 1, { what: 'the reminder after approval' });
    expect((await api.call('POST', `/v1/approvals/${approval.id}`, { decision: 'rejected' })).status).toBe(409);
  });
});

describe('the journey report', () => {
  it('counts the runs per A/B arm, the holdout included, and draws the step counts on the diagram', async () => {
    type Arm = { experiment: string; arm: string; holdout: boolean; entered: number; goalReached: number; conversionRate: number | null; confidence: object; versusHoldout: object | null };
    const armsOf = async () => (await api.call('GET', '/v1/reports/journeys/nurture')).body.arms as Arm[];
    const before = await armsOf();
    expect(before.map(({ experiment, arm, holdout }) => `${experiment}/${arm}${holdout ? ' (holdout)' : ''}`)).toEqual(['nurture-offer/discount', 'nurture-offer/content', 'nurture-offer/no-offer (holdout)']);
    // Nurture takes weeks: its runs are stored as the run would leave them.
    const at = new Date();
    const run = (n: number, fields: Record<string, unknown>) => ({
      _id: `arms-${unique}-${n}`,
      runId: `arms-${unique}-${n}`,
      workflowId: `journey:nurture:arms-${unique}-${n}`,
      journeyId: 'nurture',
      journeyVersion: 'test',
      customerId: `arms-${unique}-${n}`,
      startedAt: at,
      ...fields,
    });
    await JourneyRunModel.insertMany([
      run(1, { status: 'finished', outcome: 'goal_reached', reason: 'order.placed', arms: { 'nurture-offer': 'discount' }, steps: [{ key: 'offer-discount', at }] }),
      run(2, { status: 'finished', outcome: 'completed', reason: 'all steps done', arms: { 'nurture-offer': 'discount' }, steps: [{ key: 'offer-discount', at }] }),
      run(3, { status: 'finished', outcome: 'goal_reached', reason: 'order.placed', arms: { 'nurture-offer': 'content' }, steps: [{ key: 'offer-content', at }] }),
      run(4, { status: 'running', steps: [{ key: 'tips', at }, { key: 'offer-content', at }] }),
      run(5, { status: 'running', steps: [{ key: 'tips', at }] }),
      run(6, { status: 'finished', outcome: 'goal_reached', reason: 'order.placed', arms: {}, steps: [{ key: 'tips', at }] }),
      // The holdout: its arm is recorded at the split, it has no steps of its own.
      run(7, { status: 'finished', outcome: 'goal_reached', reason: 'order.placed', arms: { 'nurture-offer': 'no-offer' }, steps: [{ key: 'tips', at }, { key: 'offer-test', at }] }),
      run(8, { status: 'finished', outcome: 'completed', reason: 'all steps done', arms: { 'nurture-offer': 'no-offer' }, steps: [{ key: 'tips', at }, { key: 'offer-test', at }] }),
      run(9, { status: 'running', arms: { 'nurture-offer': 'no-offer' }, steps: [{ key: 'tips', at }] }),
      // A run just past the split, its arm recorded, before the arm's first step.
      run(10, { status: 'running', arms: { 'nurture-offer': 'discount' }, steps: [{ key: 'tips', at }] }),
    ]);
    const after = await armsOf();
    const delta = after.map((arm, n) => ({ arm: arm.arm, entered: arm.entered - before[n]!.entered, goalReached: arm.goalReached - before[n]!.goalReached }));
    expect(delta).toEqual([
      { arm: 'discount', entered: 3, goalReached: 1 },
      { arm: 'content', entered: 2, goalReached: 1 },
      { arm: 'no-offer', entered: 3, goalReached: 1 },
    ]);
    // The store is shared: the statistics are checked against the counts the report gives.
    const holdout = after.find((arm) => arm.holdout)!;
    for (const arm of after) {
      expect(arm.conversionRate).toBeCloseTo(arm.goalReached / arm.entered, 12);
      expect(arm.confidence).toEqual({ level: 0.95, ...wilsonInterval(arm.goalReached, arm.entered) });
      const difference = rateDifference(arm, holdout)!;
      expect(arm.versusHoldout).toEqual(arm.holdout ? null : { holdoutArm: 'no-offer', difference: difference.difference, confidence: { level: 0.95, low: difference.low, high: difference.high } });
    }

    const report = (await api.call('GET', '/v1/reports/journeys/nurture')).body;
    expect(report.conversionRate).toBeCloseTo(report.goalReached / report.entered, 12);
    expect(report.confidence).toEqual({ level: 0.95, ...wilsonInterval(report.goalReached, report.entered) });
    const tips = report.steps.find((step: { key: string }) => step.key === 'tips').passed;
    expect(tips).toBeGreaterThanOrEqual(3);
    // A run that reached the goal in an arm passed the split, though its key is recorded only when the arm is done.
    const passedOf = (key: string) => report.steps.find((step: { key: string }) => step.key === key).passed;
    expect(passedOf('offer-test')).toBeGreaterThanOrEqual(passedOf('offer-discount') + passedOf('offer-content'));
    expect(passedOf('offer-content')).toBeGreaterThan(0);
    expect(report.mermaid).toContain(`s_tips["✉ email: nurture-tips · ${tips}"]`);
    expect(report.mermaid).toContain(`entry(["▶ Nurture to the first order: on stage nurturing · ${report.entered}"])`);
  });
});
