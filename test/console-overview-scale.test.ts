import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { STAGES } from '../domain/stages.js';
import { CustomerModel } from '../store/models/customer.js';
import { type Harness, startHarness } from './support/api-harness.js';
import { type ConsoleBrowser, openSignedIn } from './support/console-browser.js';
import { OVERVIEW_ROUTES } from './support/overview-figures.js';
import { addPeople, PASSWORD } from './support/people.js';

/**
 * Opt-in measurement for the note (`TIDEWAY_CONSOLE_SCALE=1 npx vitest run test/console-overview-scale.test.ts`):
 * the time to first render of the overview (navigation start → every figure shown) and of the customers
 * list, with 10,000 customers in the store. Prints the times; asserts only that the pages render.
 */
const CUSTOMERS = Number(process.env.TIDEWAY_CONSOLE_SCALE_CUSTOMERS ?? 10_000);
const ROUNDS = 3;
const DAY = 86_400_000;
const unique = Date.now().toString(36);

let api: Harness;
let browser: ConsoleBrowser;

const median = (values: number[]) => [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)]!;

/** A customer with a stage history of one to three changes over the last 90 days and a health score, spread evenly. */
function customer(n: number, now: number) {
  const stages = [STAGES[n % STAGES.length]!, STAGES[(n * 3 + 1) % STAGES.length]!, STAGES[(n * 5 + 2) % STAGES.length]!].slice(0, 1 + (n % 3));
  const history = stages.map((to, i) => ({
    from: i === 0 ? null : stages[i - 1]!,
    to,
    reason: to === 'cold' ? 'no answer to the win-back' : 'scale seed',
    source: 'test',
    ruleVersion: 'stage-rules@1',
    at: new Date(now - (90 - i * 30 - (n % 29)) * DAY),
  }));
  return {
    _id: `scale-${unique}-${String(n).padStart(5, '0')}`,
    name: `Scale Customer ${n}`,
    email: `scale.${unique}.${n}@example.com`,
    stage: stages.at(-1)!,
    stageHistory: history,
    stageChangedAt: history.at(-1)!.at,
    health: { score: (n * 37) % 101 },
    tags: n % 10 === 0 ? ['vip'] : [],
  };
}

describe.skipIf(!process.env.TIDEWAY_CONSOLE_SCALE)(`the overview and the customers list with ${CUSTOMERS} customers`, () => {
  beforeAll(async () => {
    api = await startHarness(`console-scale-${unique}`);
    const people = await addPeople(`scale-${unique}`);
    const now = Date.now();
    const started = Date.now();
    for (let from = 0; from < CUSTOMERS; from += 1_000) {
      await CustomerModel.insertMany(
        Array.from({ length: Math.min(1_000, CUSTOMERS - from) }, (_, i) => customer(from + i, now)),
        { ordered: false, lean: true },
      );
    }
    console.log(`[scale] inserted ${CUSTOMERS} customers in ${Date.now() - started} ms; ${await CustomerModel.estimatedDocumentCount()} in the store`);
    browser = await openSignedIn(api.baseUrl, people.admin, PASSWORD);
  }, 600_000);

  afterAll(async () => {
    await browser?.close();
    await api?.close();
  });

  it('prints each report route’s time, then the overview’s and the customers list’s time to first render', async () => {
    for (const [name, route] of Object.entries(OVERVIEW_ROUTES)) {
      const started = Date.now();
      const answer = await api.call('GET', route.path);
      expect(answer.status, name).toBe(200);
      console.log(`[scale] GET ${route.path}: ${Date.now() - started} ms`);
    }
    const overview: number[] = [];
    const customers: number[] = [];
    for (let round = 0; round < ROUNDS; round++) {
      // A fresh navigation each time (a hash change alone keeps the document): the mark is the time from navigation start to the last figure shown.
      await browser.page.goto('about:blank');
      await browser.page.goto(`${api.baseUrl}/console/#/overview`);
      await browser.page.waitForSelector('section.overview[data-ready="true"]', { timeout: 300_000 });
      overview.push(await browser.page.evaluate(() => performance.getEntriesByName('tideway:overview-ready')[0]!.startTime));
      expect(await browser.page.$$eval('[data-section] [role=alert]', (alerts) => alerts.length)).toBe(0);

      await browser.page.goto('about:blank');
      await browser.page.goto(`${api.baseUrl}/console/#/customers`);
      await browser.page.waitForSelector('tr[data-customer]', { timeout: 300_000 });
      customers.push(await browser.page.evaluate(() => performance.now()));
    }
    await browser.page.goto('about:blank');
    await browser.page.goto(`${api.baseUrl}/console/#/overview`);
    await browser.page.waitForSelector('section.overview[data-ready="true"]', { timeout: 300_000 });
    const shown = await browser.page.$eval('[data-figure="stages/now/customers"]', (el) => el.textContent);
    await browser.screenshot('overview-scale');
    const ms = (values: number[]) => `${values.map((v) => Math.round(v)).join(', ')} ms (median ${Math.round(median(values))} ms)`;
    console.log(`[scale] ${shown} customers on the overview`);
    console.log(`[scale] overview, navigation start → all figures shown: ${ms(overview)}`);
    console.log(`[scale] customers list, navigation start → first rows shown: ${ms(customers)}`);
    expect(Number(shown!.replace(/,/g, ''))).toBeGreaterThanOrEqual(CUSTOMERS);
  }, 900_000);
});
