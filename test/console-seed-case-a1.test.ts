import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { type Harness, startHarness } from './support/api-harness.js';
import { type ConsoleBrowser, openSignedIn, waitForText } from './support/console-browser.js';
import { emailsTo } from './support/mail-sink.js';
import { addPeople, PASSWORD } from './support/people.js';

/**
 * Seed case A-1 (阶段变更触发欢迎旅程), by a Chinese-speaking agent clicking through the console with
 * the real worker, store, Temporal and mail sink: find the new customer, set the stage to 新客-待欢迎,
 * see the welcome email and the survey task on the timeline, complete the task in the inbox, and see
 * the stage become 培育中 with its time, and the welcome journey's report count the run.
 */
let api: Harness;
let browser: ConsoleBrowser;
let people: Awaited<ReturnType<typeof addPeople>>;
const unique = Date.now().toString(36);
const customerId = `a1-console-${unique}`;
const name = `韩梅梅 ${unique}`;
const email = `${customerId}@example.com`;

const hash = (path: string) => browser.page.evaluate((to: string) => (window.location.hash = to), path);

beforeAll(async () => {
  api = await startHarness(`console-a1-${unique}`);
  people = await addPeople(`a1-${unique}`);
  // 前置条件：新客户入库 (a customer in the store, consenting to email).
  expect((await api.call('PUT', `/v1/customers/${customerId}`, { name, email, locale: 'zh-CN' })).status).toBe(201);
  await api.call('PUT', `/v1/customers/${customerId}/consent`, { channel: 'email', status: 'opted_in', source: 'signup-form' });
  browser = await openSignedIn(api.baseUrl, people.agent, PASSWORD, { language: 'zh-CN' });
}, 120_000);

afterAll(async () => {
  await browser?.close();
  await api?.close();
});

describe('seed case A-1 in the console: a stage change starts the welcome journey', () => {
  it('finds the new customer by name', async () => {
    await hash('#/customers');
    await browser.page.waitForSelector('form[role=search] input[type=search]');
    await browser.page.type('form[role=search] input[type=search]', unique);
    await browser.page.click('form[role=search] button[type=submit]');
    await waitForText(browser.page, `tr[data-customer="${customerId}"]`, name);
    await browser.page.click(`tr[data-customer="${customerId}"] a`);
    await waitForText(browser.page, '.customer-head h1', name);
    expect(await browser.page.$eval('.customer-head [data-field=stage]', (el) => el.textContent)).toBe('无阶段');
  });

  it('sets the stage to 新客-待欢迎 with a reason, and the timeline shows the welcome email and the survey task', async () => {
    await browser.page.select('form[data-action=set-stage] select[name=stage]', 'new');
    await browser.page.type('form[data-action=set-stage] input[name=reason]', '新客户入库');
    await browser.page.click('form[data-action=set-stage] button[type=submit]');
    await waitForText(browser.page, '.customer-head [data-field=stage]', '新客-待欢迎', 30_000);
    await waitForText(browser.page, '[data-stage-change="new"] [data-field=reason]', '新客户入库');

    // The timeline fills as the journey runs; the page reads it again when asked (the refresh a person does).
    const timelineHas = async (selector: string) => {
      for (let tries = 0; tries < 30; tries++) {
        if (await browser.page.$(selector)) return;
        await browser.page.reload({ waitUntil: 'networkidle0' });
        await browser.page.waitForSelector('.customer-head h1');
      }
      throw new Error(`the timeline never showed ${selector}`);
    };
    await timelineHas('[data-kind=message] [data-status=sent]');
    await timelineHas('[data-kind=task] [data-link=inbox]');
    await waitForText(browser.page, '[data-kind=message]', '欢迎加入Tideway');
    await waitForText(browser.page, '[data-kind=task]', 'Complete the welcome survey');
    await waitForText(browser.page, '[data-kind=run]', 'welcome');
    await browser.screenshot('a1-timeline-welcome-zh');
    // The email really went out.
    expect((await emailsTo(inject('mailSinkUrl'), email)).map((mail) => mail.subject)).toEqual([`欢迎加入Tideway,${name}`]);
  });

  it('completes the survey task in the inbox; the run reaches its goal and the stage becomes 培育中, with its time', async () => {
    const before = Date.now();
    await browser.page.click('[data-kind=task] [data-link=inbox]');
    const card = '.focused-item [data-task-id]';
    await browser.page.waitForSelector(`${card} input[name=outcome][value=survey-done]`);
    await browser.page.click(`${card} input[name=outcome][value=survey-done]`);
    await browser.page.click(`${card} form.complete-form button[type=submit]`);
    await browser.page.waitForSelector('.action-log [data-run-status=finished][data-run-outcome=goal_reached]', { timeout: 40_000 });
    await browser.screenshot('a1-survey-done-zh');

    await browser.page.goBack({ waitUntil: 'networkidle0' });
    for (let tries = 0; tries < 30 && !(await browser.page.$('.customer-head [data-stage=nurturing]')); tries++) {
      await browser.page.reload({ waitUntil: 'networkidle0' });
      await browser.page.waitForSelector('.customer-head h1');
    }
    await waitForText(browser.page, '.customer-head [data-field=stage]', '培育中');
    await waitForText(browser.page, '[data-stage-change="nurturing"] [data-field=reason]', 'welcome survey completed');
    await browser.screenshot('a1-nurturing-zh');
    const customer = (await api.call('GET', `/v1/customers/${customerId}`)).body;
    expect(customer.stage).toBe('nurturing');
    expect(Date.parse(customer.stageChangedAt)).toBeGreaterThanOrEqual(before - 1000);
  });

  it("shows the run in the welcome journey's report", async () => {
    const report = (await api.call('GET', '/v1/reports/journeys/welcome')).body;
    expect(report.goalReached).toBeGreaterThanOrEqual(1);
    await hash('#/journeys/welcome');
    await browser.page.waitForSelector('[data-figure=goalReached]', { timeout: 20_000 });
    const shown = Number((await browser.page.$eval('[data-figure=goalReached] .figure', (el) => el.textContent ?? '')).replace(/\D/g, ''));
    expect(shown).toBeGreaterThanOrEqual(1);
    expect(browser.pageErrors).toEqual([]);
  });
});
