import type { Page } from 'puppeteer-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { journeys } from '../journeys/index.js';
import { JourneyRunModel } from '../store/models/journey-run.js';
import { type Harness, startHarness } from './support/api-harness.js';
import { type ConsoleBrowser, clickText, openSignedIn, waitForText } from './support/console-browser.js';
import { eventually } from './support/eventually.js';
import { addPeople, PASSWORD } from './support/people.js';

let api: Harness;
let browser: ConsoleBrowser;
let people: Awaited<ReturnType<typeof addPeople>>;
const unique = Date.now().toString(36);

interface Report {
  entered: number;
  inProgress: number;
  goalReached: number;
  steps: { key: string; passed: number }[];
  outcomes: { outcome: string; reason: string; count: number }[];
  arms: { experiment: string; arm: string; entered: number; goalReached: number }[];
}
const report = async (id: string) => (await api.call('GET', `/v1/reports/journeys/${id}`)).body as Report;
const passed = (of: Report, key: string) => of.steps.find((step) => step.key === key)!.passed;
/** Other suites share the store: the counts before this one's runs, to add its own to. */
let before: { welcome: Report; nurture: Report };
const armOf = (of: Report, arm: string) => of.arms.find((a) => a.arm === arm) ?? { entered: 0, goalReached: 0 };

/** The text of a cell, found by data attributes, once the page shows it. */
const cell = (page: Page, selector: string) => page.waitForSelector(selector).then((found) => found!.evaluate((el) => el.textContent!.trim()));

/** The text of a drawn diagram node, by the node id the API gave it (Mermaid names the SVG group `…-<id>-<n>`). */
const nodeText = (page: Page, nodeId: string) =>
  page.$eval(`figure.diagram svg g.node[id*="-${nodeId}-"]`, (el) => el.textContent!.replace(/\s+/g, ' ').trim());

beforeAll(async () => {
  api = await startHarness(`console-journeys-${unique}`);
  people = await addPeople(`journeys-${unique}`);
  before = { welcome: await report('welcome'), nurture: await report('nurture') };
  const base = before.welcome;
  // Two real welcome runs: two new customers, the worker sends their welcome email and opens their survey task.
  const customers = [`jw1-${unique}`, `jw2-${unique}`];
  for (const customerId of customers) {
    await api.call('PUT', `/v1/customers/${customerId}`, { email: `${customerId}@example.com`, name: 'Journey Test' });
    await api.call('PUT', `/v1/customers/${customerId}/consent`, { channel: 'email', status: 'opted_in' });
    await api.call('POST', `/v1/customers/${customerId}/stage`, { stage: 'new', reason: 'signed up' });
  }
  await eventually(() => report('welcome'), (r) => passed(r, 'welcome-email') === passed(base, 'welcome-email') + 2 && passed(r, 'survey') === passed(base, 'survey') + 2, {
    what: 'two welcome runs past the survey task',
  });
  // One of them completes the survey: its run reaches the goal.
  await api.call('POST', '/v1/events', { eventId: `survey-${unique}`, customerId: customers[0], type: 'survey.completed' });
  await eventually(() => report('welcome'), (r) => r.goalReached === base.goalReached + 1 && passed(r, 'to-nurturing') === passed(base, 'to-nurturing') + 1, {
    what: 'the welcome goal reached once',
  });
  // Nurture's A/B split comes weeks in: its runs are stored as runs leave them.
  const at = new Date();
  const run = (n: number, fields: Record<string, unknown>) => ({
    _id: `arm-${unique}-${n}`,
    runId: `arm-${unique}-${n}`,
    workflowId: `journey:nurture:arm-${unique}-${n}`,
    journeyId: 'nurture',
    journeyVersion: journeys.find((j) => j.id === 'nurture')!.version,
    customerId: `arm-${unique}-${n}`,
    startedAt: at,
    ...fields,
  });
  const finished = (n: number, arm: string, outcome: string, reason: string) =>
    run(n, { status: 'finished', outcome, reason, finishedAt: at, arms: { 'nurture-offer': arm }, steps: [{ key: 'tips', at }, { key: `offer-${arm}`, at }] });
  await JourneyRunModel.insertMany([
    finished(1, 'discount', 'goal_reached', 'order.placed'),
    finished(2, 'discount', 'goal_reached', 'order.placed'),
    finished(3, 'discount', 'completed', 'all steps done'),
    finished(4, 'content', 'completed', 'all steps done'),
    run(5, { status: 'running', steps: [{ key: 'tips', at }, { key: 'offer-content', at }] }),
  ]);
  browser = await openSignedIn(api.baseUrl, people.marketer, PASSWORD);
});

afterAll(async () => {
  await browser?.close();
  await api?.close();
});

describe('the journey catalogue', () => {
  it('lists every journey with its version and runs, each linking to its page', async () => {
    await browser.open('#/journeys');
    await browser.page.waitForSelector('table[data-journeys]');
    const welcome = await report('welcome');
    await waitForText(browser.page, 'tr[data-journey="welcome"] td[data-col="entered"]', String(welcome.entered));
    const rows = await browser.page.$$eval('table[data-journeys] tbody tr', (trs) =>
      trs.map((tr) => ({ id: tr.getAttribute('data-journey'), link: tr.querySelector('a')!.getAttribute('href'), name: tr.querySelector('a')!.textContent, text: tr.textContent })),
    );
    expect(rows.map((row) => row.id)).toEqual(journeys.map((journey) => journey.id));
    for (const journey of journeys) {
      const row = rows.find((r) => r.id === journey.id)!;
      expect(row).toMatchObject({ link: `#/journeys/${journey.id}`, name: journey.name });
      expect(row.text).toContain(journey.version);
    }
    expect(await cell(browser.page, 'tr[data-journey="welcome"] td[data-col="running"]')).toBe(String(welcome.inProgress));
    expect(await cell(browser.page, 'tr[data-journey="welcome"] td[data-col="goalReached"]')).toBe(String(welcome.goalReached));
    expect(rows.find((r) => r.id === 'welcome')!.text).toContain('the customer enters the stage “New, to welcome”');
    await browser.screenshot('journeys-catalogue');
  });
});

describe("a journey's page", () => {
  it('draws the welcome diagram as SVG with the runs that passed each step, as the report counts them', async () => {
    await clickText(browser.page, 'table[data-journeys] a', 'Welcome and onboarding');
    await browser.page.waitForSelector('figure.diagram[data-state="drawn"] svg', { timeout: 30_000 });
    const welcome = await report('welcome');
    expect(passed(welcome, 'welcome-email')).toBe(passed(before.welcome, 'welcome-email') + 2);
    expect(await nodeText(browser.page, 's_welcome_email')).toBe(`✉ email: welcome · ${passed(welcome, 'welcome-email')}`);
    expect(await nodeText(browser.page, 's_to_nurturing')).toBe(`stage → nurturing · ${passed(welcome, 'to-nurturing')}`);
    expect(await nodeText(browser.page, 'entry')).toContain(`· ${welcome.entered}`);
    expect(await cell(browser.page, '[data-figure="entered"] .figure')).toBe(String(welcome.entered));
    expect(await cell(browser.page, '[data-figure="goalReached"] .figure')).toBe(String(welcome.goalReached));
    expect(await cell(browser.page, 'tr[data-step="survey"] td[data-col="passed"]')).toBe(String(passed(welcome, 'survey')));
    expect(await browser.page.$eval('[data-version]', (el) => el.textContent)).toBe(journeys[0]!.version);
    // Outcomes with their reasons.
    const surveyDone = welcome.outcomes.find((o) => o.outcome === 'goal_reached' && o.reason === 'survey.completed')!.count;
    await browser.page.waitForSelector('table[data-outcomes] tr[data-outcome="goal_reached"]');
    const goalRows = await browser.page.$$eval('table[data-outcomes] tr[data-outcome="goal_reached"]', (rows) => rows.map((row) => [...row.querySelectorAll('td')].map((td) => td.textContent!.trim()).slice(0, 3).join('|')));
    expect(goalRows).toContain(`Goal reached|survey.completed|${surveyDone}`);
    await browser.screenshot('journey-welcome');
    expect(browser.pageErrors).toEqual([]);
  });

  it('previews every message as a sample customer gets it, in each language, and as a real customer gets it', async () => {
    const preview = (step: string, field: string) => cell(browser.page, `[data-preview-step="${step}"] [data-field="${field}"]`);
    // The page opens in the reader's language (English here).
    await waitForText(browser.page, '[data-preview-step="welcome-email"] [data-field=subject]', 'Welcome to Tideway, Ada Lovelace');
    expect(await preview('reminder-email', 'text')).toContain('http://127.0.0.1:3000/survey');
    await browser.page.select('select[name=preview-locale]', 'zh-CN');
    await waitForText(browser.page, '[data-preview-step="welcome-email"] [data-field=subject]', '欢迎加入Tideway,李雷');
    await browser.page.type('input[name=preview-customer]', `jw1-${unique}`);
    await clickText(browser.page, '[data-previews] button', 'Preview');
    await browser.page.waitForSelector(`[data-preview-for="jw1-${unique}"]`);
    const { name } = (await api.call('GET', `/v1/customers/jw1-${unique}`)).body;
    expect(await preview('welcome-email', 'subject')).toBe(`欢迎加入Tideway,${name}`);
    await browser.screenshot('journey-welcome-previews');
  });

  it("shows nurture's A/B arms with the API's counts", async () => {
    await browser.open('#/journeys/nurture');
    await browser.page.waitForSelector('table[data-arms]');
    const { arms } = await report('nurture');
    const grown = (arm: string, entered: number, goalReached: number) => ({
      experiment: 'nurture-offer',
      arm,
      entered: armOf(before.nurture, arm).entered + entered,
      goalReached: armOf(before.nurture, arm).goalReached + goalReached,
    });
    expect(arms).toMatchObject([grown('discount', 3, 2), grown('content', 2, 0), grown('no-offer', 0, 0)]);
    for (const arm of arms) {
      const row = `table[data-arms] tr[data-arm="${arm.experiment}/${arm.arm}"]`;
      expect(await cell(browser.page, `${row} td[data-col="entered"]`)).toBe(String(arm.entered));
      expect(await cell(browser.page, `${row} td[data-col="goalReached"]`)).toBe(String(arm.goalReached));
      expect(await cell(browser.page, `${row} td[data-col="interval"]`)).toMatch(arm.entered ? /^\d+(\.\d)?% – \d+(\.\d)?%$/ : /^—$/);
    }
    expect(await cell(browser.page, 'table[data-arms] tr[data-arm="nurture-offer/no-offer"] td[data-col="versusHoldout"]')).toBe('—');
    await browser.page.waitForSelector('figure.diagram[data-state="drawn"] svg', { timeout: 30_000 });
    expect(await nodeText(browser.page, 's_offer_discount')).toBe(`✉ email: nurture-offer-discount · ${passed(await report('nurture'), 'offer-discount')}`);
    await browser.screenshot('journey-nurture-arms');
  });

  it('reads in Chinese', async () => {
    await browser.page.click('button[data-locale="zh-CN"]');
    await waitForText(browser.page, 'h2', 'A/B 实验分组');
    await waitForText(browser.page, 'table[data-arms] th', '目标达成率');
    await waitForText(browser.page, 'dl[data-facts]', '客户进入「培育中」阶段');
    await browser.page.waitForSelector('figure.diagram[data-state="drawn"] svg');
    await browser.screenshot('journey-nurture-zh');
    await browser.open('#/journeys');
    await waitForText(browser.page, 'table[data-journeys] th', '累计进入');
    await waitForText(browser.page, 'tr[data-journey="nurture"] td[data-col="entered"]', String((await report('nurture')).entered));
    await browser.page.waitForFunction(() => [...document.querySelectorAll('table[data-journeys] td.number')].every((td) => td.textContent !== '…'));
    await waitForText(browser.page, 'tr[data-journey="repurchase-vip"]', '距上次运行 30天 内不再进入');
    await browser.screenshot('journeys-catalogue-zh');
    expect(browser.pageErrors).toEqual([]);
  });
});
