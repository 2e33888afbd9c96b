import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { type Harness, startHarness } from './support/api-harness.js';
import { eventually } from './support/eventually.js';
import { emailsTo } from './support/mail-sink.js';

let api: Harness;
const unique = Date.now().toString(36);
const PUBLIC_URL = 'https://tideway.example';
const SURVEY = 'https://forms.example.com/welcome?from=email&step=1';
const HANDBOOK = 'https://help.example.com/start';

beforeAll(async () => {
  api = await startHarness(`e2e-clicks-${unique}`, {
    publicUrl: PUBLIC_URL,
    templateDefaults: { brand: 'Tideway', handbookUrl: HANDBOOK, surveyUrl: SURVEY, couponUrl: 'https://shop.example.com/coupon' },
  });
});

afterAll(async () => {
  await api?.close();
});

type TimelineEvent = { kind: string; type: string; eventId: string; properties: Record<string, unknown>; applied: boolean };
const eventsOf = async (customerId: string, type: string): Promise<TimelineEvent[]> =>
  ((await api.call('GET', `/v1/customers/${customerId}/timeline`)).body.items as TimelineEvent[]).filter((item) => item.kind === 'event' && item.type === type);

/** A link of the email as the API's own path (the public URL is where people reach the API). */
const onApi = (url: string) => {
  expect(url.startsWith(`${PUBLIC_URL}/`), url).toBe(true);
  return `${api.baseUrl}${url.slice(PUBLIC_URL.length)}`;
};
const get = (url: string) => fetch(url, { redirect: 'manual' });

describe('a marketing email in the MJML layout, with its links through the signed click redirect and an open pixel', () => {
  const customerId = `clicks-${unique}`;
  const email = `clicks-${unique}@example.com`;
  let html = '';

  it('arrives as MJML HTML whose links lead through /r/ and with a pixel; the text part keeps the plain links', async () => {
    await api.call('PUT', `/v1/customers/${customerId}`, { email, name: 'Ada', locale: 'en' });
    await api.call('PUT', `/v1/customers/${customerId}/consent`, { channel: 'email', status: 'opted_in' });
    expect((await api.call('POST', '/v1/events', { eventId: `registered-${unique}`, customerId, type: 'customer.registered' })).status).toBe(202);

    const [welcome] = await eventually(() => emailsTo(inject('mailSinkUrl'), email), (mails) => mails.length > 0, { what: 'the welcome email' });
    html = welcome!.html ?? '';
    expect(html).toContain('class="mj-column-per-100'); // MJML's responsive columns
    expect(html).toContain(`<title>${welcome!.subject}</title>`);
    const shown = [...html.matchAll(/<a href="([^"]+)">([^<]+)<\/a>/g)].map(([, href, text]) => ({ href: href!, text: text! }));
    expect(shown.map((link) => link.text)).toEqual([HANDBOOK, SURVEY.replaceAll('&', '&amp;'), 'Unsubscribe']);
    for (const link of shown.slice(0, 2)) expect(link.href).toMatch(new RegExp(`^${PUBLIC_URL}/r/[A-Za-z0-9_-]+\\.[A-Za-z0-9_-]{43}$`));
    expect(shown[2]!.href).toMatch(new RegExp(`^${PUBLIC_URL}/u/`));
    expect(html).toMatch(new RegExp(`<img src="${PUBLIC_URL}/o/[A-Za-z0-9_.-]+\\.gif" width="1" height="1"`));
    expect(welcome!.text).toContain(`Tell us about yourself in a two-minute survey: ${SURVEY}`);
    expect(welcome!.text).not.toContain('/r/');
  });

  it('redirects a click to the configured page and records one message.clicked however often it is clicked', async () => {
    const surveyLink = [...html.matchAll(/<a href="([^"]+)">([^<]+)<\/a>/g)].find(([, , text]) => text!.startsWith('https://forms.example.com'))![1]!;
    const clicked = await get(onApi(surveyLink));
    expect(clicked.status).toBe(302);
    expect(clicked.headers.get('location')).toBe(SURVEY);
    expect((await get(onApi(surveyLink))).status).toBe(302);
    // A link scanner's HEAD is sent on, and counts for nothing.
    expect((await fetch(onApi(surveyLink), { method: 'HEAD', redirect: 'manual' })).status).toBe(302);

    const [event, ...more] = await eventually(() => eventsOf(customerId, 'message.clicked'), (events) => events.some((e) => e.applied), { what: 'the click applied by the lifecycle' });
    expect(more).toEqual([]);
    expect(event!.properties).toEqual({ sendKey: expect.any(String), journeyId: 'welcome', stepKey: 'welcome-email', url: SURVEY, link: 'survey' });
  });

  it('answers a tampered click link with 403 and records nothing', async () => {
    const handbookLink = [...html.matchAll(/<a href="([^"]+)">([^<]+)<\/a>/g)].find(([, , text]) => text === HANDBOOK)![1]!;
    const [payload, signature] = handbookLink.slice(`${PUBLIC_URL}/r/`.length).split('.') as [string, string];
    // The same signature on a payload that leads elsewhere, a changed signature, and no token at all.
    const elsewhere = Buffer.from(Buffer.from(payload, 'base64url').toString('utf8').replace(HANDBOOK, 'https://evil.example/')).toString('base64url');
    for (const token of [`${elsewhere}.${signature}`, `${payload}.${signature.slice(0, -1)}${signature.endsWith('A') ? 'B' : 'A'}`, 'not-a-token']) {
      const refused = await get(`${api.baseUrl}/r/${token}`);
      expect(refused.status, token).toBe(403);
      expect(refused.headers.get('location')).toBeNull();
      expect(refused.headers.get('content-type')).toMatch(/^text\/html/);
      expect(await refused.text()).toContain('This link does not work');
    }
    expect((await eventsOf(customerId, 'message.clicked')).map((e) => e.properties.url)).toEqual([SURVEY]);
  });

  it('records one message.opened when the pixel is shown, and refuses a tampered pixel', async () => {
    const pixel = new RegExp(`<img src="(${PUBLIC_URL}/o/[^"]+)"`).exec(html)![1]!;
    for (let shown = 0; shown < 2; shown++) {
      const image = await get(onApi(pixel));
      expect(image.status).toBe(200);
      expect(image.headers.get('content-type')).toBe('image/gif');
      expect(Buffer.from(await image.arrayBuffer()).subarray(0, 6).toString()).toBe('GIF89a');
    }
    expect((await get(onApi(pixel.replace(/.\.gif$/, (end) => `${end[0] === 'A' ? 'B' : 'A'}.gif`)))).status).toBe(403);
    const opened = await eventually(() => eventsOf(customerId, 'message.opened'), (events) => events.length > 0, { what: 'the open' });
    expect(opened).toHaveLength(1);
    expect(opened[0]!.properties).toEqual({ sendKey: expect.any(String), journeyId: 'welcome', stepKey: 'welcome-email' });
  });
});
