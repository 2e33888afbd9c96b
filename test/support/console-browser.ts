import { mkdir } from 'node:fs/promises';
import { join } from 'node:path';
import puppeteer, { type Browser, type Page } from 'puppeteer-core';
import { chromiumPath } from '../../stack/chromium.js';

/** Where the console tests leave their screenshots (git-ignored), one PNG per step worth seeing. */
export const SCREENSHOTS = join(import.meta.dirname, '..', '..', 'dist', 'screenshots');

export interface ConsoleBrowser {
  browser: Browser;
  page: Page;
  /** Every URL the pages asked for, to prove nothing came from another origin. */
  requested: string[];
  /** Errors the page's scripts threw. */
  pageErrors: string[];
  open(path?: string): Promise<void>;
  screenshot(name: string): Promise<string>;
  close(): Promise<void>;
}

/** Headless Chromium on the console of the API at `baseUrl`; `language` is what the browser says it reads. */
export async function openConsoleBrowser(baseUrl: string, { language = 'en-US' }: { language?: string } = {}): Promise<ConsoleBrowser> {
  const browser = await puppeteer.launch({
    executablePath: chromiumPath(),
    headless: true,
    // Root in CI: Chromium's sandbox needs a user namespace it may not have.
    args: ['--no-sandbox', '--disable-dev-shm-usage', '--disable-gpu', `--lang=${language}`],
    env: { ...process.env, LANGUAGE: language.replace('-', '_') },
  });
  const page = await browser.newPage();
  await page.setViewport({ width: 1280, height: 900 });
  await page.setExtraHTTPHeaders({ 'Accept-Language': language });
  await page.evaluateOnNewDocument((lang: string) => {
    Object.defineProperty(navigator, 'languages', { get: () => [lang] });
    Object.defineProperty(navigator, 'language', { get: () => lang });
  }, language);
  const requested: string[] = [];
  const pageErrors: string[] = [];
  page.on('request', (request) => requested.push(request.url()));
  page.on('pageerror', (error) => pageErrors.push(String(error)));
  await mkdir(SCREENSHOTS, { recursive: true });
  return {
    browser,
    page,
    requested,
    pageErrors,
    async open(path = '') {
      await page.goto(`${baseUrl}/console/${path}`, { waitUntil: 'networkidle0' });
    },
    async screenshot(name) {
      const path = join(SCREENSHOTS, `${name}.png`);
      // The window is first made as tall as the page, and given two frames to redraw: a full-page capture
      // that resizes the window itself catches Chart.js canvases blank, in the middle of their redraw.
      const height = await page.$eval('body', (body) => Math.ceil(body.scrollHeight));
      await page.setViewport({ width: 1280, height: Math.max(900, height) });
      await page.evaluate(() => new Promise((resolve) => requestAnimationFrame(() => requestAnimationFrame(resolve))));
      await page.screenshot({ path, fullPage: true });
      await page.setViewport({ width: 1280, height: 900 });
      return path;
    },
    close: () => browser.close(),
  };
}

/** Signs in through the form, as a person would. */
export async function signInThroughForm(page: Page, name: string, password: string): Promise<void> {
  await page.waitForSelector('form input[name=name]');
  await page.type('input[name=name]', name);
  await page.type('input[name=password]', password);
  await page.click('button[type=submit]');
}

/** A browser on the console, signed in through the form as `name`, once the page says who is signed in. */
export async function openSignedIn(baseUrl: string, name: string, password: string, options: { language?: string } = {}): Promise<ConsoleBrowser> {
  const browser = await openConsoleBrowser(baseUrl, options);
  await browser.open();
  await signInThroughForm(browser.page, name, password);
  await waitForText(browser.page, '.me', name);
  return browser;
}

/** Waits until an element matching `selector` shows `text`; returns it. */
export async function waitForText(page: Page, selector: string, text: string, timeout = 15_000) {
  return page.waitForFunction(
    (sel: string, want: string) => [...document.querySelectorAll(sel)].find((el) => el.textContent?.includes(want)) ?? null,
    { timeout },
    selector,
    text,
  );
}

/** Clicks the first `selector` whose text contains `text` (a button or link as a person reads it). */
export async function clickText(page: Page, selector: string, text: string): Promise<void> {
  const handle = await waitForText(page, selector, text);
  await (handle.asElement() as import('puppeteer-core').ElementHandle<Element>).click();
}
