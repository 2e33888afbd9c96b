import type { Page } from 'puppeteer-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { JourneyRunModel } from '../store/models/journey-run.js';
import { MessageModel } from '../store/models/message.js';
import { type Harness, startHarness } from './support/api-harness.js';
import { type ConsoleBrowser, openConsoleBrowser, signInThroughForm, waitForText } from './support/console-browser.js';
import { eventually } from './support/eventually.js';
import { addPeople, PASSWORD } from './support/people.js';

let api: Harness;
let browser: ConsoleBrowser;
let people: Awaited<ReturnType<typeof addPeople>>;
const unique = Date.now().toString(36);
// Chen registers (a real event, so the welcome journey runs); Ada is already active.
const chen = { id: `cc-${unique}`, name: `Chen Wei ${unique}`, email: `chen.${unique}@example.com`, phone: `+86139${String(Date.now()).slice(-8)}` };
const ada = { id: `ca-${unique}`, name: `Ada Lovelace ${unique}`, email: `ada.${unique}@example.com` };

beforeAll(async () => {
  api = await startHarness(`console-customers-${unique}`);
  people = await addPeople(`customers-${unique}`);
  expect((await api.call('PUT', `/v1/customers/${chen.id}`, { name: chen.name, email: chen.email, phone: chen.phone, locale: 'en', timezone: 'Asia/Shanghai', tags: ['vip', `batch-${unique}`] })).status).toBe(201);
  await api.call('PUT', `/v1/customers/${chen.id}/consent`, { channel: 'email', status: 'opted_in' });
  expect((await api.call('POST', '/v1/events', { eventId: `registered-${unique}`, customerId: chen.id, type: 'customer.registered' })).status).toBe(202);
  expect((await api.call('PUT', `/v1/customers/${ada.id}`, { name: ada.name, email: ada.email, tags: [`batch-${unique}`] })).status).toBe(201);
  expect((await api.call('POST', `/v1/customers/${ada.id}/stage`, { stage: 'active', reason: 'imported as active' })).status).toBe(202);
  // The welcome journey sent its email (in the ledger) and recorded its run; Ada's stage is applied.
  await eventually(() => MessageModel.findOne({ customerId: chen.id, template: 'welcome', status: 'sent' }).lean(), Boolean, { what: 'the welcome email sent', timeoutMs: 40_000 });
  await eventually(() => JourneyRunModel.findOne({ customerId: chen.id, journeyId: 'welcome' }).lean(), Boolean, { what: 'the welcome run recorded' });
  await eventually(() => api.call('GET', `/v1/customers/${ada.id}`), (r) => r.body.stage === 'active', { what: 'Ada active' });
  browser = await openConsoleBrowser(api.baseUrl);
}, 90_000);

afterAll(async () => {
  await browser?.close();
  await api?.close();
});

const rows = (page: Page) => page.$$eval('tr[data-customer]', (trs) => trs.map((tr) => tr.getAttribute('data-customer')));

/** Types into the search box and submits, as a person would. */
async function search(page: Page, q: string, stage = '') {
  // Select what is there and type over it, as a person would: setting the value from outside fires no
  // input event, so a re-render in between could put the previous search back.
  await page.click('input[name=q]', { clickCount: 3 });
  await page.keyboard.press('Backspace');
  await page.type('input[name=q]', q);
  await page.select('select[name=stage]', stage);
  await page.click('form[role=search] button[type=submit]');
}

async function waitForRows(page: Page, want: string[]) {
  await page.waitForFunction(
    (ids: string[]) => {
      const seen = [...document.querySelectorAll('tr[data-customer]')].map((tr) => tr.getAttribute('data-customer'));
      return seen.length === ids.length && ids.every((id) => seen.includes(id));
    },
    { timeout: 15_000 },
    want,
  );
}

describe('the customer list', () => {
  it('finds a customer by name and by email, and filters by stage, with the search in the link', async () => {
    await browser.open('#/customers');
    await signInThroughForm(browser.page, people.agent, PASSWORD);
    await browser.page.waitForSelector('form[role=search]');

    await search(browser.page, chen.name);
    await waitForRows(browser.page, [chen.id]);
    expect(await browser.page.evaluate(() => window.location.hash)).toContain(`q=${encodeURIComponent(chen.name).replace(/%20/g, '+')}`);

    await search(browser.page, chen.email.toUpperCase());
    await waitForRows(browser.page, [chen.id]);
    const row = await browser.page.$eval(`tr[data-customer="${chen.id}"]`, (tr) => tr.textContent);
    expect(row).toContain(chen.email);
    expect(row).toContain(chen.name);

    // Both match the suffix; the stage filter keeps one.
    await search(browser.page, unique);
    await waitForRows(browser.page, [ada.id, chen.id]);
    await search(browser.page, unique, 'active');
    await waitForRows(browser.page, [ada.id]);
    expect(await browser.page.$eval(`tr[data-customer="${ada.id}"] [data-stage]`, (el) => el.getAttribute('data-stage'))).toBe('active');
    await search(browser.page, unique, 'new');
    await waitForRows(browser.page, [chen.id]);
    await browser.screenshot('customers-list-en');

    // A shared link opens the same search.
    await browser.page.goto(`${api.baseUrl}/console/#/customers?q=${unique}&stage=active`, { waitUntil: 'networkidle0' });
    await waitForRows(browser.page, [ada.id]);
    expect(await browser.page.$eval('select[name=stage]', (select) => (select as HTMLSelectElement).value)).toBe('active');
    expect(await rows(browser.page)).toEqual([ada.id]);
  });
});

describe('the customer page', () => {
  it('shows the profile, stage, health and one timeline with the welcome email and the run linked to the Temporal UI', async () => {
    await search(browser.page, chen.name);
    await waitForRows(browser.page, [chen.id]);
    await browser.page.click(`tr[data-customer="${chen.id}"] a`);
    await browser.page.waitForSelector(`section.customer-page[data-customer="${chen.id}"]`);
    expect(await browser.page.evaluate(() => window.location.hash)).toBe(`#/customers/${chen.id}`);

    await waitForText(browser.page, 'h1', chen.name);
    const field = (name: string) => browser.page.$eval(`.customer-page [data-field="${name}"]`, (el) => el.textContent);
    expect(await field('email')).toBe(chen.email);
    expect(await field('phone')).toBe(chen.phone);
    expect(await field('timezone')).toBe('Asia/Shanghai');
    expect(await field('tags')).toContain('vip');
    expect(await browser.page.$eval('.customer-head [data-stage]', (el) => el.getAttribute('data-stage'))).toBe('new');
    expect(await browser.page.$eval('[data-consent=email]', (el) => el.getAttribute('data-status'))).toBe('opted_in');
    const customer = (await api.call('GET', `/v1/customers/${chen.id}`)).body;
    expect(await field('health-score')).toContain(String(customer.health.score));
    expect(await browser.page.$$eval('[data-component]', (trs) => trs.map((tr) => tr.getAttribute('data-component')))).toEqual(Object.keys(customer.health.components));

    // The welcome email from the send ledger, with its status.
    const message = await MessageModel.findOne({ customerId: chen.id, template: 'welcome' }).lean();
    const email = await browser.page.waitForSelector(`.timeline li[data-kind=message][data-id="${message!._id}"]`);
    expect(await email!.evaluate((li) => li.textContent)).toContain('Sent');
    expect(await email!.$eval('[data-status]', (el) => el.getAttribute('data-status'))).toBe('sent');
    // The run, with its page in the Temporal UI, opening in a new tab.
    const run = await JourneyRunModel.findOne({ customerId: chen.id, journeyId: 'welcome' }).lean();
    const link = await browser.page.waitForSelector(`.timeline li[data-kind=run][data-id="${run!.runId}"] a[data-link=temporal]`);
    expect(await link!.evaluate((a) => [a.getAttribute('href'), a.getAttribute('target')])).toEqual([
      `http://localhost:8233/namespaces/default/workflows/${encodeURIComponent(run!.workflowId)}/${run!.runId}/history`,
      '_blank',
    ]);
    expect(await browser.page.$eval(`.timeline li[data-kind=run][data-id="${run!.runId}"]`, (li) => li.textContent)).toContain('welcome');
    // The stage change from the registration, newest first after the run it started.
    const kinds = await browser.page.$$eval('.timeline li[data-kind]', (lis) => lis.map((li) => li.getAttribute('data-kind')));
    expect(kinds).toEqual(expect.arrayContaining(['message', 'run', 'stage', 'event']));
    const times = await browser.page.$$eval('.timeline li time', (els) => els.map((el) => Date.parse(el.getAttribute('datetime')!)));
    expect(times).toEqual([...times].sort((a, b) => b - a));
    await browser.screenshot('customer-page-en');

    // The chips show one kind at a time.
    for (const kind of ['event', 'task', 'approval', 'run', 'stage']) await browser.page.click(`button[data-kind-filter=${kind}]`);
    await browser.page.waitForFunction(() => [...document.querySelectorAll('.timeline li[data-kind]')].every((li) => li.getAttribute('data-kind') === 'message'));
    for (const kind of ['event', 'task', 'approval', 'run', 'stage']) await browser.page.click(`button[data-kind-filter=${kind}]`);
    await browser.page.waitForSelector('.timeline li[data-kind=run]');
  });

  it('lets an agent set the stage with a reason, then shows the new stage and the reason in its history', async () => {
    const reason = `Called ${unique}: onboarding done by phone`;
    await browser.page.select('form[data-action=set-stage] select[name=stage]', 'nurturing');
    await browser.page.type('form[data-action=set-stage] input[name=reason]', reason);
    await browser.page.click('form[data-action=set-stage] button[type=submit]');
    // Applied by the customer's lifecycle shortly after the 202: the page reads again until it shows.
    await browser.page.waitForSelector('.customer-head [data-stage=nurturing]', { timeout: 20_000 });
    await waitForText(browser.page, '.stage-history tr[data-stage-change=nurturing]', reason);
    expect(await browser.page.$eval('.stage-history tr[data-stage-change=nurturing]', (tr) => tr.textContent)).toContain('New, to welcome');
    await waitForText(browser.page, '.timeline li[data-kind=stage]', reason);
    await waitForText(browser.page, 'form[data-action=set-stage] [role=status]', 'Stage set');
    const customer = (await api.call('GET', `/v1/customers/${chen.id}`)).body;
    expect(customer.stage).toBe('nurturing');
    expect(customer.stageHistory.at(-1)).toMatchObject({ from: 'new', to: 'nurturing', reason });
    await browser.screenshot('customer-stage-set-en');
    expect(browser.pageErrors).toEqual([]);
  });

  it('ends a running run with a reason, and the run shows as finished with it', async () => {
    const reason = `Customer asked ${unique} to stop the onboarding mails`;
    const running = `.runs tr[data-journey=welcome][data-status=running]`;
    await browser.page.click(`${running} button[data-action=end-run]`);
    await browser.page.type(`${running} form[data-action=end-run-form] input[name=reason]`, reason);
    await browser.page.click(`${running} form[data-action=end-run-form] button[type=submit]`);
    await waitForText(browser.page, '.runs tr[data-journey=welcome][data-status=finished]', reason, 20_000);
    await waitForText(browser.page, '.timeline li[data-kind=run]', reason);
    const run = (await api.call('GET', `/v1/customers/${chen.id}`)).body.runs.find((r: { journeyId: string }) => r.journeyId === 'welcome');
    expect(run).toMatchObject({ status: 'finished', outcome: 'exited', reason });
    await browser.screenshot('customer-run-ended-en');
  });
});

describe('a viewer, reading Chinese', () => {
  it('sees email and phone masked, and setting the stage is refused with the role it needs', async () => {
    await browser.page.click('.me button.link');
    await signInThroughForm(browser.page, people.viewer, PASSWORD);
    await browser.page.waitForSelector('.me .badge');
    await browser.page.click('button[data-locale="zh-CN"]');
    await browser.page.goto(`${api.baseUrl}/console/#/customers?q=${encodeURIComponent(chen.email)}`, { waitUntil: 'networkidle0' });
    await waitForRows(browser.page, [chen.id]);
    const masked = `c•••@example.com`;
    const maskedPhone = `+86 139****${chen.phone.slice(-4)}`;
    expect(await browser.page.$eval(`tr[data-customer="${chen.id}"] [data-field=email]`, (el) => el.textContent)).toBe(masked);
    expect(await browser.page.$eval(`tr[data-customer="${chen.id}"] [data-field=phone]`, (el) => el.textContent)).toBe(maskedPhone);
    await waitForText(browser.page, 'th', '健康分');
    await browser.screenshot('customers-list-zh-viewer');

    await browser.page.click(`tr[data-customer="${chen.id}"] a`);
    await browser.page.waitForSelector(`section.customer-page[data-customer="${chen.id}"]`);
    await browser.page.waitForSelector('.timeline li[data-kind=message]');
    expect(await browser.page.$eval('.customer-page [data-field=email]', (el) => el.textContent)).toBe(masked);
    expect(await browser.page.$eval('.customer-page [data-field=phone]', (el) => el.textContent)).toBe(maskedPhone);
    const text = await browser.page.$eval('main', (el) => el.textContent!);
    expect(text).not.toContain(chen.email);
    expect(text).not.toContain(chen.phone);
    expect(text).not.toContain(chen.name);

    await browser.page.select('form[data-action=set-stage] select[name=stage]', 'active');
    await browser.page.type('form[data-action=set-stage] input[name=reason]', '只读账号试一下');
    await clickSubmit(browser.page, 'set-stage');
    await waitForText(browser.page, 'form[data-action=set-stage] .notice-error', '你的角色无权执行此操作');
    const refusal = await browser.page.$eval('form[data-action=set-stage] .notice-error', (el) => [el.getAttribute('data-status'), el.textContent]);
    expect(refusal).toEqual(['403', expect.stringContaining('needs the role "agent"')]);
    await browser.screenshot('customer-viewer-refused-zh');
    // Nothing changed.
    expect((await api.call('GET', `/v1/customers/${chen.id}`)).body.stage).toBe('nurturing');
    expect(browser.pageErrors).toEqual([]);
  });
});

async function clickSubmit(page: Page, action: string) {
  await page.click(`form[data-action=${action}] button[type=submit]`);
}
