import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { defineJourney, type SendStep } from '../domain/journey.js';
import { MessageModel } from '../store/models/message.js';
import { JourneyRunner, journeyWorkflowId } from '../temporal/journey-runner.js';
import { type Harness, startHarness } from './support/api-harness.js';
import { eventually } from './support/eventually.js';
import { emailsTo } from './support/mail-sink.js';

let api: Harness;
const unique = Date.now().toString(36);

beforeAll(async () => {
  api = await startHarness(`e2e-consent-${unique}`);
});
afterAll(async () => {
  await api?.close();
});

/** A one-message journey; each run gets its own journey id, so the runs of one customer never meet. */
const oneMessage = (id: string, send: Omit<SendStep, 'kind' | 'key'>) =>
  defineJourney({ id: `consent-${id}`, name: `Consent test: ${id}`, entry: { event: 'test.consent' }, reentry: 'always', steps: [{ kind: 'send', key: 'message', ...send }] });

/** Runs the journey to its end and returns what the send ledger recorded. */
async function runToEnd(journey: ReturnType<typeof oneMessage>, customerId: string) {
  await new JourneyRunner(api.client, api.taskQueue).start(journey, customerId, 'test');
  await api.client.workflow.getHandle(journeyWorkflowId(journey.id, customerId)).result();
  return MessageModel.findOne({ customerId, journeyId: journey.id }).lean();
}

/** The unsubscribe routes answer HTML for people, so not through the JSON helper. */
async function page(method: 'GET' | 'POST', path: string, init: RequestInit = {}) {
  const response = await fetch(`${api.baseUrl}${path}`, { method, ...init });
  return { status: response.status, type: response.headers.get('content-type') ?? '', html: await response.text() };
}

describe('email consent and the unsubscribe link (real Temporal, store and SMTP)', () => {
  const customerId = `consent-${unique}`;
  const email = `consent-${unique}@example.com`;
  const mails = () => emailsTo(inject('mailSinkUrl'), email);
  const consentOf = async () => (await api.call('GET', `/v1/customers/${customerId}`)).body;
  let token = '';

  it('skips a marketing email to a customer who never opted in, with the reason, and sends nothing', async () => {
    await api.call('PUT', `/v1/customers/${customerId}`, { email, name: 'Ada', locale: 'en' });
    expect(await consentOf()).toMatchObject({ consent: { email: null, sms: null }, consentHistory: [] });
    const row = await runToEnd(oneMessage('promo-1', { channel: 'email', template: 'welcome' }), customerId);
    expect(row).toMatchObject({ status: 'skipped', reason: 'no consent for email marketing (never opted in)' });
    expect(await mails()).toEqual([]);
  });

  it('records an opt-in with its time and source, once', async () => {
    const before = Date.now();
    const optIn = { channel: 'email', status: 'opted_in', source: 'signup-form' };
    const first = await api.call('PUT', `/v1/customers/${customerId}/consent`, optIn);
    expect(first).toMatchObject({ status: 200, body: { id: customerId, consent: { email: { status: 'opted_in', source: 'signup-form' }, sms: null } } });
    expect(Date.parse(first.body.consent.email.at)).toBeGreaterThanOrEqual(before - 1000);
    // Saying it again changes nothing: the first time and source stay.
    const again = await api.call('PUT', `/v1/customers/${customerId}/consent`, { channel: 'email', status: 'opted_in' });
    expect(again.body.consent.email).toEqual(first.body.consent.email);
    expect(again.body.consentHistory).toEqual([{ channel: 'email', ...first.body.consent.email }]);
  });

  it('then sends it with a text and an HTML part, the unsubscribe link in both, and the List-Unsubscribe headers', async () => {
    const row = await runToEnd(oneMessage('promo-2', { channel: 'email', template: 'welcome' }), customerId);
    expect(row).toMatchObject({ status: 'sent', to: email });
    const [mail] = await eventually(mails, (m) => m.length === 1, { what: 'the marketing email' });
    const link = /Unsubscribe: (http:\/\/127\.0\.0\.1:3000\/u\/([A-Za-z0-9_-]+\.[A-Za-z0-9_-]+))$/.exec(mail!.text.trim());
    expect(link, mail!.text).not.toBeNull();
    token = link![2]!;
    expect(mail!.text).toMatch(/^Hi Ada,\n\nWelcome aboard! Your handbook is here: http:\/\/tideway\.test\/handbook/);
    expect(mail!.html).toContain('<p>Hi Ada,</p>');
    // A marketing email's links show the page and lead through the signed click redirect.
    expect(mail!.html).toMatch(/<a href="[^"]+\/r\/[A-Za-z0-9_-]+\.[A-Za-z0-9_-]{43}">http:\/\/tideway\.test\/survey<\/a>/);
    expect(mail!.html).toContain(`You get this email because you agreed to hear from Tideway. <a href="${link![1]}">Unsubscribe</a>`);
    expect(mail!.headers['list-unsubscribe']).toBe(`<${link![1]}>`);
    expect(mail!.headers['list-unsubscribe-post']).toBe('List-Unsubscribe=One-Click');
    expect(mail!.headers['x-tideway-send-key']).toBe(row!.sendKey);
  });

  it('refuses a tampered or malformed link with a page, and changes nothing', async () => {
    const [payload, signature] = token.split('.') as [string, string];
    const otherCustomer = Buffer.from(JSON.stringify({ c: `someone-else-${unique}`, ch: 'email' })).toString('base64url');
    const flipped = `${signature[0] === 'A' ? 'B' : 'A'}${signature.slice(1)}`;
    for (const bad of [`${payload}.${flipped}`, `${otherCustomer}.${signature}`]) {
      const refused = await page('POST', `/u/${bad}`, { headers: { 'content-type': 'application/x-www-form-urlencoded' }, body: 'List-Unsubscribe=One-Click' });
      expect(refused).toMatchObject({ status: 403, type: expect.stringContaining('text/html') });
      expect(refused.html).toContain('This unsubscribe link is not valid');
    }
    expect((await page('POST', '/u/not-a-token')).status).toBe(400);
    expect((await page('GET', `/u/${payload}.${flipped}`)).status).toBe(403);
    expect((await consentOf()).consent.email).toMatchObject({ status: 'opted_in', source: 'signup-form' });
  });

  it('shows a confirmation page on GET that changes nothing', async () => {
    const shown = await page('GET', `/u/${token}`);
    expect(shown).toMatchObject({ status: 200, type: expect.stringContaining('text/html') });
    expect(shown.html).toContain(`Stop marketing emails to c•••@example.com?`);
    expect(shown.html).toMatch(/<form method="post"><button type="submit"[^>]*>Unsubscribe<\/button><\/form>/);
    expect((await consentOf()).consent.email.status).toBe('opted_in');
  });

  it('opts the customer out on the one-click POST, with the source unsubscribe-link', async () => {
    const before = Date.now();
    const done = await page('POST', `/u/${token}`, { headers: { 'content-type': 'application/x-www-form-urlencoded' }, body: 'List-Unsubscribe=One-Click' });
    expect(done.status).toBe(200);
    expect(done.html).toContain('You are unsubscribed');
    const customer = await consentOf();
    expect(customer.consent.email).toMatchObject({ status: 'opted_out', source: 'unsubscribe-link' });
    expect(Date.parse(customer.consent.email.at)).toBeGreaterThanOrEqual(before - 1000);
    expect(customer.consentHistory.map((c: { channel: string; status: string; source: string }) => [c.channel, c.status, c.source])).toEqual([
      ['email', 'opted_in', 'signup-form'],
      ['email', 'opted_out', 'unsubscribe-link'],
    ]);
    // Following the link again is harmless: the page says so, the history stays.
    expect((await page('GET', `/u/${token}`)).html).toContain('You are unsubscribed');
    expect((await page('POST', `/u/${token}`)).status).toBe(200);
    expect((await consentOf()).consentHistory).toHaveLength(2);
  });

  it('skips the next marketing email, with the reason', async () => {
    const row = await runToEnd(oneMessage('promo-3', { channel: 'email', template: 'welcome-reminder' }), customerId);
    expect(row).toMatchObject({ status: 'skipped', reason: 'no consent for email marketing (opted out via unsubscribe-link)' });
    await new Promise((resolve) => setTimeout(resolve, 500));
    expect(await mails()).toHaveLength(1);
  });

  it('still sends a transactional email, without an unsubscribe link', async () => {
    const row = await runToEnd(oneMessage('receipt', { channel: 'email', template: 'welcome-reminder', purpose: 'transactional' }), customerId);
    expect(row).toMatchObject({ status: 'sent', to: email });
    const sent = await eventually(mails, (m) => m.length === 2, { what: 'the transactional email' });
    const receipt = sent.find((m) => m.headers['x-tideway-send-key'] === row!.sendKey)!;
    expect(receipt.html).toContain('<p>Hi Ada,</p>');
    // No click redirect and no open pixel in a transactional email.
    expect(receipt.html).toContain('<a href="http://tideway.test/survey">http://tideway.test/survey</a>');
    expect(receipt.html).not.toContain('<img');
    expect(receipt.headers['list-unsubscribe']).toBeUndefined();
    expect(receipt.text).not.toContain('/u/');
  });
});

describe('SMS consent', () => {
  it('skips a marketing SMS to a customer without SMS consent (an email opt-in does not count), and sends it after an opt-in', async () => {
    const customerId = `sms-consent-${unique}`;
    await api.call('PUT', `/v1/customers/${customerId}`, { name: 'Ada', phone: '+8613800138000', email: `${customerId}@example.com` });
    await api.call('PUT', `/v1/customers/${customerId}/consent`, { channel: 'email', status: 'opted_in' });
    const skipped = await runToEnd(oneMessage('sms-1', { channel: 'sms', template: 'vip-sms' }), customerId);
    expect(skipped).toMatchObject({ status: 'skipped', reason: 'no consent for sms marketing (never opted in)' });

    await api.call('PUT', `/v1/customers/${customerId}/consent`, { channel: 'sms', status: 'opted_in', source: 'import' });
    // No Twilio in this harness: the message is rendered into the outbox, past the consent check.
    expect(await runToEnd(oneMessage('sms-2', { channel: 'sms', template: 'vip-sms' }), customerId)).toMatchObject({ status: 'outbox', to: '+8613800138000' });
  });
});

describe('consent input', () => {
  it('answers 404 for an unknown customer, 400 naming a bad field, and points a profile PUT with consent to the consent route', async () => {
    expect((await api.call('PUT', `/v1/customers/nobody-${unique}/consent`, { channel: 'email', status: 'opted_in' })).status).toBe(404);
    const customerId = `consent-input-${unique}`;
    await api.call('PUT', `/v1/customers/${customerId}`, { name: 'Bo' });
    const bad = await api.call('PUT', `/v1/customers/${customerId}/consent`, { channel: 'fax', status: 'yes', source: 'Not A Slug' });
    expect(bad.status).toBe(400);
    expect(bad.body.errors.map((e: { path: string }) => e.path).sort()).toEqual(['channel', 'source', 'status']);
    const legacy = await api.call('PUT', `/v1/customers/${customerId}`, { consent: { email: true } });
    expect(legacy.status).toBe(400);
    expect(legacy.body.errors).toContainEqual(expect.objectContaining({ path: 'consent', message: expect.stringContaining('PUT /v1/customers/:id/consent') }));
    expect((await api.call('GET', `/v1/customers/${customerId}`)).body.consent).toEqual({ email: null, sms: null, wecom: null });
  });
});
