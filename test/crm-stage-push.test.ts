import { createServer, type IncomingHttpHeaders } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { signWebhook } from '../api/webhook-signature.js';
import { stageChangePushWorkflowId } from '../domain/workflow-ids.js';
import { eventually } from './support/eventually.js';
import { type Harness, startHarness } from './support/api-harness.js';

const secret = 'crm-secret-0123456789';
const unique = Date.now().toString(36);
/** What the CRM received; it refuses the first call with a 503 to show the push is retried. */
const received: { headers: IncomingHttpHeaders; body: any; answered: number }[] = [];
const crm = createServer((req, res) => {
  let body = '';
  req.on('data', (chunk) => (body += chunk));
  req.on('end', () => {
    const answered = received.length === 0 ? 503 : 200;
    received.push({ headers: req.headers, body: JSON.parse(body), answered });
    res.writeHead(answered).end();
  });
});

let api: Harness;
beforeAll(async () => {
  await new Promise<void>((resolve) => crm.listen(0, '127.0.0.1', resolve));
  const crmStageWebhook = `http://127.0.0.1:${(crm.address() as AddressInfo).port}/stage-changes`;
  api = await startHarness(`crm-push-${unique}`, { crmStageWebhook, webhookSecret: secret });
});
afterAll(async () => {
  await api?.close();
  await new Promise((resolve) => crm.close(resolve));
});

const accepted = (for_: string) => received.filter((call) => call.answered === 200 && call.body.customerId === for_);

describe('stage changes reach the CRM', () => {
  const customerId = `crm-${unique}`;

  it('pushes a manual change, signed, and retries it when the CRM fails', async () => {
    await api.call('PUT', `/v1/customers/${customerId}`, { email: `${customerId}@example.com` });
    const moved = await api.call('POST', `/v1/customers/${customerId}/stage`, { stage: 'active', reason: 'imported as a buyer' });
    expect(moved.status).toBe(202);

    const [push] = await eventually(async () => accepted(customerId), (calls) => calls.length === 1, { what: 'the stage change in the CRM', timeoutMs: 30_000 });
    expect(received[0]).toMatchObject({ answered: 503, body: { customerId, seq: 1 } });
    expect(push!.body).toMatchObject({ event: 'customer.stage_changed', customerId, seq: 1, from: null, to: 'active', reason: 'imported as a buyer', source: 'api', ruleVersion: expect.any(String) });
    expect(push!.headers['idempotency-key']).toBe(`stage-change:${customerId}:1`);
    const rawBody = JSON.stringify(push!.body);
    expect(push!.headers['x-tideway-signature']).toBe(signWebhook(secret, String(push!.headers['x-tideway-timestamp']), rawBody));

    const run = await eventually(() => api.client.workflow.getHandle(stageChangePushWorkflowId(customerId, 1)).describe(), (d) => d.status.name === 'COMPLETED', { what: 'the push workflow completed' });
    expect(run.status.name).toBe('COMPLETED');
  });

  it('pushes the changes the lifecycle makes, in order, each once', async () => {
    for (let i = 0; i < 5; i++) await api.call('POST', '/v1/events', { customerId, type: 'order.placed', properties: { orderTotal: 100 } });
    const calls = await eventually(async () => accepted(customerId), (c) => c.length === 2, { what: 'the move to high value in the CRM', timeoutMs: 30_000 });
    expect(calls[1]!.body).toMatchObject({ seq: 2, from: 'active', to: 'high_value', source: 'event:order.placed' });
    await new Promise((resolve) => setTimeout(resolve, 1_000));
    expect(accepted(customerId)).toHaveLength(2);
  });
});

describe('without a CRM webhook', () => {
  let plain: Harness;
  beforeAll(async () => {
    plain = await startHarness(`no-crm-${unique}`);
  });
  afterAll(async () => {
    await plain?.close();
  });

  it('changes the stage and starts its journeys, and pushes nothing', async () => {
    const customerId = `no-crm-${unique}`;
    await plain.call('PUT', `/v1/customers/${customerId}`, { name: 'No CRM' });
    expect((await plain.call('POST', `/v1/customers/${customerId}/stage`, { stage: 'new', reason: 'imported' })).status).toBe(202);
    await eventually(() => plain.call('GET', `/v1/journeys/welcome/runs/${customerId}`), (r) => r.status === 200, { what: 'the welcome run' });
    const customer = (await plain.call('GET', `/v1/customers/${customerId}`)).body;
    expect(customer.stageHistory).toMatchObject([{ from: null, to: 'new', source: 'api' }]);
    await expect(plain.client.workflow.getHandle(stageChangePushWorkflowId(customerId, 1)).describe()).rejects.toThrow(/not found/i);
  });
});
