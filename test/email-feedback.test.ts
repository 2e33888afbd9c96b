import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { EMAIL_FEEDBACK_PATH } from '../api/routes/email-feedback.js';
import { signWebhook } from '../api/webhook-signature.js';
import { type Harness, startHarness } from './support/api-harness.js';
import { listenProviderApp } from './support/provider-app.js';

const unique = Date.now().toString(36);
const secret = 'an-email-feedback-secret-of-32-ch';
let api: Harness;
let provider: Awaited<ReturnType<typeof listenProviderApp>>;
let feedbackUrl: string;

beforeAll(async () => {
  api = await startHarness(`email-feedback-${unique}`);
  provider = await listenProviderApp(api, { emailFeedbackSecret: secret });
  feedbackUrl = `${provider.baseUrl}${EMAIL_FEEDBACK_PATH}`;
});
afterAll(async () => {
  await provider?.close();
  await api?.close();
});

const now = () => String(Math.floor(Date.now() / 1000));

/** POSTs feedback as a provider's relay would, signed unless told otherwise. */
async function report(body: string, { timestamp = now(), signature = signWebhook(secret, timestamp, body) } = {}) {
  const response = await fetch(feedbackUrl, { method: 'POST', headers: { 'content-type': 'application/json', 'x-tideway-timestamp': timestamp, 'x-tideway-signature': signature }, body });
  return { status: response.status, type: response.headers.get('content-type') ?? '', body: await response.json() };
}

/** A customer with this email (claimed as their identity) who opted in to email. */
async function emailCustomer(name: string): Promise<{ customerId: string; email: string }> {
  const customerId = `feedback-${name}-${unique}`;
  const email = `${customerId}@example.com`;
  expect((await api.call('PUT', `/v1/customers/${customerId}`, { email, name: 'Ada', locale: 'en' })).status).toBe(201);
  expect((await api.call('PUT', `/v1/customers/${customerId}/consent`, { channel: 'email', status: 'opted_in', source: 'signup-form' })).status).toBe(200);
  return { customerId, email };
}
const emailConsent = async (customerId: string) => (await api.call('GET', `/v1/customers/${customerId}`)).body.consent.email;

describe('POST /v1/webhooks/email/feedback', () => {
  it.each([
    ['a hard bounce', { type: 'bounce', bounceType: 'hard', provider: 'ses', reason: '550 5.1.1 user unknown' }, 'email:bounce'],
    ['a bounce without a type (hard)', { type: 'bounce' }, 'email:bounce'],
    ['a complaint', { type: 'complaint', provider: 'sendgrid' }, 'email:complaint'],
  ])('%s opts the customer out of email, with the source in their consent history', async (_, feedback, source) => {
    const { customerId, email } = await emailCustomer(source.replace(':', '-') + Math.random().toString(36).slice(2, 6));
    const occurredAt = new Date(Date.now() - 60_000).toISOString();
    const answer = await report(JSON.stringify({ ...feedback, email: ` ${email.toUpperCase()} `, occurredAt }));
    expect(answer).toMatchObject({ status: 200, body: { status: 'opted_out', customerId, source } });
    const view = (await api.call('GET', `/v1/customers/${customerId}`)).body;
    expect(view.consent.email).toEqual({ status: 'opted_out', source, at: occurredAt });
    expect(view.consentHistory.at(-1)).toEqual({ channel: 'email', status: 'opted_out', source, at: occurredAt });
    // The provider's retry changes nothing more.
    expect((await report(JSON.stringify({ ...feedback, email }))).body).toMatchObject({ status: 'opted_out' });
    expect((await api.call('GET', `/v1/customers/${customerId}`)).body.consentHistory).toHaveLength(2);
  });

  it('a soft bounce changes nothing: 202 ignored', async () => {
    const { customerId, email } = await emailCustomer('soft');
    expect(await report(JSON.stringify({ type: 'bounce', bounceType: 'soft', email }))).toMatchObject({ status: 202, body: { status: 'ignored' } });
    expect(await emailConsent(customerId)).toMatchObject({ status: 'opted_in', source: 'signup-form' });
  });

  it('an address no customer has changes nothing: 202 ignored', async () => {
    expect(await report(JSON.stringify({ type: 'complaint', email: `nobody-${unique}@example.com` }))).toMatchObject({ status: 202, body: { status: 'ignored' } });
  });

  it('answers 403 and records nothing for a tampered body, a wrong secret, a missing or stale signature', async () => {
    const { customerId, email } = await emailCustomer('forged');
    const body = JSON.stringify({ type: 'complaint', email });
    const old = String(Math.floor(Date.now() / 1000) - 600);
    const attempts = [
      { body, signature: signWebhook(secret, now(), JSON.stringify({ type: 'bounce', bounceType: 'soft', email })) }, // signed for another body
      { body, signature: signWebhook('another-secret-of-32-characters!', now(), body) },
      { body, signature: '' },
      { body, timestamp: old, signature: signWebhook(secret, old, body) },
    ];
    for (const { body: sent, ...headers } of attempts) {
      const answer = await report(sent, headers);
      expect(answer).toMatchObject({ status: 403, type: expect.stringMatching(/^application\/problem\+json/), body: { title: 'Invalid signature' } });
    }
    expect(await emailConsent(customerId)).toMatchObject({ status: 'opted_in', source: 'signup-form' });
  });

  it('answers 400 naming the field for a signed body that is not feedback', async () => {
    expect(await report('not json')).toMatchObject({ status: 400 });
    const answer = await report(JSON.stringify({ type: 'delivered', email: 'not-an-email' }));
    expect(answer.status).toBe(400);
    expect(answer.body.errors.map((e: { path: string }) => e.path).sort()).toEqual(['email', 'type']);
  });

  it('is not there without TIDEWAY_EMAIL_FEEDBACK_SECRET', async () => {
    const bare = await listenProviderApp(api, {});
    try {
      const response = await fetch(`${bare.baseUrl}${EMAIL_FEEDBACK_PATH}`, { method: 'POST', body: '{}' });
      expect(response.status).toBe(404);
      expect(await response.json()).toMatchObject({ title: 'Email feedback is not configured' });
    } finally {
      await bare.close();
    }
  });
});
