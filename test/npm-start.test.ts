import { spawnSync } from 'node:child_process';
import { chmodSync, existsSync, lstatSync, mkdirSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { NO_SEND_LIMITS } from '../domain/send-policy.js';
import { makeTempDir, type TempDir } from '../stack/temp-dir.js';
import { eventually } from './support/eventually.js';
import { emailsTo } from './support/mail-sink.js';
import { childProcesses, freeStackPorts, isRunning, type NpmStart, runNpmStart } from './support/npm-start.js';

// `npm start` itself, on free ports (so the API is not on 3000) with a data folder of its own.
const unique = Date.now().toString(36);
let data: TempDir;
let ports: Awaited<ReturnType<typeof freeStackPorts>>;
let env: Record<string, string>;
let stack: NpmStart;
let apiUrl = '';
let key = '';

/** Every path under `dir` with its permission bits. */
const modes = (dir: string): Record<string, number> =>
  Object.fromEntries([dir, ...readdirSync(dir, { recursive: true }).map((name) => path.join(dir, String(name)))].map((file) => [path.relative(dir, file) || '.', lstatSync(file).mode & 0o777]));

const call = async (method: string, route: string, body?: unknown) => {
  const response = await fetch(`${apiUrl}${route}`, { method, headers: { authorization: `Bearer ${key}`, 'content-type': 'application/json' }, body: body === undefined ? undefined : JSON.stringify(body) });
  return { status: response.status, body: (await response.json().catch(() => undefined)) as Record<string, unknown> | undefined };
};
const stageOf = async (customerId: string) => (await call('GET', `/v1/customers/${customerId}`)).body?.stage;
const workerPid = () => childProcesses(stack.child.pid!).find((p) => p.args.includes('worker/main.ts'))?.pid;
const apiPid = () => childProcesses(stack.child.pid!).find((p) => p.args.includes('api/main.ts'))?.pid;

beforeAll(async () => {
  data = makeTempDir('tideway-start-');
  // What an older Tideway left: world-readable files, and the lock of a start that was killed.
  chmodSync(data.path, 0o755);
  mkdirSync(path.join(data.path, 'logs'), { mode: 0o755 });
  writeFileSync(path.join(data.path, 'logs', 'old.log'), 'before\n', { mode: 0o644 });
  writeFileSync(path.join(data.path, 'lock'), `${spawnSync('true').pid}\n`);
  const policy = path.join(makeTempDir('tideway-start-policy-').path, 'send-policy.json');
  writeFileSync(policy, JSON.stringify(NO_SEND_LIMITS)); // no quiet hours: the email goes whatever the time
  ports = await freeStackPorts();
  env = { ...ports, HOST: '127.0.0.1', TIDEWAY_DATA_DIR: data.path, TIDEWAY_SEND_POLICY: policy };
  apiUrl = `http://127.0.0.1:${ports.PORT}`;
  stack = runNpmStart(env);
  await stack.waitFor(/Tideway is running/, 170_000);
  key = readFileSync(path.join(data.path, 'api-key'), 'utf8').trim();
}, 180_000);

afterAll(async () => {
  if (stack && stack.child.exitCode === null && stack.child.signalCode === null) {
    stack.child.kill('SIGTERM');
    await Promise.race([stack.exited, new Promise((resolve) => setTimeout(resolve, 20_000))]);
    stack.child.kill('SIGKILL');
  }
  data?.remove();
});

describe('npm start', () => {
  it('takes over the lock a killed start left, and holds the data folder with its pid', () => {
    expect(readFileSync(path.join(data.path, 'lock'), 'utf8').trim()).toBe(String(stack.child.pid));
    expect(stack.output()).toContain(`locked by pid ${stack.child.pid}`);
  });

  it('builds the console and lists its URL; the API serves it', async () => {
    expect(stack.output()).toContain(`Console       ${apiUrl}/console/`);
    const page = await fetch(`${apiUrl}/console/`);
    expect(page.status).toBe(200);
    expect(await page.text()).toMatch(/<script type="module" src="assets\/main-\w+\.js">/);
  });

  it('refuses a second start on the same data folder, naming the running pid, and exits non-zero', async () => {
    const second = runNpmStart(env);
    const exit = await second.exited;
    expect(exit.code).toBe(1);
    expect(second.output()).toContain(`tideway: cannot start: ${data.path} is in use by another npm start (pid ${stack.child.pid})`);
    expect(second.output()).not.toContain('starting Temporal');
    expect(readFileSync(path.join(data.path, 'lock'), 'utf8').trim()).toBe(String(stack.child.pid));
    expect((await fetch(`${apiUrl}/healthz`)).status).toBe(200);
  }, 30_000);

  it('keeps the data for its owner only: folders 0700, files 0600, also those made before', () => {
    const found = modes(data.path);
    expect(found).toMatchObject({ '.': 0o700, 'temporal.db': 0o600, ferretdb: 0o700, logs: 0o700, 'logs/old.log': 0o600, 'logs/worker.log': 0o600, 'api-key': 0o600, lock: 0o600 });
    const open = Object.entries(found).filter(([, mode]) => (mode & 0o077) !== 0);
    expect(open, 'readable by others').toEqual([]);
  });

  it("puts the API's own address in the unsubscribe link of a real email, and the link opens the page", async () => {
    const customerId = `start-mail-${unique}`;
    const email = `${customerId}@example.com`;
    expect((await call('PUT', `/v1/customers/${customerId}`, { email, name: 'Ada', locale: 'en' })).status).toBe(201);
    await call('PUT', `/v1/customers/${customerId}/consent`, { channel: 'email', status: 'opted_in', source: 'signup-form' });
    expect((await call('POST', '/v1/events', { eventId: `${customerId}-registered`, customerId, type: 'customer.registered' })).status).toBe(202);

    const [welcome] = await eventually(() => emailsTo(`http://127.0.0.1:${ports.MAIL_WEB_PORT}`, email), (mails) => mails.length > 0, { what: 'the welcome email', timeoutMs: 60_000 });
    const link = /Unsubscribe: (\S+)/.exec(welcome!.text)?.[1];
    expect(link).toMatch(new RegExp(`^http://127\\.0\\.0\\.1:${ports.PORT}/u/[\\w-]+\\.[\\w-]+$`));
    expect(welcome!.headers['list-unsubscribe']).toBe(`<${link}>`);
    const page = await fetch(link!);
    expect(page.status).toBe(200);
    expect(await page.text()).toContain('Stop marketing emails to');
  }, 90_000);

  it('restarts a worker killed with SIGKILL, says so, and events are applied afterwards', async () => {
    const first = workerPid();
    expect(first).toBeDefined();
    process.kill(first!, 'SIGKILL');
    await stack.waitFor(/tideway: worker exited \(signal SIGKILL\); restarting in 1 s \(restart 1\)/, 10_000);
    const [, again] = await stack.waitFor(/tideway: worker restarted \(pid (\d+)\)/, 10_000);
    expect(Number(again)).not.toBe(first);
    expect(readFileSync(path.join(data.path, 'logs', 'worker.log'), 'utf8').match(/^--- .* worker\/main\.ts$/gm)).toHaveLength(2);

    const customerId = `start-restart-${unique}`;
    await call('PUT', `/v1/customers/${customerId}`, { name: 'Bo', locale: 'en' });
    expect((await call('POST', '/v1/events', { eventId: `${customerId}-registered`, customerId, type: 'customer.registered' })).status).toBe(202);
    await eventually(() => stageOf(customerId), (stage) => stage === 'new', { what: 'the event applied by the new worker', timeoutMs: 90_000, intervalMs: 500 });
    expect(isRunning(Number(again))).toBe(true);
  }, 120_000);

  it('restarts the API too', async () => {
    const first = apiPid();
    process.kill(first!, 'SIGKILL');
    await stack.waitFor(/tideway: api exited \(signal SIGKILL\); restarting in 1 s \(restart 1\)/, 10_000);
    await eventually(() => fetch(`${apiUrl}/readyz`).then((r) => r.status), (status) => status === 200, { what: 'the API back', timeoutMs: 60_000, intervalMs: 500 });
  }, 70_000);

  it('stops everything on SIGTERM, restarts nothing, exits 0 and releases the lock', async () => {
    const children = childProcesses(stack.child.pid!);
    expect(children.length).toBeGreaterThanOrEqual(5); // Temporal, FerretDB, maildev, the worker, the API
    const before = stack.output().length;
    stack.child.kill('SIGTERM');
    expect(await stack.exited).toEqual({ code: 0, signal: null });
    expect(stack.output().slice(before)).not.toMatch(/restart/);
    expect(children.filter((child) => isRunning(child.pid))).toEqual([]);
    expect(existsSync(path.join(data.path, 'lock'))).toBe(false);
  }, 30_000);
});
