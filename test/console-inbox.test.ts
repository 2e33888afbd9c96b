import { TestWorkflowEnvironment } from '@temporalio/testing';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { INDEXED_VALUE_TYPES } from '../stack/search-attributes.js';
import { TaskModel } from '../store/models/task.js';
import { type Harness, startHarness } from './support/api-harness.js';
import { clickText, type ConsoleBrowser, openConsoleBrowser, signInThroughForm, waitForText } from './support/console-browser.js';
import { eventually } from './support/eventually.js';
import { addPeople, PASSWORD } from './support/people.js';

/**
 * The inbox, by clicking, against real win-back runs: the whole journey (a week of reminders before the
 * call) on the time-skipping test server, with the real worker, store and API.
 */
let env: TestWorkflowEnvironment;
let api: Harness;
let browser: ConsoleBrowser;
let people: Awaited<ReturnType<typeof addPeople>>;
const unique = Date.now().toString(36);
const wanderer = `inbox-wb-${unique}`;
const sensitive = `inbox-sens-${unique}`;
const complainer = `inbox-cmp-${unique}`;

const runOf = (customerId: string) => api.call('GET', `/v1/journeys/win-back/runs/${customerId}`);
const openTask = async (customerId: string, step: string) =>
  (
    await eventually(
      () => api.call('GET', `/v1/tasks?customerId=${customerId}&status=open`),
      (r) => r.body.tasks.some((task: { taskKey: string }) => task.taskKey.endsWith(`:${step}`)),
      { what: `the ${step} task of ${customerId}`, timeoutMs: 30_000 },
    )
  ).body.tasks.find((task: { taskKey: string }) => task.taskKey.endsWith(`:${step}`));
/** The complaint's urgent review (`review:<eventId>`), the one open task of its customer. */
const reviewOf = async (customerId: string) =>
  (await eventually(() => api.call('GET', `/v1/tasks?customerId=${customerId}&status=open`), (r) => r.body.tasks.length === 1, { what: 'the urgent review' })).body.tasks[0];
const card = (kind: 'task' | 'approval', id: string) => `[data-${kind}-id="${id}"]`;

/** Signs in through the form (signing out whoever is signed in first, without reloading the page), then goes to `path`. */
async function signInAs(name: string, path = '#/inbox') {
  if (await browser.page.$('.me button.link')) await browser.page.click('.me button.link');
  else await browser.open();
  await signInThroughForm(browser.page, name, PASSWORD);
  await waitForText(browser.page, '.me', name);
  await browser.page.evaluate((hash: string) => (window.location.hash = hash), path);
}

beforeAll(async () => {
  env = await TestWorkflowEnvironment.createTimeSkipping({ server: { executable: { type: 'existing-path', path: inject('testServerPath') } } });
  await env.connection.operatorService.addSearchAttributes({ namespace: 'default', searchAttributes: INDEXED_VALUE_TYPES });
  api = await startHarness(`console-inbox-${unique}`, {}, undefined, env.address);
  people = await addPeople(`inbox-${unique}`);
  for (const [customerId, tags] of [[wanderer, []], [sensitive, ['sensitive']], [complainer, []]] as const) {
    expect((await api.call('PUT', `/v1/customers/${customerId}`, { email: `${customerId}@example.com`, name: 'Wen', tags })).status).toBe(201);
  }
  for (const customerId of [wanderer, sensitive]) expect((await api.call('POST', '/v1/journeys/win-back/enrollments', { customerId })).status).toBe(201);
  browser = await openConsoleBrowser(api.baseUrl);
}, 120_000);

afterAll(async () => {
  await browser?.close();
  await api?.close();
  await env?.teardown();
});

describe('the inbox', () => {
  it('(b) an agent approves a sensitive customer’s win-back in the inbox, and the waiting run goes on to its reminder', async () => {
    const approvalId = (
      await eventually(() => api.call('GET', `/v1/approvals?customerId=${sensitive}`), (r) => r.body.approvals.length === 1, { what: 'the sensitive-check approval' })
    ).body.approvals[0].id;
    await signInAs(people.agent, '#/inbox?tab=approvals');
    await waitForText(browser.page, card('approval', approvalId), 'sensitive customer: approve win-back contact');
    expect((await runOf(sensitive)).body.currentStep).toBe('sensitive-check');
    await browser.screenshot('inbox-approvals-pending-en');

    await clickText(browser.page, `${card('approval', approvalId)} button`, 'Approve');
    await waitForText(browser.page, '.action-log [data-run-step="after-reminder"]', 'running — now at “after-reminder”', 30_000);
    await browser.screenshot('inbox-approval-approved-en');
    const run = (await runOf(sensitive)).body;
    expect(run).toMatchObject({ status: 'RUNNING', currentStep: 'after-reminder' });
    expect(run.completedSteps).toEqual(expect.arrayContaining(['sensitive-check', 'robot-reminder']));
    expect((await api.call('GET', `/v1/approvals/${encodeURIComponent(approvalId)}`)).body).toMatchObject({ status: 'approved', decidedBy: { name: people.agent } });

    // Decided ones, with who decided.
    await browser.page.select('select[name=approval-status]', 'approved');
    await waitForText(browser.page, `${card('approval', approvalId)} [data-decided-by]`, people.agent);
    await browser.page.click('button[data-locale="zh-CN"]');
    await waitForText(browser.page, `${card('approval', approvalId)} .badge`, '已批准');
    await browser.screenshot('inbox-approvals-decided-zh-CN');
    await browser.page.click('button[data-locale="en"]');
  });

  it('(c) an agent claims a task and it shows as theirs; an overdue task says so', async () => {
    await api.call('POST', '/v1/events', { customerId: complainer, type: 'complaint.filed', properties: { text: 'The parcel arrived broken' } });
    const review = await reviewOf(complainer);
    // The review's 4-hour SLA ran out two days ago: the store says so (the wall clock does not skip).
    await TaskModel.updateOne({ _id: review.id }, { $set: { dueAt: new Date(Date.now() - 2 * 86_400_000 - 60_000) } });

    await browser.page.evaluate(() => (window.location.hash = '#/inbox'));
    await browser.page.select('select[name=queue]', review.queue);
    const reviewCard = card('task', review.id);
    await waitForText(browser.page, `${reviewCard} .overdue`, 'overdue by 2 days');
    await waitForText(browser.page, `${reviewCard} [data-assignee]`, 'nobody yet');
    await clickText(browser.page, `${reviewCard} button`, 'Claim');
    await waitForText(browser.page, `${reviewCard} [data-assignee="${people.agent}"]`, `${people.agent} (me)`);
    await waitForText(browser.page, '.action-log', 'You took');
    expect((await api.call('GET', `/v1/tasks/${encodeURIComponent(review.id)}`)).body.assignee).toBe(people.agent);

    await browser.page.select('select[name=queue]', '');
    await browser.page.click('input[name=mine]');
    await waitForText(browser.page, '.summary', 'Tasks: 1, overdue: 1');
    expect(await browser.page.$$eval('[data-task-id]', (cards) => cards.map((c) => c.getAttribute('data-task-id')))).toEqual([review.id]);
    await browser.screenshot('inbox-claimed-overdue-en');

    await browser.page.click('button[data-locale="zh-CN"]');
    await waitForText(browser.page, `${reviewCard} .overdue`, '已逾期 2天');
    await waitForText(browser.page, `${reviewCard} [data-assignee]`, '（我）');
    await browser.screenshot('inbox-claimed-overdue-zh-CN');
    await browser.page.click('button[data-locale="en"]');
  });

  it('(a) an agent completes the win-back call as won back, and the run ends as won back', async () => {
    // A week of the journey: the reminder, 3 days, the coupon, 4 days; then the call task is open.
    await env.sleep('3 days');
    for (const customerId of [wanderer, sensitive]) {
      await eventually(() => runOf(customerId), (r) => r.body.currentStep === 'after-coupon', { what: `the coupon sent to ${customerId}`, timeoutMs: 30_000 });
    }
    await env.sleep('4 days');
    const call = await openTask(wanderer, 'call');
    expect(call).toMatchObject({ title: 'Call the silent customer', queue: 'customer-success', journeyId: 'win-back' });
    expect((await runOf(wanderer)).body.waitingFor).toBe('task "Call the silent customer" (SLA 2 days)');

    // The customer page links to the task: it opens focused, with its outcomes.
    await browser.page.evaluate((id: string) => (window.location.hash = `#/inbox?task=${encodeURIComponent(id)}`), call.id);
    const callCard = `.focused-item ${card('task', call.id)}`;
    await waitForText(browser.page, `${callCard} .sla`, 'due in 2 days');
    await waitForText(browser.page, `${callCard} label.choice`, 'Call back later');
    await browser.screenshot('inbox-call-task-en');
    await clickText(browser.page, `${callCard} label.choice`, 'Won back');
    await clickText(browser.page, `${callCard} button`, 'Complete task');
    await waitForText(browser.page, '.action-log [data-run-status="finished"]', 'finished — won back', 40_000);
    await waitForText(browser.page, `${callCard} [data-outcome="won-back"]`, `by ${people.agent}`);
    await browser.screenshot('inbox-call-won-back-en');

    // The page shows the run's record, written as its last step; the workflow closes a moment later.
    const run = await eventually(async () => (await runOf(wanderer)).body, (body) => body.status !== 'RUNNING', { what: 'the run closed' });
    expect(run).toMatchObject({ status: 'COMPLETED', outcome: 'goal_reached', reason: 'task call: won-back' });
    expect((await api.call('GET', `/v1/tasks/${encodeURIComponent(call.id)}`)).body).toMatchObject({ status: 'completed', outcome: 'won-back', completedBy: { name: people.agent } });
    await eventually(() => api.call('GET', `/v1/customers/${wanderer}`), (r) => r.body.stage === 'returning', { what: 'the customer back as returning' });
  });

  it('(a) a refusal needs its reason; with it, the call is done and the run waits out its response window', async () => {
    const call = await openTask(sensitive, 'call');
    await browser.page.click('button[data-locale="zh-CN"]');
    await browser.page.evaluate((id: string) => (window.location.hash = `#/inbox?task=${encodeURIComponent(id)}`), call.id);
    const callCard = `.focused-item ${card('task', call.id)}`;
    await clickText(browser.page, `${callCard} label.choice`, '客户拒绝');
    await clickText(browser.page, `${callCard} button`, '完成任务');
    await waitForText(browser.page, `${callCard} [data-field=note]`, '请填写客户给出的原因');
    expect((await api.call('GET', `/v1/tasks/${encodeURIComponent(call.id)}`)).body.status).toBe('open');
    await browser.screenshot('inbox-refusal-needs-reason-zh-CN');
    await browser.page.type(`${callCard} textarea[name=note]`, '已在别家购买，不想再收到联系');
    await clickText(browser.page, `${callCard} button`, '完成任务');
    await waitForText(browser.page, '.action-log [data-run-step="response-window"]', '进行中 — 当前步骤“response-window”', 30_000);
    await browser.screenshot('inbox-refusal-done-zh-CN');
    expect((await api.call('GET', `/v1/tasks/${encodeURIComponent(call.id)}`)).body).toMatchObject({ status: 'completed', outcome: 'refused', note: '已在别家购买，不想再收到联系' });
    expect((await runOf(sensitive)).body).toMatchObject({ status: 'RUNNING', currentStep: 'response-window' });
    await browser.page.click('button[data-locale="en"]');
  });

  it('(d) a viewer who clicks complete is told which role it needs, and nothing changes', async () => {
    const task = await reviewOf(complainer);
    await signInAs(people.viewer, `#/inbox?task=${encodeURIComponent(task.id)}`);
    const taskCard = `.focused-item ${card('task', task.id)}`;
    await clickText(browser.page, `${taskCard} label.choice`, 'Resolved');
    await clickText(browser.page, `${taskCard} button`, 'Complete task');
    await waitForText(browser.page, `${taskCard} [role=alert][data-status="403"]`, 'needs the role "agent"');
    await waitForText(browser.page, `${taskCard} [role=alert]`, 'Not allowed for your role.');
    await browser.screenshot('inbox-viewer-refused-en');
    expect((await api.call('GET', `/v1/tasks/${encodeURIComponent(task.id)}`)).body).toMatchObject({ status: 'open' });
    expect(browser.pageErrors).toEqual([]);
  });
});
