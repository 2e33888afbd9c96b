import type { Page } from 'puppeteer-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type Harness, startHarness } from './support/api-harness.js';
import { type ConsoleBrowser, openConsoleBrowser, signInThroughForm, waitForText } from './support/console-browser.js';
import { addPeople, PASSWORD, send } from './support/people.js';

let api: Harness;
let browser: ConsoleBrowser;
let people: Awaited<ReturnType<typeof addPeople>>;
const unique = Date.now().toString(36);
const newcomer = `new-${unique}@example.com`;
const newPassword = 'a fresh password 1';

interface AuditRow {
  who: string;
  action: string;
  target: string;
  change: string;
}

/** The audit rows as the page shows them. */
const auditRows = (page: Page): Promise<AuditRow[]> =>
  page.$$eval('table[data-audit] tbody tr', (trs) =>
    trs.map((tr) => Object.fromEntries(['who', 'action', 'target', 'change'].map((col) => [col, tr.querySelector(`td[data-col="${col}"]`)!.textContent!.trim()])) as unknown as AuditRow),
  );

async function signOut(page: Page) {
  await page.click('.me button.link');
  await page.waitForSelector('form input[name=name]');
}

beforeAll(async () => {
  api = await startHarness(`console-people-${unique}`);
  people = await addPeople(`people-${unique}`);
  browser = await openConsoleBrowser(api.baseUrl);
});

afterAll(async () => {
  await browser?.close();
  await api?.close();
});

describe('people and the audit log, for an admin', () => {
  it('adds a marketer through the form; the field the API refuses says why', async () => {
    await browser.open('#/people');
    await signInThroughForm(browser.page, people.admin, PASSWORD);
    await browser.page.waitForSelector(`table[data-people] tr[data-person="${people.admin}"]`);
    expect(await browser.page.$$eval('nav a', (links) => links.map((a) => a.getAttribute('href')))).toContain('#/people');

    const form = 'form[data-form="add-person"]';
    await browser.page.type(`${form} input[name="new-name"]`, newcomer);
    await browser.page.select(`${form} select[name="new-role"]`, 'marketer');
    await browser.page.type(`${form} input[name="new-password"]`, 'short');
    await browser.page.click(`${form} button[type=submit]`);
    await waitForText(browser.page, `${form} .field-error[data-field="password"]`, 'at least 12 characters');
    await browser.screenshot('people-add-refused');

    await browser.page.$eval(`${form} input[name="new-password"]`, (input) => ((input as HTMLInputElement).value = ''));
    await browser.page.type(`${form} input[name="new-password"]`, newPassword);
    await browser.page.click(`${form} button[type=submit]`);
    await browser.page.waitForSelector(`${form} [data-added="${newcomer}"]`);
    const row = `table[data-people] tr[data-person="${newcomer}"]`;
    await browser.page.waitForSelector(`${row} [data-role="marketer"]`);
    expect(await browser.page.$eval(`${form} .field-error`, () => true).catch(() => false)).toBe(false);
    await browser.screenshot('people-added');
  });

  it('shows the addition in the audit log with the admin as who did it, and filters by person', async () => {
    await waitForText(browser.page, 'table[data-audit] td[data-col="target"]', newcomer);
    const added = (await auditRows(browser.page)).find((row) => row.target === newcomer && row.action === 'POST /v1/users');
    expect(added).toMatchObject({ who: expect.stringContaining(people.admin), change: 'role: — → marketer' });
    expect(added!.who).toContain('Person · Admin');

    await browser.page.type('input[name="actor"]', people.admin);
    await browser.page.click('form[aria-label="Filter the audit log"] button[type=submit]');
    await browser.page.waitForSelector(`table[data-audit][data-actor="${people.admin}"]`);
    // The filtered list replaces the whole one once it has loaded: then every row is the admin's.
    await browser.page.waitForFunction(
      (admin: string) => {
        const who = [...document.querySelectorAll('table[data-audit] tbody td[data-col="who"]')].map((td) => td.textContent!.trim());
        return who.length > 0 && who.every((name) => name.startsWith(admin));
      },
      { timeout: 15_000 },
      people.admin,
    );
    expect((await auditRows(browser.page)).some((row) => row.target === newcomer)).toBe(true);
    await browser.screenshot('people-audit-filtered');
  });

  it('the new marketer signs in, and is told #/people needs an admin', async () => {
    await signOut(browser.page);
    await signInThroughForm(browser.page, newcomer, newPassword);
    await waitForText(browser.page, '.me .badge', 'Marketer');
    expect(await browser.page.$$eval('nav a', (links) => links.map((a) => a.getAttribute('href')))).not.toContain('#/people');
    await browser.open('#/people');
    await waitForText(browser.page, '[role=alert][data-status="403"]', 'needs the role "admin"');
    expect(await browser.page.$eval('[role=alert][data-status="403"]', (el) => el.textContent)).toContain('Not allowed for your role.');
    expect(await browser.page.$('table[data-audit]')).toBeNull();
    expect(await browser.page.$('form[data-form="add-person"]')).toBeNull();
    await browser.screenshot('people-marketer-refused');
  });

  it("changes the newcomer's role and disables them; the log keeps from → to, and they cannot sign in any more", async () => {
    await signOut(browser.page);
    await signInThroughForm(browser.page, people.admin, PASSWORD);
    await browser.open('#/people');
    const row = `table[data-people] tr[data-person="${newcomer}"]`;
    await browser.page.waitForSelector(row);
    await browser.page.select(`${row} select`, 'agent');
    await browser.page.click(`${row} button[type=submit]`);
    await browser.page.waitForSelector(`${row} [data-role="agent"]`);
    await waitForText(browser.page, 'table[data-audit] td[data-col="change"]', 'role: marketer → agent');

    await browser.page.click(`${row} button.danger`);
    await waitForText(browser.page, `${row} td[data-col="status"]`, 'Disabled');
    await waitForText(browser.page, 'table[data-audit] td[data-col="change"]', 'disabled: false → true');
    expect((await send(api.baseUrl, 'POST', '/v1/session', { body: { name: newcomer, password: newPassword } })).status).toBe(401);
    await browser.screenshot('people-changed');

    await browser.page.click('button[data-locale="zh-CN"]');
    await waitForText(browser.page, 'h2', '审计日志');
    await waitForText(browser.page, `${row} td[data-col="status"]`, '已停用');
    await browser.screenshot('people-zh');
    expect(browser.pageErrors).toEqual([]);
  });

  it('shows why a change was made, when the person gave a reason', async () => {
    const customerId = `people-reason-${unique}`;
    await api.call('PUT', `/v1/customers/${customerId}`, { name: 'Reason' });
    expect((await api.call('POST', `/v1/customers/${customerId}/stage`, { stage: 'active', reason: '电话确认已复购' })).status).toBe(202);
    await browser.page.click('button[data-locale="en"]');
    await browser.page.reload({ waitUntil: 'networkidle0' });
    await waitForText(browser.page, 'table[data-audit] td[data-col="target"]', customerId);
    await waitForText(browser.page, 'table[data-audit] [data-col="reason"]', 'why: 电话确认已复购');
  });
});
