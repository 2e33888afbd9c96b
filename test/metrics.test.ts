/**
 * The API and a worker as real processes against the suite's servers: one customer's welcome journey
 * runs through (an event, the welcome email, the survey task completed, the goal), then both Prometheus
 * endpoints are scraped. This worker serves only this suite's task queue, so its counters are this run's.
 */
import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { Client, Connection } from '@temporalio/client';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { journeyWorkflowId } from '../domain/workflow-ids.js';
import { freePort } from '../stack/ports.js';
import { startProcess, type ManagedProcess } from '../stack/process.js';
import { workerPolls } from '../stack/worker-ready.js';
import { API_KEY } from './support/api-harness.js';
import { startApiProcess, type ApiProcess } from './support/api-process.js';
import { eventually } from './support/eventually.js';
import { emailsTo } from './support/mail-sink.js';
import { send } from './support/people.js';
import { scrape, type Sample, total } from './support/prometheus-text.js';

const root = fileURLToPath(new URL('..', import.meta.url));
const unique = Date.now().toString(36);
const taskQueue = `metrics-${unique}`;
const logDir = mkdtempSync(join(tmpdir(), 'tideway-metrics-'));
const customerId = `mia-${unique}`;
const email = `mia.${unique}@example.com`;

let api: ApiProcess;
let worker: ManagedProcess;
let workerMetricsAddress: string;
let env: Record<string, string>;

beforeAll(async () => {
  workerMetricsAddress = `127.0.0.1:${await freePort()}`;
  env = { TEMPORAL_ADDRESS: inject('temporalAddress'), MONGODB_URI: inject('mongodbUri'), SMTP_URL: inject('smtpUrl'), TEMPORAL_TASK_QUEUE: taskQueue };
  worker = startProcess({ name: 'worker', command: process.execPath, args: ['--import', 'tsx', 'worker/main.ts'], cwd: root, env: { ...env, TIDEWAY_WORKER_METRICS_ADDRESS: workerMetricsAddress }, logFile: join(logDir, 'worker.log') });
  api = await startApiProcess(env, logDir);
  await eventually(() => workerPolls(inject('temporalAddress'), 'default', taskQueue), Boolean, { what: 'the worker polling', timeoutMs: 120_000, intervalMs: 500 });
}, 240_000);
afterAll(async () => {
  await Promise.all([api?.proc.stop(), worker?.stop()]);
});

const key = { key: API_KEY };

describe('metrics after a welcome journey', () => {
  it('count it on the API and on the worker', async () => {
    const apiBefore = await scrape(`${api.baseUrl}/metrics`);
    expect((await send(api.baseUrl, 'PUT', `/v1/customers/${customerId}`, { ...key, body: { email, name: 'Mia Metrics', locale: 'en' } })).status).toBe(201);
    await send(api.baseUrl, 'PUT', `/v1/customers/${customerId}/consent`, { ...key, body: { channel: 'email', status: 'opted_in', source: 'signup-form' } });
    const registered = { eventId: `${customerId}-registered`, customerId, type: 'customer.registered' };
    expect(await send(api.baseUrl, 'POST', '/v1/events', { ...key, body: registered })).toMatchObject({ status: 202, body: { status: 'accepted' } });
    await eventually(() => emailsTo(inject('mailSinkUrl'), email), (mails) => mails.length > 0, { what: 'the welcome email', timeoutMs: 90_000 });
    // Applied by now: sent again, it is a duplicate.
    expect(await send(api.baseUrl, 'POST', '/v1/events', { ...key, body: registered })).toMatchObject({ status: 202, body: { status: 'duplicate' } });

    const tasks = await eventually(() => send(api.baseUrl, 'GET', `/v1/tasks?customerId=${customerId}`, key), (r) => r.body?.tasks?.length === 1, { what: 'the survey task' });
    const taskId = encodeURIComponent(tasks.body.tasks[0].id as string);
    expect((await send(api.baseUrl, 'POST', `/v1/tasks/${taskId}/complete`, { ...key, body: { outcome: 'survey-done' } })).status).toBe(200);
    const connection = await Connection.connect({ address: inject('temporalAddress') });
    try {
      expect(await new Client({ connection }).workflow.getHandle(journeyWorkflowId('welcome', customerId)).result()).toBe('goal_reached');
    } finally {
      await connection.close();
    }

    // The API: requests by route pattern and status, events, the task completed, the process's figures.
    const apiAfter = await scrape(`${api.baseUrl}/metrics`);
    const moved = (name: string, labels: Record<string, string>) => total(apiAfter, name, labels) - total(apiBefore, name, labels);
    expect(moved('http_requests_total', { method: 'POST', route: '/v1/events', status: '202' })).toBe(2);
    expect(moved('http_request_duration_seconds_count', { method: 'PUT', route: '/v1/customers/:id', status: '201' })).toBe(1);
    expect(moved('http_requests_total', { method: 'POST', route: '/v1/tasks/:id/complete', status: '200' })).toBe(1);
    expect(moved('tideway_events_total', { status: 'accepted' })).toBeGreaterThanOrEqual(1);
    expect(moved('tideway_events_total', { status: 'duplicate' })).toBe(1);
    expect(moved('tideway_tasks_completed_total', { queue: 'customer' })).toBe(1);
    expect(total(apiAfter, 'process_cpu_user_seconds_total')).toBeGreaterThan(0);
    const routes = apiAfter.filter((s) => s.name === 'http_requests_total').map((s) => s.labels.route!);
    expect(routes.filter((route) => route.includes(customerId))).toEqual([]);

    // The worker: the SDK's own metrics and Tideway's counters, on one endpoint.
    const workerScrape = await eventually(
      () => scrape(`http://${workerMetricsAddress}/metrics`),
      (s) => total(s, 'tideway_journey_outcomes_total', { journey: 'welcome', outcome: 'goal_reached' }) >= 1,
      { what: 'the goal counted on the worker' },
    );
    const counted = (name: string, labels: Record<string, string> = {}) => total(workerScrape, name, labels);
    expect(counted('tideway_messages_sent_total', { channel: 'email' })).toBeGreaterThanOrEqual(1);
    expect(counted('tideway_stage_changes_total', { from: 'none', to: 'new' })).toBe(1);
    expect(counted('tideway_stage_changes_total', { from: 'new', to: 'nurturing' })).toBe(1);
    expect(counted('tideway_tasks_opened_total', { queue: 'customer' })).toBe(1);
    expect(counted('temporal_workflow_completed', { task_queue: taskQueue })).toBeGreaterThanOrEqual(1);
    expect(counted('temporal_request')).toBeGreaterThan(0);
    expect(counted('temporal_activity_execution_latency_count')).toBeGreaterThan(0);
    const labelValues = (s: Sample[]) => s.flatMap((sample) => Object.values(sample.labels));
    expect(labelValues(workerScrape).filter((value) => value.includes(customerId) || value.includes(email))).toEqual([]);
  }, 180_000);

  it('stops a second worker whose metrics address is taken, naming the variable', async () => {
    const second = startProcess({ name: 'worker-2', command: process.execPath, args: ['--import', 'tsx', 'worker/main.ts'], cwd: root, env: { ...env, TIDEWAY_WORKER_METRICS_ADDRESS: workerMetricsAddress }, logFile: join(logDir, 'worker-2.log') });
    const exit = await second.exited;
    expect(exit.code).not.toBe(0);
    expect(readFileSync(second.logFile, 'utf8')).toContain(`TIDEWAY_WORKER_METRICS_ADDRESS: cannot serve metrics on ${workerMetricsAddress}`);
  }, 60_000);
});
