import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type Harness, startHarness } from './support/api-harness.js';
import { type ConsoleBrowser, openConsoleBrowser, signInThroughForm, waitForText } from './support/console-browser.js';
import { addPeople, PASSWORD } from './support/people.js';

let api: Harness;
let people: Awaited<ReturnType<typeof addPeople>>;
const unique = Date.now().toString(36);

beforeAll(async () => {
  api = await startHarness(`console-shell-${unique}`);
  people = await addPeople(`shell-${unique}`);
});

afterAll(async () => {
  await api?.close();
});

describe('the console, served by the API', () => {
  it('is the page at /console/, with a policy that lets it load nothing from another origin', async () => {
    const answer = await fetch(`${api.baseUrl}/console`, { redirect: 'manual' });
    expect(answer.status).toBe(301);
    const page = await fetch(`${api.baseUrl}/console/`);
    expect(page.status).toBe(200);
    expect(page.headers.get('content-security-policy')).toContain("default-src 'self'");
    const html = await page.text();
    expect(html).toMatch(/<script type="module" src="assets\/main-\w+\.js"><\/script>/);
    expect(html).not.toMatch(/https?:\/\//);
    const script = html.match(/src="(assets\/main-\w+\.js)"/)![1];
    const asset = await fetch(`${api.baseUrl}/console/${script}`, { headers: { 'accept-encoding': 'gzip' } });
    expect(asset.headers.get('content-encoding')).toBe('gzip');
    expect(asset.headers.get('cache-control')).toContain('immutable');
  });
});

describe('signing in through the console', () => {
  let browser: ConsoleBrowser;
  beforeAll(async () => {
    browser = await openConsoleBrowser(api.baseUrl);
  });
  afterAll(async () => {
    await browser?.close();
  });

  it('refuses a wrong password with the reason, then lets the person in with their name and role shown', async () => {
    await browser.open();
    await signInThroughForm(browser.page, people.agent, 'not the password');
    await waitForText(browser.page, '[role=alert]', 'Wrong name or password');
    await browser.page.$eval('input[name=password]', (input) => ((input as HTMLInputElement).value = ''));
    await browser.page.type('input[name=password]', PASSWORD);
    await browser.page.click('button[type=submit]');
    await waitForText(browser.page, '.me', people.agent);
    expect(await browser.page.$eval('.me .badge', (el) => el.textContent)).toBe('Agent');
    // The session cookie is out of the page's reach.
    expect(await browser.page.evaluate(() => document.cookie)).not.toContain('tideway_session');
    await browser.screenshot('shell-signed-in');
    // Everything the page loaded came from the API's own origin.
    expect(browser.requested.filter((url) => /^(https?|wss?):/.test(url) && !url.startsWith(api.baseUrl))).toEqual([]);
    expect(browser.pageErrors).toEqual([]);
  });

  it('switches to Chinese and keeps the choice across a reload', async () => {
    await browser.page.click('button[data-locale="zh-CN"]');
    await waitForText(browser.page, 'nav a', '客户');
    await browser.page.reload({ waitUntil: 'networkidle0' });
    await waitForText(browser.page, 'nav a', '客户');
    expect(await browser.page.$eval('html', (el) => el.lang)).toBe('zh-CN');
    await browser.page.click('button[data-locale="en"]');
    await waitForText(browser.page, 'nav a', 'Customers');
  });

  it('signs out, and the next load asks to sign in again', async () => {
    await browser.page.click('.me button.link');
    await browser.page.waitForSelector('form input[name=name]');
    await browser.page.reload({ waitUntil: 'networkidle0' });
    await browser.page.waitForSelector('form input[name=name]');
  });
});

describe('a browser that reads Chinese', () => {
  it('shows the console in Chinese from the first page, with a switch to English', async () => {
    const browser = await openConsoleBrowser(api.baseUrl, { language: 'zh-CN' });
    try {
      await browser.open();
      await waitForText(browser.page, 'h1', '登录 Tideway');
      await signInThroughForm(browser.page, people.viewer, PASSWORD);
      await waitForText(browser.page, '.me .badge', '只读');
      await waitForText(browser.page, '.read-only', '个人信息已脱敏');
      await browser.screenshot('shell-zh-viewer');
    } finally {
      await browser.close();
    }
  });
});
