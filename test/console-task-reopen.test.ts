import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { TaskModel } from '../store/models/task.js';
import { type Harness, startHarness } from './support/api-harness.js';
import { clickText, type ConsoleBrowser, openSignedIn, waitForText } from './support/console-browser.js';
import { eventually } from './support/eventually.js';
import { addPeople, PASSWORD } from './support/people.js';

/** The inbox's Reopen action, by clicking, on urgent reviews opened by real complaints (real Temporal, store and API). */
let api: Harness;
let browser: ConsoleBrowser;
let people: Awaited<ReturnType<typeof addPeople>>;
const unique = Date.now().toString(36);
const card = (id: string) => `[data-task-id="${id}"]`;

/** A complaint opens an urgent review task for its customer: that task. */
async function reviewFor(customerId: string) {
  expect((await api.call('PUT', `/v1/customers/${customerId}`, { email: `${customerId}@example.com`, name: 'Wen' })).status).toBe(201);
  await api.call('POST', '/v1/events', { customerId, type: 'complaint.filed', properties: { text: 'The parcel arrived broken' } });
  const answer = await eventually(() => api.call('GET', `/v1/tasks?customerId=${customerId}&status=open`), (r) => r.body.tasks.length === 1, { what: `the urgent review of ${customerId}` });
  return answer.body.tasks[0] as { id: string; queue: string; title: string };
}
const taskOf = async (id: string) => (await api.call('GET', `/v1/tasks/${encodeURIComponent(id)}`)).body;

beforeAll(async () => {
  api = await startHarness(`console-reopen-${unique}`);
  people = await addPeople(`reopen-${unique}`);
  browser = await openSignedIn(api.baseUrl, people.agent, PASSWORD);
}, 120_000);
afterAll(async () => {
  await browser?.close();
  await api?.close();
});

describe('reopening a task in the inbox', () => {
  it('a completed task reopens with its reason and shows back among the open tasks of its queue', async () => {
    const review = await reviewFor(`reopen-done-${unique}`);
    expect((await api.call('POST', `/v1/tasks/${encodeURIComponent(review.id)}/complete`, { outcome: 'resolved' })).status).toBe(200);

    await browser.page.evaluate(() => (window.location.hash = '#/inbox'));
    await browser.page.select('select[name=status]', 'completed');
    await waitForText(browser.page, `${card(review.id)}[data-status=completed] [data-outcome]`, 'Resolved');
    await clickText(browser.page, `${card(review.id)} button`, 'Reopen…');
    // No reason: the form says so and nothing changes.
    await clickText(browser.page, `${card(review.id)} button`, 'Reopen task');
    await waitForText(browser.page, `${card(review.id)} [data-field=reason]`, 'Write why the task is opened again.');
    expect((await taskOf(review.id)).status).toBe('completed');

    await browser.page.type(`${card(review.id)} textarea[name=reopen-reason]`, 'The customer wrote again: still broken');
    await clickText(browser.page, `${card(review.id)} button`, 'Reopen task');
    await waitForText(browser.page, '.action-log', 'is open again, back in its queue: The customer wrote again: still broken');
    // The list now shows the open tasks, the reopened one among them, in its queue and unassigned.
    expect(await browser.page.$eval('select[name=status]', (select) => (select as HTMLSelectElement).value)).toBe('open');
    await waitForText(browser.page, `${card(review.id)}[data-status=open] .sla`, 'due in');
    await browser.page.select('select[name=queue]', review.queue);
    await waitForText(browser.page, `${card(review.id)}[data-status=open] [data-assignee]`, 'nobody yet');
    await browser.screenshot('inbox-task-reopened-en');
    const task = await taskOf(review.id);
    expect(task).toMatchObject({ status: 'open', reopenCount: 1 });
    expect(task.reopenings).toEqual([expect.objectContaining({ reason: 'The customer wrote again: still broken', was: 'completed', by: expect.objectContaining({ name: people.agent }) })]);
    await browser.page.select('select[name=queue]', '');
  });

  it('an overdue task gets a new SLA from the form; an open task on time offers no Reopen; labels in Chinese', async () => {
    const review = await reviewFor(`reopen-late-${unique}`);
    const onTime = await reviewFor(`reopen-ontime-${unique}`);
    await TaskModel.updateOne({ _id: review.id }, { $set: { dueAt: new Date(Date.now() - 86_400_000 - 60_000) } });

    // The page is still on the inbox: showing the completed ones, then the open ones again, reads the tasks anew.
    await browser.page.select('select[name=status]', 'completed');
    await browser.page.select('select[name=status]', 'open');
    await browser.page.click('button[data-locale="zh-CN"]');
    await waitForText(browser.page, `${card(review.id)} .overdue`, '已逾期');
    await waitForText(browser.page, `${card(onTime.id)} .sla`, '');
    expect(await browser.page.$(`${card(onTime.id)} button[name=reopen]`)).toBeNull();

    await clickText(browser.page, `${card(review.id)} button`, '重新打开…');
    await browser.page.type(`${card(review.id)} textarea[name=reopen-reason]`, '客户还在等回复');
    await browser.page.type(`${card(review.id)} input[name=reopen-sla]`, '3 days');
    await clickText(browser.page, `${card(review.id)} button`, '重新打开任务');
    await waitForText(browser.page, '.action-log', '已重新打开，回到队列：客户还在等回复');
    await waitForText(browser.page, `${card(review.id)} .sla[data-sla=due]`, '');
    await browser.screenshot('inbox-task-overdue-reopened-zh-CN');
    const task = await taskOf(review.id);
    expect(task.reopenings).toEqual([expect.objectContaining({ reason: '客户还在等回复', was: 'overdue' })]);
    const dueInMs = Date.parse(task.dueAt) - Date.now();
    expect(dueInMs).toBeGreaterThan(3 * 86_400_000 - 120_000);
    expect(dueInMs).toBeLessThanOrEqual(3 * 86_400_000);
    await browser.page.click('button[data-locale="en"]');
    expect(browser.pageErrors).toEqual([]);
  });
});
