// TLS and API keys to Temporal, for real: the test's dev server speaks plain gRPC, so two TLS fronts
// stand before it, one as a self-hosted cluster with mTLS (a client certificate signed by our CA),
// one as Temporal Cloud (an API key). The client and the worker's native connection, the API, the
// worker and its health check reach Temporal through them from the settings alone; a connection
// without a client certificate or with a wrong key is refused.
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { Connection } from '@temporalio/client';
import { NativeConnection } from '@temporalio/worker';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { loadConfig } from '../config/env.js';
import { temporalConnectionOptions } from '../config/temporal-connection.js';
import { NO_SEND_LIMITS } from '../domain/send-policy.js';
import { type ManagedProcess, startProcess } from '../stack/process.js';
import { waitUntilReady } from '../stack/readiness.js';
import { makeTempDir } from '../stack/temp-dir.js';
import { workerPolls } from '../stack/worker-ready.js';
import { API_KEY } from './support/api-harness.js';
import { type ApiProcess, startApiProcess } from './support/api-process.js';
import { eventually } from './support/eventually.js';
import { emailsTo } from './support/mail-sink.js';
import { startTlsFront, type TlsFront } from './support/temporal-tls-front.js';
import { makeTestCertificates, SERVER_NAME, type TestCertificates } from './support/test-certificates.js';
import { runWorkerHealthcheck } from './support/worker-healthcheck.js';

const root = fileURLToPath(new URL('..', import.meta.url));
const unique = Date.now().toString(36);
const CLOUD_KEY = `tideway-test-key-${unique}`;
const dir = makeTempDir('tideway-temporal-tls-').path;

let certs: TestCertificates;
let mtlsFront: TlsFront;
let cloudFront: TlsFront;
/** Settings for the mTLS front: our CA, the client certificate, the name in the server's certificate. */
let mtls: Record<string, string>;
/** Settings for the Temporal Cloud-like front: the API key (TLS implied), our CA, the server's name. */
let cloud: Record<string, string>;

/** The connection options the app derives from `settings`, as the API and the worker do. */
const optionsFrom = (settings: Record<string, string>) => temporalConnectionOptions(loadConfig(settings));
type ConnectionSettings = ReturnType<typeof optionsFrom>;

beforeAll(async () => {
  certs = makeTestCertificates(dir);
  const target = inject('temporalAddress');
  [mtlsFront, cloudFront] = await Promise.all([
    startTlsFront({ target, cert: certs.server.cert.pem, key: certs.server.key.pem, clientCa: certs.ca.pem }),
    startTlsFront({ target, cert: certs.server.cert.pem, key: certs.server.key.pem, apiKey: CLOUD_KEY }),
  ]);
  mtls = {
    TEMPORAL_ADDRESS: mtlsFront.address,
    TEMPORAL_TLS_CA: certs.ca.path,
    TEMPORAL_TLS_CERT: certs.client.cert.path,
    TEMPORAL_TLS_KEY: certs.client.key.path,
    TEMPORAL_TLS_SERVER_NAME: SERVER_NAME,
  };
  cloud = { TEMPORAL_ADDRESS: cloudFront.address, TEMPORAL_API_KEY: CLOUD_KEY, TEMPORAL_TLS_CA: certs.ca.path, TEMPORAL_TLS_SERVER_NAME: SERVER_NAME };
});

afterAll(async () => {
  await Promise.all([mtlsFront?.stop(), cloudFront?.stop()]);
});

describe('connection options from the settings', () => {
  it('turn TLS on with the files read at start-up, and pass the API key', () => {
    expect(optionsFrom(mtls)).toEqual({
      address: mtlsFront.address,
      tls: { serverNameOverride: SERVER_NAME, serverRootCACertificate: certs.ca.pem, clientCertPair: { crt: certs.client.cert.pem, key: certs.client.key.pem } },
    });
    expect(optionsFrom({ TEMPORAL_ADDRESS: 'tideway.a1b2c.tmprl.cloud:7233', TEMPORAL_API_KEY: CLOUD_KEY })).toEqual({ address: 'tideway.a1b2c.tmprl.cloud:7233', tls: {}, apiKey: CLOUD_KEY });
    expect(optionsFrom({})).toEqual({ address: '127.0.0.1:7233', tls: false });
  });
});

describe.each([
  ['mTLS', () => mtls, () => mtlsFront],
  ['an API key', () => cloud, () => cloudFront],
])('through a TLS front with %s', (_name, settings, front) => {
  it.each([
    ['the client connection', (options: ConnectionSettings) => Connection.connect(options)],
    ["the worker's native connection", (options: ConnectionSettings) => NativeConnection.connect(options)],
  ])('%s calls Temporal', async (_kind, connect) => {
    const before = front().forwarded;
    const connection = await connect(optionsFrom(settings()));
    try {
      const { serverVersion } = await connection.workflowService.getSystemInfo({});
      expect(serverVersion).toMatch(/^\d+\.\d+/);
    } finally {
      await connection.close();
    }
    expect(front().forwarded).toBeGreaterThan(before);
  });
});

describe('what the fronts refuse', () => {
  const withoutClientCert = () => ({ ...mtls, TEMPORAL_TLS_CERT: '', TEMPORAL_TLS_KEY: '' });
  const wrongKey = () => ({ ...cloud, TEMPORAL_API_KEY: 'not-the-key' });

  it('a connection without a client certificate, to the mTLS front', async () => {
    const refusedBefore = mtlsFront.refused.length;
    await expect(Connection.connect({ ...optionsFrom(withoutClientCert()), connectTimeout: 5_000 })).rejects.toThrow();
    await expect(NativeConnection.connect(optionsFrom(withoutClientCert()))).rejects.toThrow();
    expect(mtlsFront.refused.slice(refusedBefore)).toContainEqual(expect.stringMatching(/^TLS: /));
  });

  it('the clients check the server too: without our CA, or for another name, they do not connect', async () => {
    for (const server of [{ ...cloud, TEMPORAL_TLS_CA: '' }, { ...cloud, TEMPORAL_TLS_SERVER_NAME: 'other.tideway.test' }]) {
      await expect(Connection.connect({ ...optionsFrom(server), connectTimeout: 2_000 })).rejects.toThrow();
      await expect(NativeConnection.connect(optionsFrom(server))).rejects.toThrow();
    }
  });

  it('a wrong API key, or none, to the API key front', async () => {
    await expect(Connection.connect({ ...optionsFrom(wrongKey()), connectTimeout: 5_000 })).rejects.toMatchObject({ cause: { details: 'invalid API key' } });
    await expect(NativeConnection.connect(optionsFrom(wrongKey()))).rejects.toThrow(/invalid API key/);
    await expect(Connection.connect({ ...optionsFrom({ ...cloud, TEMPORAL_API_KEY: '' }), connectTimeout: 5_000 })).rejects.toMatchObject({ cause: { details: 'invalid API key' } });
    expect(cloudFront.refused).toEqual(expect.arrayContaining(['API key: wrong key for /temporal.api.workflowservice.v1.WorkflowService/GetSystemInfo', 'API key: none for /temporal.api.workflowservice.v1.WorkflowService/GetSystemInfo']));
  });
});

describe('the worker over an API key, the API over mTLS: one customer event through to an email', () => {
  const taskQueue = `temporal-tls-${unique}`;
  const logs = join(dir, 'logs');
  let worker: ManagedProcess | undefined;
  let api: ApiProcess | undefined;

  beforeAll(async () => {
    const policy = join(dir, 'send-policy.json');
    writeFileSync(policy, JSON.stringify(NO_SEND_LIMITS)); // no quiet hours: the email goes whatever the time
    const servers = { MONGODB_URI: inject('mongodbUri'), SMTP_URL: inject('smtpUrl'), TEMPORAL_TASK_QUEUE: taskQueue, TIDEWAY_SEND_POLICY: policy };
    worker = startProcess({ name: 'worker', command: process.execPath, args: ['--import', 'tsx', 'worker/main.ts'], cwd: root, env: { ...servers, ...cloud }, logFile: join(logs, 'worker.log') });
    // Asked of the dev server directly: the worker's polls arrive there through the front.
    await waitUntilReady(worker, 'polling', () => workerPolls(inject('temporalAddress'), 'default', taskQueue), { timeoutMs: 120_000, intervalMs: 500 });
    api = await startApiProcess({ ...servers, ...mtls }, logs);
  }, 240_000);

  afterAll(async () => {
    await Promise.all([api?.proc.stop(), worker?.stop()]);
  });

  it('welcomes the customer: the API starts the run, the worker runs it and sends the email', async () => {
    const call = async (method: string, route: string, body: unknown) =>
      (await fetch(`${api!.baseUrl}${route}`, { method, headers: { authorization: `Bearer ${API_KEY}`, 'content-type': 'application/json' }, body: JSON.stringify(body) })).status;
    const customerId = `tls-${unique}`;
    const email = `${customerId}@example.com`;
    const forwarded = { mtls: mtlsFront.forwarded, cloud: cloudFront.forwarded };
    expect(await call('PUT', `/v1/customers/${customerId}`, { email, name: 'Ada', locale: 'en' })).toBe(201);
    expect(await call('PUT', `/v1/customers/${customerId}/consent`, { channel: 'email', status: 'opted_in', source: 'signup-form' })).toBeLessThan(300);
    expect(await call('POST', '/v1/events', { eventId: `${customerId}-registered`, customerId, type: 'customer.registered' })).toBe(202);
    const [welcome] = await eventually(() => emailsTo(inject('mailSinkUrl'), email), (mails) => mails.length > 0, { what: 'the welcome email', timeoutMs: 60_000 });
    expect(welcome!.subject).toMatch(/welcome/i);
    expect(mtlsFront.forwarded).toBeGreaterThan(forwarded.mtls);
    expect(cloudFront.forwarded).toBeGreaterThan(forwarded.cloud);
  }, 90_000);

  it("the worker's health check connects as the worker does, and is healthy", async () => {
    expect(await runWorkerHealthcheck({ ...cloud, TEMPORAL_TASK_QUEUE: taskQueue })).toEqual({ ok: true, stderr: '' });
  });

  it('the health check with a wrong API key is unhealthy, with the reason', async () => {
    const outcome = await runWorkerHealthcheck({ ...cloud, TEMPORAL_API_KEY: 'not-the-key', TEMPORAL_TASK_QUEUE: taskQueue });
    expect(outcome.ok).toBe(false);
    expect(outcome.stderr).toMatch(/^worker unhealthy: .*invalid API key/);
  });
});
