// The image's file set runs, without Docker: the runtime stage's COPY lines (parsed from the
// Dockerfile) laid out in a folder from a fresh `npm run build`, production dependencies installed
// there from the lockfile, then that API and worker started with `node` against the test stack, and
// one event sent through to an email. A folder the entry points need and the Dockerfile leaves out
// fails the static check below and the start.
import { execFile } from 'node:child_process';
import { existsSync, readdirSync, readFileSync, symlinkSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { NO_SEND_LIMITS } from '../domain/send-policy.js';
import { freePort } from '../stack/ports.js';
import { type ManagedProcess, startProcess } from '../stack/process.js';
import { httpAnswers, waitUntilReady } from '../stack/readiness.js';
import { makeTempDir, type TempDir } from '../stack/temp-dir.js';
import { workerPolls } from '../stack/worker-ready.js';
import { API_KEY } from './support/api-harness.js';
import { type Copy, repoDockerfile } from './support/dockerfile.js';
import { eventually } from './support/eventually.js';
import { layOut } from './support/image-layout.js';
import { missingImports } from './support/import-closure.js';
import { emailsTo } from './support/mail-sink.js';
import { runWorkerHealthcheck } from './support/worker-healthcheck.js';

const run = promisify(execFile);
const root = fileURLToPath(new URL('..', import.meta.url));
const { stages, runtime } = repoDockerfile();
const unique = Date.now().toString(36);

const ENTRY_POINTS = ['dist/api/main.js', 'dist/worker/main.js', 'dist/cli/users.js', 'dist/cli/journeys.js'];
/** Read by path at run time rather than imported: the module type, the workflow bundle, the console. */
const RUNTIME_FILES = ['package.json', 'dist/workflow-bundle.js', 'dist/console/index.html'];

/** What the entry points would not find in `dir`. */
function problemsIn(dir: string, options: { packages?: boolean } = {}): string[] {
  const files = RUNTIME_FILES.filter((file) => !existsSync(join(dir, file))).map((file) => `${file} is missing`);
  return [...files, ...missingImports(dir, ENTRY_POINTS, options)];
}

/** The runtime stage with the build output copied entry by entry, one of them (`name`) forgotten. */
function copiesWithout(name: string): Copy[] {
  const perEntry = readdirSync(join(root, 'dist'))
    .filter((entry) => entry !== name)
    .map((entry) => ({ line: `COPY --from=build /app/dist/${entry} ./dist/${entry}`, from: 'build', sources: [`/app/dist/${entry}`], dest: `dist/${entry}` }));
  return [...runtime.copies.filter((copy) => copy.from !== 'build'), ...perEntry];
}

const dirs: TempDir[] = [];
function laidOut(copies: Copy[], prefix = 'tideway-image-'): string {
  const dir = makeTempDir(prefix);
  dirs.push(dir);
  layOut(copies, stages, dir.path);
  return dir.path;
}

beforeAll(async () => {
  await run('npm', ['run', 'build'], { cwd: root, maxBuffer: 16 << 20 });
}, 180_000);

afterAll(() => {
  for (const dir of dirs) dir.remove();
});

describe("the Dockerfile's runtime stage", () => {
  it('runs the build with node, on a supported Node LTS in every stage', () => {
    expect(runtime.instructions.find((line) => /^CMD\s/i.test(line))).toBe('CMD ["node", "dist/api/main.js"]');
    for (const stage of stages) expect(stage.image, stage.name).toMatch(/^node:(22|24)([.-]|$)/);
    expect(runtime.copies.some((copy) => copy.from === 'build')).toBe(true);
  });

  it('holds every file the entry points import or read (packages aside: they are installed below)', () => {
    expect(problemsIn(laidOut(runtime.copies), { packages: false })).toEqual([]);
  });

  it.each(runtime.copies.map((copy) => [copy.line]))('needs each COPY line: without `%s`, something is missing', (line) => {
    const dir = laidOut(runtime.copies.filter((copy) => copy.line !== line));
    expect(problemsIn(dir, { packages: false }).length).toBeGreaterThan(0);
  });

  it('notices a compiled folder left out, as temporal/ once was', () => {
    const dir = laidOut(copiesWithout('temporal'));
    expect(problemsIn(dir, { packages: false })).toContainEqual(expect.stringMatching(/^dist\/api\/app\.js: \.\.\/temporal\/[\w-]+\.js is missing$/));
  });
});

describe('the image, run from its files: API and worker with node, production dependencies only', () => {
  const taskQueue = `image-contents-${unique}`;
  let image = '';
  let api: ManagedProcess | undefined;
  let worker: ManagedProcess | undefined;
  let baseUrl = '';

  const env = (): Record<string, string> => ({
    ...runtime.env, // NODE_ENV=production, as in the image
    NODE_OPTIONS: '', // nothing of this test runner's (no tsx loader)
    LOG_LEVEL: 'info', // the test setup quiets everything else's
    TEMPORAL_ADDRESS: inject('temporalAddress'),
    MONGODB_URI: inject('mongodbUri'),
    SMTP_URL: inject('smtpUrl'),
    TEMPORAL_TASK_QUEUE: taskQueue,
  });

  beforeAll(async () => {
    image = laidOut(runtime.copies);
    // What `RUN npm ci --omit=dev --omit=optional` does in the image; npm's cache makes it quick after the first time.
    // npm's own variables from `npx vitest` would point it at the repo: left out.
    const npmEnv = Object.fromEntries(Object.entries(process.env).filter(([name]) => !/^npm_/i.test(name)));
    await run('npm', ['ci', '--omit=dev', '--omit=optional', '--ignore-scripts', '--no-audit', '--no-fund', '--prefer-offline'], { cwd: image, env: npmEnv, maxBuffer: 16 << 20, timeout: 220_000 });
    const policy = join(image, 'send-policy.json');
    writeFileSync(policy, JSON.stringify(NO_SEND_LIMITS)); // no quiet hours: the email goes whatever the time
    const port = await freePort();
    baseUrl = `http://127.0.0.1:${port}`;
    worker = startProcess({ name: 'worker', command: process.execPath, args: ['dist/worker/main.js'], cwd: image, env: { ...env(), TIDEWAY_SEND_POLICY: policy }, logFile: join(image, 'worker.log') });
    await waitUntilReady(worker, 'polling', () => workerPolls(inject('temporalAddress'), 'default', taskQueue), { timeoutMs: 60_000, intervalMs: 250 });
    api = startProcess({
      name: 'api',
      command: process.execPath,
      args: ['dist/api/main.js'],
      cwd: image,
      env: { ...env(), TIDEWAY_API_KEY: API_KEY, HOST: '127.0.0.1', PORT: String(port) },
      logFile: join(image, 'api.log'),
    });
    await waitUntilReady(api, `${baseUrl}/readyz`, () => httpAnswers(`${baseUrl}/readyz`), { timeoutMs: 60_000, intervalMs: 250 });
  }, 300_000);

  afterAll(async () => {
    await Promise.all([api?.stop(), worker?.stop()]);
  });

  it('has production dependencies only: no tsx, esbuild or TypeScript, and every package the code imports', () => {
    for (const tool of ['tsx', 'esbuild', 'typescript', 'vitest']) expect(existsSync(join(image, 'node_modules', tool)), tool).toBe(false);
    expect(problemsIn(image)).toEqual([]);
  });

  it('starts the worker on the prebuilt workflow bundle: no bundling at start', () => {
    const log = readFileSync(worker!.logFile, 'utf8');
    expect(log).toContain('worker: polling task queues');
    expect(log).not.toMatch(/Workflow bundle created|webpack/i);
  });

  it("finds that worker healthy with the compose health check, which imports the image's built config code", async () => {
    expect(await runWorkerHealthcheck({ TEMPORAL_ADDRESS: inject('temporalAddress'), TEMPORAL_TASK_QUEUE: taskQueue }, image)).toEqual({ ok: true, stderr: '' });
  });

  it('takes one customer event through to the welcome email', async () => {
    const call = async (method: string, route: string, body: unknown) =>
      (await fetch(`${baseUrl}${route}`, { method, headers: { authorization: `Bearer ${API_KEY}`, 'content-type': 'application/json' }, body: JSON.stringify(body) })).status;
    const customerId = `image-${unique}`;
    const email = `${customerId}@example.com`;
    expect(await call('PUT', `/v1/customers/${customerId}`, { email, name: 'Ada', locale: 'en' })).toBe(201);
    expect(await call('PUT', `/v1/customers/${customerId}/consent`, { channel: 'email', status: 'opted_in', source: 'signup-form' })).toBeLessThan(300);
    expect(await call('POST', '/v1/events', { eventId: `${customerId}-registered`, customerId, type: 'customer.registered' })).toBe(202);
    const [welcome] = await eventually(() => emailsTo(inject('mailSinkUrl'), email), (mails) => mails.length > 0, { what: 'the welcome email', timeoutMs: 60_000 });
    expect(welcome!.subject).toMatch(/welcome/i);
  }, 90_000);

  it('serves the console from the build', async () => {
    const page = await fetch(`${baseUrl}/console/`);
    expect(page.status).toBe(200);
    expect(await page.text()).toMatch(/<script type="module" src="assets\/main-\w+\.js">/);
  });

  it('does not start when a compiled folder is missing: the API without dist/temporal', async () => {
    const broken = makeTempDir('tideway-image-broken-');
    dirs.push(broken);
    layOut(copiesWithout('temporal'), stages, broken.path);
    symlinkSync(join(image, 'node_modules'), join(broken.path, 'node_modules'));
    const started = await run(process.execPath, ['dist/api/main.js'], { cwd: broken.path, env: { ...process.env, ...env(), TIDEWAY_API_KEY: API_KEY, PORT: '0' }, timeout: 30_000 }).then(
      () => ({ code: 0, stderr: '' }),
      (error: { code?: number; stderr?: string }) => ({ code: error.code, stderr: error.stderr ?? '' }),
    );
    expect(started.code).not.toBe(0);
    expect(started.stderr).toMatch(/ERR_MODULE_NOT_FOUND/);
    expect(started.stderr).toMatch(/Cannot find module '[^']*\/dist\/temporal\//);
  });
});
