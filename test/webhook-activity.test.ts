import { MockActivityEnvironment } from '@temporalio/testing';
import { createServer, type IncomingHttpHeaders } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createWebhookActivities, signWebhook } from '../activities/webhooks.js';

const received: { headers: IncomingHttpHeaders; body: string }[] = [];
let status = 200;
const server = createServer((req, res) => {
  let body = '';
  req.on('data', (chunk) => (body += chunk));
  req.on('end', () => {
    received.push({ headers: req.headers, body });
    res.writeHead(status).end();
  });
});
let url: string;
beforeAll(async () => {
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  url = `http://127.0.0.1:${(server.address() as AddressInfo).port}/hook`;
});
afterAll(() => new Promise((resolve) => server.close(resolve)));

const ref = { workflowId: 'w', runId: 'r', journeyId: 'repurchase-vip', journeyVersion: 'v1', customerId: 'c1', stepKey: 'tell-crm' };
const secret = 'a-secret-of-16-chars';

describe('webhook step', () => {
  it('posts a body the receiver can verify with the shared secret, with an idempotency key', async () => {
    const { callWebhook } = createWebhookActivities({ webhooks: { crm: url }, webhookSecret: secret });
    status = 200;
    await new MockActivityEnvironment().run(callWebhook, { ...ref, webhookKey: 'r:tell-crm', target: 'crm', event: 'vip.enrolled' });
    const call = received.at(-1)!;
    expect(JSON.parse(call.body)).toMatchObject({ event: 'vip.enrolled', customerId: 'c1', journeyId: 'repurchase-vip' });
    expect(call.headers['idempotency-key']).toBe('r:tell-crm');
    expect(call.headers['x-tideway-signature']).toBe(signWebhook(secret, String(call.headers['x-tideway-timestamp']), call.body));
    expect(call.headers['x-tideway-signature']).not.toBe(signWebhook('another-secret-xx', String(call.headers['x-tideway-timestamp']), call.body));
  });

  it('does not retry a refusal (4xx) or an unknown target, and retries a server error', async () => {
    const { callWebhook } = createWebhookActivities({ webhooks: { crm: url }, webhookSecret: secret });
    const input = { ...ref, webhookKey: 'k', target: 'crm', event: 'e' };
    status = 403;
    await expect(new MockActivityEnvironment().run(callWebhook, input)).rejects.toMatchObject({ nonRetryable: true, type: 'WebhookRefused' });
    status = 503;
    await expect(new MockActivityEnvironment().run(callWebhook, input)).rejects.not.toHaveProperty('nonRetryable', true);
    await expect(new MockActivityEnvironment().run(callWebhook, { ...input, target: 'erp' })).rejects.toMatchObject({ nonRetryable: true, type: 'UnknownWebhook' });
  });
});
