/**
 * A real event through the API and worker processes for a customer with a name, an email, a phone and a
 * message text; then every line both wrote is read: JSON from the one logger, a request id on every
 * request line, and none of the personal data or secrets in clear.
 */
import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { Client, Connection } from '@temporalio/client';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { lifecycleWorkflowId } from '../domain/workflow-ids.js';
import { startProcess, type ManagedProcess } from '../stack/process.js';
import { workerPolls } from '../stack/worker-ready.js';
import { connectStore, disconnectStore } from '../store/connection.js';
import { addUser } from '../store/users.js';
import { API_KEY } from './support/api-harness.js';
import { startApiProcess, type ApiProcess } from './support/api-process.js';
import { eventually } from './support/eventually.js';
import { emailsTo } from './support/mail-sink.js';
import { send, signIn } from './support/people.js';

const root = fileURLToPath(new URL('..', import.meta.url));
const unique = Date.now().toString(36);
const taskQueue = `logs-redacted-${unique}`;
const logDir = mkdtempSync(join(tmpdir(), 'tideway-logs-'));
const env = { TEMPORAL_ADDRESS: inject('temporalAddress'), MONGODB_URI: inject('mongodbUri'), SMTP_URL: inject('smtpUrl'), TEMPORAL_TASK_QUEUE: taskQueue, LOG_LEVEL: 'debug', NODE_ENV: 'production' };

const customerId = `logs-${unique}`;
const email = `ada.lovelace.${unique}@example.com`;
const name = 'Ada Quillfeather Lovelace';
const messageText = 'My parcel never arrived and I am furious about it';
const badKey = 'wrong-key-9f8e7d6c5b4a3210';
const person = `logs-admin-${unique}`;
const password = 'a long secret passphrase';
/** +1 415 555 0142 in the spellings people and systems write it. */
const phoneSpellings = ['+14155550142', '+1 415 555 0142', '4155550142', '415-555-0142', '(415) 555-0142', '415 555 0142', '555-0142', '5550142'];

let api: ApiProcess;
let worker: ManagedProcess;

beforeAll(async () => {
  await connectStore(inject('mongodbUri'));
  await addUser(person, 'admin', password);
  worker = startProcess({ name: 'worker', command: process.execPath, args: ['--import', 'tsx', 'worker/main.ts'], cwd: root, env, logFile: join(logDir, 'worker.log') });
  api = await startApiProcess(env, logDir);
  await eventually(() => workerPolls(inject('temporalAddress'), 'default', taskQueue), Boolean, { what: 'the worker polling', timeoutMs: 120_000, intervalMs: 500 });
}, 240_000);
afterAll(async () => {
  await Promise.all([api?.proc.stop(), worker?.stop()]);
  await disconnectStore();
});

/** The lines a process wrote, after the header line `startProcess` adds. */
function lines(file: string): string[] {
  return readFileSync(join(logDir, file), 'utf8').split('\n').filter((line) => line && !line.startsWith('--- '));
}

describe('logs', () => {
  it('carry no personal data or secrets, a request id on every request line, and the SDK lines as our JSON', async () => {
    const key = { key: API_KEY };
    expect((await send(api.baseUrl, 'PUT', `/v1/customers/${customerId}`, { ...key, body: { email, name, phone: '+1 415 555 0142', locale: 'en' } })).status).toBe(201);
    await send(api.baseUrl, 'PUT', `/v1/customers/${customerId}/consent`, { ...key, body: { channel: 'email', status: 'opted_in', source: 'signup-form' } });
    const registered = await fetch(`${api.baseUrl}/v1/events`, {
      method: 'POST',
      headers: { authorization: `Bearer ${API_KEY}`, 'content-type': 'application/json', 'x-request-id': `req-${unique}` },
      body: JSON.stringify({ eventId: `${customerId}-registered`, customerId, type: 'customer.registered', properties: { note: messageText, contact: email } }),
    });
    expect(registered.status).toBe(202);
    expect(registered.headers.get('x-request-id')).toBe(`req-${unique}`);
    // A refused key, a bad body quoting personal data, a search by email, and a session.
    expect((await send(api.baseUrl, 'GET', `/v1/customers/${customerId}`, { key: badKey })).status).toBe(401);
    expect((await send(api.baseUrl, 'PUT', `/v1/customers/${customerId}`, { ...key, body: { email: `${name} <${email}>`, phone: 'call 415-555-0142', name } })).status).toBe(400);
    await send(api.baseUrl, 'GET', `/v1/customers?q=${encodeURIComponent(email)}`, key);
    const session = await signIn(api.baseUrl, person, password);
    expect((await send(api.baseUrl, 'GET', `/v1/customers/${customerId}`, { cookie: session.cookie, csrf: session.csrf })).status).toBe(200);
    const sessionToken = session.cookie.split('=')[1]!;

    const [welcome] = await eventually(() => emailsTo(inject('mailSinkUrl'), email), (mails) => mails.length > 0, { what: 'the welcome email', timeoutMs: 90_000 });
    await new Promise((resolve) => setTimeout(resolve, 1_000)); // the lines of the send's completion

    const apiLines = lines('api.log');
    const workerLines = lines('worker.log');
    const all = [...apiLines, ...workerLines];
    const parsed = all.map((line) => JSON.parse(line) as Record<string, any>); // every line is JSON
    const secrets = [email, email.split('@')[0]!, name, 'Quillfeather', messageText, welcome!.subject, badKey, API_KEY, sessionToken, password, ...phoneSpellings];
    for (const secret of secrets) expect(all.filter((line) => line.includes(secret)), secret).toEqual([]);

    const requests = apiLines.map((line) => JSON.parse(line) as Record<string, any>).filter((line) => line.req);
    expect(requests.length).toBeGreaterThanOrEqual(6);
    for (const line of requests) expect(line.reqId, JSON.stringify(line)).toMatch(/^[\w.:-]+$/);
    expect(requests.find((line) => line.reqId === `req-${unique}`)).toMatchObject({ req: { method: 'POST', url: '/v1/events' }, res: { statusCode: 202 } });
    expect(requests.find((line) => line.res.statusCode === 401)).toMatchObject({ level: 40, req: { url: `/v1/customers/${customerId}` } });

    // The SDK's own lines (worker state, activities) come through the same logger: JSON with our fields.
    const sdk = parsed.filter((line) => line.sdkComponent);
    expect(sdk.length).toBeGreaterThan(0);
    for (const line of sdk) expect(line).toMatchObject({ service: 'worker', pid: expect.any(Number), time: expect.any(Number), level: expect.any(Number) });
    expect(parsed.some((line) => line.service === 'api' && /listening/.test(line.msg))).toBe(true);

    // The request id reached the workflow the event started.
    const connection = await Connection.connect({ address: inject('temporalAddress') });
    try {
      const described = await new Client({ connection }).workflow.getHandle(lifecycleWorkflowId(customerId)).describe();
      expect(described.memo).toEqual({ requestId: `req-${unique}` });
    } finally {
      await connection.close();
    }
  }, 180_000);
});
