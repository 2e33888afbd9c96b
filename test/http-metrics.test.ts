import type { AddressInfo } from 'node:net';
import { Client, Connection } from '@temporalio/client';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createApp } from '../api/app.js';
import { UNMATCHED_ROUTE } from '../api/http-metrics.js';
import { type Sample, samples } from './support/prometheus-text.js';

const app = createApp({ temporal: new Client({ connection: Connection.lazy({ address: '127.0.0.1:1' }) }), taskQueue: 'http-metrics', apiKeys: ['k'.repeat(16)], log: () => {} });
let server: ReturnType<typeof app.listen>;
let baseUrl: string;

beforeAll(async () => {
  await new Promise<void>((resolve) => {
    server = app.listen(0, '127.0.0.1', () => resolve());
  });
  baseUrl = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
});
afterAll(() => new Promise<void>((resolve) => server.close(() => resolve())));

const requestsOf = (scrape: Sample[]) => scrape.filter((s) => s.name === 'http_requests_total').map((s) => s.labels);

describe('request metrics on GET /metrics', () => {
  it('label a request with the route pattern it matched, never the raw path with its ids', async () => {
    const id = `raw-id-${Date.now()}`;
    await fetch(`${baseUrl}/healthz`);
    // Refused for its body, before any store call.
    await fetch(`${baseUrl}/v1/tasks/${id}/complete`, { method: 'POST', headers: { authorization: `Bearer ${'k'.repeat(16)}`, 'content-type': 'application/json' }, body: '{}' });
    await fetch(`${baseUrl}/no/such/${id}`);
    const response = await fetch(`${baseUrl}/metrics`);
    expect(response.headers.get('content-type')).toMatch(/^text\/plain/);
    const text = await response.text();
    expect(text).not.toContain(id);
    const labels = requestsOf(samples(text));
    expect(labels).toContainEqual({ method: 'GET', route: '/healthz', status: '200' });
    expect(labels).toContainEqual({ method: 'POST', route: '/v1/tasks/:id/complete', status: '400' });
    expect(labels).toContainEqual({ method: 'GET', route: UNMATCHED_ROUTE, status: '404' });
  });

  it("name the batch route as its pattern reads, and include the process's own figures", async () => {
    await fetch(`${baseUrl}/v1/events:batch`, { method: 'POST', headers: { authorization: `Bearer ${'k'.repeat(16)}`, 'content-type': 'application/json' }, body: '{}' });
    const scrape = samples(await (await fetch(`${baseUrl}/metrics`)).text());
    expect(requestsOf(scrape)).toContainEqual({ method: 'POST', route: '/v1/events:batch', status: '400' });
    expect(scrape.some((s) => s.name === 'nodejs_heap_size_used_bytes')).toBe(true);
  });
});
