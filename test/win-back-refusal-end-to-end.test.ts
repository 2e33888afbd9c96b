import { randomBytes, randomInt } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { TWILIO_INBOUND_PATH } from '../api/routes/twilio-inbound.js';
import { defineJourney } from '../domain/journey.js';
import { MessageModel } from '../store/models/message.js';
import { JourneyRunner, journeyWorkflowId } from '../temporal/journey-runner.js';
import { type Harness, startHarness } from './support/api-harness.js';
import { eventually } from './support/eventually.js';
import { twilioSignature } from './support/fake-twilio.js';
import { listenProviderApp } from './support/provider-app.js';

/** A silent customer's win-back, on the real Temporal dev server, store and API; the reply comes by Twilio's inbound webhook. */
const unique = Date.now().toString(36);
const authToken = randomBytes(16).toString('hex');
const publicUrl = 'https://tideway.example.com';
let api: Harness;
let provider: Awaited<ReturnType<typeof listenProviderApp>>;

beforeAll(async () => {
  api = await startHarness(`win-back-refusal-${unique}`);
  provider = await listenProviderApp(api, { twilioWebhook: { authToken, publicUrl } });
});
afterAll(async () => {
  await provider?.close();
  await api?.close();
});

/** POSTs an incoming SMS like Twilio, signed with the auth token. */
async function reply(from: string, body: string) {
  const params = { AccountSid: `AC${'0'.repeat(32)}`, MessageSid: `SM${randomBytes(16).toString('hex')}`, From: from, To: '+15005550006', Body: body, NumMedia: '0' };
  const response = await fetch(`${provider.baseUrl}${TWILIO_INBOUND_PATH}`, {
    method: 'POST',
    headers: { 'content-type': 'application/x-www-form-urlencoded', 'x-twilio-signature': twilioSignature(authToken, `${publicUrl}${TWILIO_INBOUND_PATH}`, params) },
    body: new URLSearchParams(params).toString(),
  });
  return response.status;
}

/** A one-SMS journey, marketing or transactional, run to its end: what the send ledger recorded. */
async function smsAfterwards(customerId: string, purpose: 'marketing' | 'transactional') {
  const journey = defineJourney({
    id: `after-refusal-${purpose}-${unique}`,
    name: `After a refusal: ${purpose}`,
    entry: { event: 'test.after_refusal' },
    reentry: 'always',
    steps: [{ kind: 'send', key: 'sms', channel: 'sms', template: 'vip-sms', purpose }],
  });
  await new JourneyRunner(api.client, api.taskQueue).start(journey, customerId, 'test');
  await api.client.workflow.getHandle(journeyWorkflowId(journey.id, customerId)).result();
  return MessageModel.findOne({ customerId, journeyId: journey.id }).lean();
}

describe('a silent customer refuses the win-back by SMS (issue 13, item 5)', () => {
  const customerId = `refuses-${unique}`;
  const phone = `+86139${String(randomInt(1e8)).padStart(8, '0')}`;

  it('ends the run as refused with the reason, opts out SMS marketing with the source, counts it in the report, and skips later marketing SMS', async () => {
    expect((await api.call('PUT', `/v1/customers/${customerId}`, { phone, email: `${customerId}@example.com`, name: 'Wen', locale: 'zh-CN' })).status).toBe(201);
    for (const channel of ['sms', 'email']) {
      expect((await api.call('PUT', `/v1/customers/${customerId}/consent`, { channel, status: 'opted_in', source: 'signup-form' })).status).toBe(200);
    }
    // Silent: the lifecycle starts the win-back on the stage, as after 45 days without interaction.
    expect((await api.call('POST', `/v1/customers/${customerId}/stage`, { stage: 'silent', reason: '45 days without interaction' })).status).toBeLessThan(300);
    const runOf = () => api.call('GET', `/v1/journeys/win-back/runs/${customerId}`);
    await eventually(runOf, (r) => r.body.currentStep === 'after-reminder', { what: 'the win-back waiting after its reminder', timeoutMs: 30_000 });

    expect(await reply(phone, '不需要了,别再发了')).toBe(200);
    const outcome = await api.client.workflow.getHandle(journeyWorkflowId('win-back', customerId)).result();
    expect(outcome).toBe('refused');
    const reason = 'refused "不需要" (sms): 不需要了,别再发了';
    expect((await runOf()).body).toMatchObject({ outcome: 'refused', reason });

    const customer = (await api.call('GET', `/v1/customers/${customerId}`)).body;
    expect(customer.consent.sms).toMatchObject({ status: 'opted_out', source: 'refusal:win-back' });
    expect(customer.consent.email).toMatchObject({ status: 'opted_in', source: 'signup-form' });
    expect(customer.tags).toContain('refused-win-back');
    // A refusal is not a return: the customer stays silent.
    expect(customer.stage).toBe('silent');
    expect(customer.runs).toContainEqual(expect.objectContaining({ journeyId: 'win-back', status: 'finished', outcome: 'refused' }));

    const report = (await api.call('GET', '/v1/reports/journeys/win-back')).body;
    expect(report.refused).toBeGreaterThanOrEqual(1);
    expect(report.outcomes).toContainEqual({ outcome: 'refused', reason, count: 1 });
    // The store is shared with other suites: the refusal is among the win-back figures, and counts against the success rate.
    const winBackReport = (await api.call('GET', '/v1/reports/win-back')).body;
    expect(winBackReport.refused).toBeGreaterThanOrEqual(1);
    expect(winBackReport.successRate).toBeCloseTo(winBackReport.wonBack / (winBackReport.wonBack + winBackReport.failed + winBackReport.refused));

    expect(await smsAfterwards(customerId, 'marketing')).toMatchObject({ status: 'skipped', reason: 'no consent for sms marketing (opted out via refusal:win-back)' });
    expect((await smsAfterwards(customerId, 'transactional'))?.status).not.toBe('skipped');
  }, 120_000);
});
