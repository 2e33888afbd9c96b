import type { HTTPRequest } from 'puppeteer-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { URGENT_REVIEW_QUEUE } from '../domain/task-routing.js';
import { CustomerModel } from '../store/models/customer.js';
import { JourneyRunModel } from '../store/models/journey-run.js';
import { MessageModel } from '../store/models/message.js';
import { TaskModel } from '../store/models/task.js';
import { type Harness, startHarness } from './support/api-harness.js';
import { type ConsoleBrowser, openSignedIn, waitForText } from './support/console-browser.js';
import { eventually } from './support/eventually.js';
import { figureMismatches, OVERVIEW_ROUTES, shownFigures } from './support/overview-figures.js';
import { addPeople, PASSWORD } from './support/people.js';

const unique = Date.now().toString(36);
const id = (name: string) => `ov-${unique}-${name}`;
const DAY = 86_400_000;
const HOUR = 3_600_000;
const daysAgo = (n: number, hours = 10) => new Date(Date.UTC(new Date().getUTCFullYear(), new Date().getUTCMonth(), new Date().getUTCDate()) - n * DAY + hours * HOUR);
const dayOf = (date: Date) => date.toISOString().slice(0, 10);
const today = dayOf(new Date());
const supportQueue = `support-${unique}`;
const coldReason = `no answer to the win-back (${unique})`;

let api: Harness;
let people: Awaited<ReturnType<typeof addPeople>>;
let browser: ConsoleBrowser;

const change = (from: string | null, to: string, at: Date, reason = 'seeded') => ({ from, to, reason, source: 'test', ruleVersion: 'stage-rules@1', at });

/** Customers in several stages with a history over the last weeks, tasks (one overdue), ledger rows and win-back and welcome runs. */
async function seed() {
  // Through the API as a service would: two profiles, one stage change applied by the lifecycle.
  for (const [name, person] of [
    ['risky', 'Rita Risk'],
    ['api', 'Andy Api'],
  ]) {
    expect((await api.call('PUT', `/v1/customers/${id(name!)}`, { name: `${person} ${unique}`, email: `${name}.${unique}@example.com`, locale: 'en' })).status).toBe(201);
  }
  expect((await api.call('POST', `/v1/customers/${id('api')}/stage`, { stage: 'active', reason: 'first order, by hand' })).status).toBe(202);
  await eventually(() => CustomerModel.findById(id('api')).lean(), (c) => c?.stage === 'active', { what: 'the stage change applied' });
  // Where the lifecycle would take weeks, the stage history and health as it keeps them.
  await CustomerModel.updateOne({ _id: id('risky') }, { $set: { stage: 'silent', stageHistory: [change(null, 'active', daysAgo(20)), change('active', 'silent', daysAgo(3))], health: { score: 12 } } });
  await CustomerModel.create([
    { _id: id('n1'), name: 'Nia New', stage: 'new', stageHistory: [change(null, 'new', daysAgo(1))], health: { score: 55 } },
    { _id: id('n2'), name: 'Nurt Ure', stage: 'nurturing', stageHistory: [change(null, 'new', daysAgo(12)), change('new', 'nurturing', daysAgo(10))], health: { score: 64 } },
    { _id: id('h1'), name: 'Hal Value', stage: 'high_value', stageHistory: [change(null, 'active', daysAgo(40)), change('active', 'high_value', daysAgo(5))], health: { score: 93 } },
    { _id: id('r1'), name: 'Ray Turn', stage: 'returning', stageHistory: [change(null, 'silent', daysAgo(60)), change('silent', 'returning', daysAgo(2))], health: { score: 71 } },
    { _id: id('c1'), name: 'Cole Pool', stage: 'cold', stageHistory: [change(null, 'silent', daysAgo(50)), change('silent', 'cold', daysAgo(8), coldReason)], health: { score: 33 } },
    { _id: id('c2'), name: 'Coco Pool', stage: 'cold', stageHistory: [change(null, 'cold', daysAgo(25), coldReason)] },
  ]);
  // Tasks as they are stored, created days ago (the model would stamp them now): one overdue, one answered and resolved, one urgent review.
  const task = (name: string, queue: string, createdAt: Date, fields: Record<string, unknown>) => ({
    _id: id(name),
    taskKey: id(name),
    customerId: id('h1'),
    title: `Call ${name}`,
    queue,
    priority: 'normal',
    status: 'open',
    createdAt,
    updatedAt: createdAt,
    ...fields,
  });
  // The driver types `_id` as an ObjectId; these rows are keyed by string, as the models store them.
  await TaskModel.collection.insertMany(<never[]>[
    task('t-overdue', 'win-back-calls', daysAgo(4), { dueAt: daysAgo(2) }),
    task('t-open', 'win-back-calls', daysAgo(1), { dueAt: new Date(Date.now() + 5 * DAY), firstResponseAt: new Date(daysAgo(1).getTime() + 20 * 60_000) }),
    task('t-done', supportQueue, daysAgo(6), { status: 'completed', dueAt: daysAgo(4), firstResponseAt: new Date(daysAgo(6).getTime() + 3 * HOUR), completedAt: new Date(daysAgo(6).getTime() + 23 * HOUR) }),
    task('t-review', URGENT_REVIEW_QUEUE, daysAgo(0, 1), { title: 'Urgent review: complaint filed', dueAt: new Date(Date.now() + HOUR) }),
  ]);
  const message = (n: number, channel: 'email' | 'sms', status: string, createdAt: Date, reason?: string) => ({
    _id: id(`m${n}`),
    sendKey: id(`m${n}`),
    customerId: id('n1'),
    channel,
    template: 'welcome',
    status,
    ...(reason ? { reason } : {}),
    createdAt,
    updatedAt: createdAt,
  });
  await MessageModel.collection.insertMany(<never[]>[
    message(1, 'email', 'sent', daysAgo(2)),
    message(2, 'email', 'delivered', daysAgo(2)),
    message(3, 'email', 'failed', daysAgo(3), 'smtp 550 mailbox unavailable'),
    message(4, 'email', 'skipped', daysAgo(3), 'no consent'),
    message(5, 'email', 'skipped', daysAgo(20), 'quiet hours'),
    message(6, 'sms', 'outbox', daysAgo(1)),
    message(7, 'sms', 'skipped', daysAgo(1), 'no phone number'),
  ]);
  const run = (journeyId: string, n: number, status: 'running' | 'finished', outcome?: string) => {
    const runId = id(`${journeyId}-${n}`);
    return { _id: runId, runId, workflowId: `journey-${runId}`, journeyId, journeyVersion: 'v-test', customerId: id('r1'), status, outcome, startedAt: daysAgo(9) };
  };
  await JourneyRunModel.create([
    run('win-back', 1, 'finished', 'goal_reached'),
    run('win-back', 2, 'finished', 'goal_reached'),
    run('win-back', 3, 'finished', 'failed'),
    run('win-back', 4, 'running'),
    run('welcome', 1, 'finished', 'goal_reached'),
    run('welcome', 2, 'running'),
  ]);
}

const read = async (path: string) => {
  const answer = await api.call('GET', path);
  if (answer.status !== 200) throw new Error(`${path}: ${answer.status} ${JSON.stringify(answer.body)}`);
  return answer.body;
};

/** Waits until the page shows every section's figures for `from..to`. */
async function overviewShown(from?: string, to?: string) {
  const want = from && to ? `[data-period="${from}..${to}"]` : '';
  await browser.page.waitForSelector(`section.overview[data-ready="true"]${want}`, { timeout: 30_000 });
  return browser.page.$eval('section.overview', (el) => {
    const [from, to] = el.getAttribute('data-period')!.split('..');
    return { from: from!, to: to! };
  });
}

/** Every figure on the page equals the same number from its route; the lifecycle keeps working meanwhile, so a mismatch is read again after a refresh. */
async function expectFiguresMatchTheApi() {
  let problems: string[] = [];
  for (let round = 0; round < 3; round++) {
    if (round > 0) {
      const answered = Promise.all(Object.values(OVERVIEW_ROUTES).map((route) => browser.page.waitForResponse((r) => new URL(r.url()).pathname === route.path)));
      await browser.page.click('button[data-action=refresh]');
      await answered;
    }
    const period = await overviewShown();
    const figures = await shownFigures(browser.page);
    expect(figures.length).toBeGreaterThan(60);
    problems = await figureMismatches(figures, period, read);
    if (problems.length === 0) return figures;
  }
  expect(problems).toEqual([]);
  return [];
}

beforeAll(async () => {
  api = await startHarness(`console-overview-${unique}`);
  people = await addPeople(`ov-${unique}`);
  await seed();
  browser = await openSignedIn(api.baseUrl, people.admin, PASSWORD);
});

afterAll(async () => {
  await browser?.close();
  await api?.close();
});

describe('the overview dashboard', () => {
  it('shows every figure as text, each equal to the same number from its API route, and says which route', async () => {
    const period = await overviewShown();
    expect(period).toEqual({ from: dayOf(daysAgo(29)), to: today });
    const figures = await expectFiguresMatchTheApi();
    const names = new Set(figures.map((f) => f.name));
    for (const name of [
      'stages/now/customers',
      'stages/now/byStage/cold',
      'stages/now/silentShare',
      'stages/moves/from=active,to=silent/count',
      `stages/days/day=${today}/byStage/active`,
      'win-back/successRate',
      'win-back/inProgress',
      `win-back/coldPool/reasons/reason=${encodeURIComponent(coldReason)}/count`,
      'welcome/completionRate',
      'health/buckets/from=10/count',
      `health/atRisk/customers/id=${id('risky')}/score`,
      'tasks/overdue',
      'tasks/resolution/p90Ms',
      'tasks/queues/queue=win-back-calls/overdue',
      'messages/channels/channel=email/failed',
      'messages/channels/channel=email/skippedByReason/reason=no%20consent/count',
      'messages/channels/channel=sms/outbox',
    ]) {
      expect(names, name).toContain(name);
    }
    // What was seeded is what a person reads.
    const text = async (name: string) => browser.page.$eval(`[data-figure="${name}"]`, (el) => el.textContent);
    expect(Number(await text('tasks/overdue'))).toBeGreaterThanOrEqual(1);
    expect(await text(`tasks/queues/queue=${supportQueue}/resolution/medianMs`)).toBe('23 hours');
    expect(await text(`win-back/coldPool/reasons/reason=${encodeURIComponent(coldReason)}/count`)).toBe('2');
    // Each section names its route, with the period it reads.
    const sources = await browser.page.$$eval('[data-route]', (els) => Object.fromEntries(els.map((el) => [el.getAttribute('data-route'), el.textContent])));
    expect(sources['stages-per-day']).toBe(`GET /v1/reports/stages?from=${period.from}&to=${period.to}`);
    expect(sources['win-back']).toBe('GET /v1/reports/win-back');
    expect(sources.messages).toBe(`GET /v1/reports/messages?from=${period.from}&to=${period.to}`);
    expect(await browser.page.$$eval(`[data-section=stages-per-day] tr[data-day]`, (rows) => rows.length)).toBe(30);
    expect(await browser.page.$$eval('[data-section] canvas[role=img]', (charts) => charts.length)).toBe(4);
    await browser.screenshot('overview-en');
    expect(browser.pageErrors).toEqual([]);
  });

  it('reads the chosen period: the last 7 days, then a from–to range, and the per-day chart covers those days', async () => {
    const sevenFrom = dayOf(daysAgo(6));
    const asked = browser.page.waitForRequest((r) => r.url().includes(`/v1/reports/stages?from=${sevenFrom}&to=${today}`));
    await browser.page.click('button[data-days="7"]');
    await asked;
    await overviewShown(sevenFrom, today);
    expect(await browser.page.$eval('button[data-days="7"]', (el) => el.getAttribute('aria-pressed'))).toBe('true');
    const perDay = () => browser.page.$eval('[data-section=stages-per-day] [data-days]', (el) => [el.getAttribute('data-days'), el.getAttribute('data-first-day'), el.getAttribute('data-last-day')]);
    expect(await perDay()).toEqual(['7', sevenFrom, today]);
    expect(await browser.page.$$eval('[data-section=stages-per-day] tr[data-day]', (rows) => rows.map((row) => row.getAttribute('data-day')))).toHaveLength(7);
    expect(browser.page.url()).toContain('#/overview?days=7');
    await expectFiguresMatchTheApi();
    await browser.screenshot('overview-last-7-days');

    // A range typed into the date fields as a person would (month, day, year in an en-US browser).
    const from = daysAgo(13);
    const to = daysAgo(4);
    const typeDay = async (field: string, day: Date) => {
      const [year, month, date] = dayOf(day).split('-');
      await browser.page.type(`input[name=${field}]`, `${month}${date}${year}`);
    };
    await typeDay('from', from);
    await typeDay('to', to);
    const range = browser.page.waitForRequest((r) => r.url().includes(`/v1/reports/messages?from=${dayOf(from)}&to=${dayOf(to)}`));
    await browser.page.click('button[data-action=apply-range]');
    await range;
    await overviewShown(dayOf(from), dayOf(to));
    expect(await perDay()).toEqual(['10', dayOf(from), dayOf(to)]);
    // The period goes into the address: a reload shows the same days.
    await browser.page.reload({ waitUntil: 'networkidle0' });
    await overviewShown(dayOf(from), dayOf(to));
    expect(await browser.page.$$eval('button[data-days][aria-pressed=true]', (els) => els.length)).toBe(0);
    await expectFiguresMatchTheApi();
    await browser.screenshot('overview-range');
  });

  it('lists the customers at risk with score and reason, each linking to its customer page', async () => {
    await browser.page.click('button[data-days="30"]');
    await overviewShown(dayOf(daysAgo(29)), today);
    const row = `[data-section=at-risk] tr[data-customer-id="${id('risky')}"]`;
    expect(await browser.page.$eval(row, (el) => el.textContent)).toMatch(/Rita Risk.*12.*health 12, below 40/);
    expect(await browser.page.$eval(`[data-section=at-risk] tr[data-customer-id="${id('h1')}"]`, (el) => el.textContent)).toContain('open urgent review: Urgent review: complaint filed');
    await browser.page.click(`${row} a`);
    await browser.page.waitForFunction((want: string) => window.location.hash === want, {}, `#/customers/${id('risky')}`);
    await waitForText(browser.page, 'nav a[aria-current=page]', 'Customers');
    await browser.screenshot('overview-at-risk-link');
    await browser.page.goBack();
    await overviewShown();
  });

  it('shows one failing route as an error in its own section only', async () => {
    const failWelcome = (request: HTTPRequest) =>
      new URL(request.url()).pathname === '/v1/reports/welcome'
        ? request.respond({ status: 503, contentType: 'application/problem+json', body: JSON.stringify({ title: 'Service Unavailable', detail: 'the store is not answering' }) })
        : request.continue();
    await browser.page.setRequestInterception(true);
    browser.page.on('request', failWelcome);
    try {
      await browser.page.click('button[data-action=refresh]');
      await waitForText(browser.page, '[data-section=welcome] [role=alert]', 'the store is not answering');
      await overviewShown();
      expect(await browser.page.$$eval('[role=alert]', (alerts) => alerts.map((a) => a.closest('[data-section]')?.getAttribute('data-section')))).toEqual(['welcome']);
      expect(await browser.page.$$eval('[data-section=welcome] [data-figure]', (els) => els.length)).toBe(0);
      expect(await browser.page.$$eval('[data-section=win-back] [data-figure]', (els) => els.length)).toBeGreaterThan(5);
      await browser.screenshot('overview-one-route-failing');
    } finally {
      browser.page.off('request', failWelcome);
      await browser.page.setRequestInterception(false);
    }
    await browser.page.click('button[data-action=refresh]');
    await browser.page.waitForFunction(() => !document.querySelector('[data-section=welcome] [role=alert]'));
  });

  it('reads in Chinese: the same figures, written for a zh-CN reader', async () => {
    await browser.page.click('button[data-locale="zh-CN"]');
    await waitForText(browser.page, 'h1', '总览');
    for (const title of ['当前各阶段客户数', '阶段流转', '每日各阶段客户数', '沉默唤醒', '新客欢迎', '健康分分布', '风险客户', '任务指标', '消息触达']) {
      await waitForText(browser.page, '[data-section] h2', title);
    }
    await waitForText(browser.page, 'button[data-days="7"]', '近 7 天');
    await waitForText(browser.page, '[data-section=stages-now] .badge', '冷启动池');
    expect(await browser.page.$eval(`[data-section=at-risk] tr[data-customer-id="${id('risky')}"]`, (el) => el.textContent)).toContain('健康分 12，低于 40');
    const figures = await expectFiguresMatchTheApi();
    const durations = figures.filter((f) => f.kind === 'duration' && f.text !== '—').map((f) => f.text);
    expect(durations.length).toBeGreaterThan(0);
    expect(durations.every((text) => /分钟|小时|天/.test(text))).toBe(true);
    await browser.screenshot('overview-zh');
    await browser.page.click('button[data-locale="en"]');
    await waitForText(browser.page, 'h1', 'Overview');
    expect(browser.pageErrors).toEqual([]);
  });
});
