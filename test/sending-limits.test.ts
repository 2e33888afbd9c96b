import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import type { SendPolicy } from '../domain/send-policy.js';
import { MessageModel } from '../store/models/message.js';
import { type Harness, startHarness } from './support/api-harness.js';
import { eventually } from './support/eventually.js';
import { emailsTo } from './support/mail-sink.js';

let api: Harness;
const unique = Date.now().toString(36);
const pad = (n: number) => String((n + 24) % 24).padStart(2, '0');
const hour = new Date().getUTCHours();
// Quiet hours around the current hour in UTC, so the test does not depend on the time of day.
// A customer at UTC+12 (Etc/GMT-12) is then in the middle of their afternoon.
const policy: SendPolicy = {
  quietHours: { from: `${pad(hour - 1)}:00`, to: `${pad(hour + 2)}:00` },
  defaultTimezone: 'UTC',
  caps: { email: [{ per: '1 day', max: 1 }], sms: [] },
};

beforeAll(async () => {
  api = await startHarness(`e2e-limits-${unique}`, { sendPolicy: policy });
});
afterAll(async () => {
  await api?.close();
});

const run = (journeyId: string, customerId: string) => api.call('GET', `/v1/journeys/${journeyId}/runs/${customerId}`);

describe('quiet hours and frequency caps (real stack)', () => {
  it('a marketing email in the customer’s quiet hours waits in the ledger, and the run waits for the slot', async () => {
    const customerId = `night-${unique}`;
    const email = `${customerId}@example.com`;
    await api.call('PUT', `/v1/customers/${customerId}`, { email, timezone: 'UTC' });
    await api.call('PUT', `/v1/customers/${customerId}/consent`, { channel: 'email', status: 'opted_in' });
    await api.call('POST', '/v1/journeys/welcome/enrollments', { customerId });
    const waiting = await eventually(() => run('welcome', customerId), (r) => String(r.body.waitingFor).startsWith('a send slot'), { what: 'the welcome run waiting for a slot' });
    expect(waiting.body).toMatchObject({ currentStep: 'welcome-email', waitingFor: `a send slot (quiet hours ${policy.quietHours!.from}–${policy.quietHours!.to} UTC)` });
    const row = await MessageModel.findOne({ customerId }).lean();
    expect(row).toMatchObject({ status: 'pending', template: 'welcome' });
    expect(row!.reason).toMatch(new RegExp(`^waiting until \\d{4}-\\d\\d-\\d\\dT${policy.quietHours!.to}:00\\.000Z: quiet hours`));
    expect(await emailsTo(inject('mailSinkUrl'), email)).toEqual([]);
  });

  it('two journeys at once under a cap of one a day: one email goes, the other waits for the next day', async () => {
    const customerId = `busy-${unique}`;
    const email = `${customerId}@example.com`;
    await api.call('PUT', `/v1/customers/${customerId}`, { email, name: 'Busy', timezone: 'Etc/GMT-12' });
    await api.call('PUT', `/v1/customers/${customerId}/consent`, { channel: 'email', status: 'opted_in' });
    await Promise.all([
      api.call('POST', '/v1/journeys/welcome/enrollments', { customerId }),
      api.call('POST', '/v1/journeys/win-back/enrollments', { customerId }),
    ]);
    await eventually(() => emailsTo(inject('mailSinkUrl'), email), (mails) => mails.length === 1, { what: 'one email' });
    const rows = await eventually(
      () => MessageModel.find({ customerId }).lean(),
      (r) => r.length === 2 && r.some((m) => m.status === 'sent') && r.some((m) => m.status === 'pending' && /frequency cap/.test(m.reason ?? '')),
      { what: 'one sent and one waiting for the cap' },
    );
    const sent = rows.find((m) => m.status === 'sent')!;
    const held = rows.find((m) => m.status === 'pending')!;
    const until = Date.parse(/^waiting until (\S+):/.exec(held.reason!)![1]!);
    expect(until - sent.sentAt!.getTime()).toBeGreaterThan(86_000_000);
    expect(until - sent.sentAt!.getTime()).toBeLessThan(86_400_000 + 5_000);
    await new Promise((resolve) => setTimeout(resolve, 1_000));
    expect(await emailsTo(inject('mailSinkUrl'), email)).toHaveLength(1);
  });
});
