import { Client, Connection } from '@temporalio/client';
import type { ChildProcess } from 'node:child_process';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { lifecycleWorkflowId } from '../domain/workflow-ids.js';
import { type FerretDbServer, startFerretDb } from '../stack/ferretdb-server.js';
import { startTemporalServer, type TemporalServer } from '../stack/temporal-server.js';
import { connectStore, disconnectStore, withStoreDeadline } from '../store/connection.js';
import { CustomerModel } from '../store/models/customer.js';
import { EventModel } from '../store/models/event.js';
import { ParkedEventModel } from '../store/models/parked-event.js';
import { lifecycleStateQuery } from '../workflows/messages.js';
import { type ApiProcess, startApiProcess } from './support/api-process.js';
import { EventTraffic, percentile } from './support/event-traffic.js';
import { eventually } from './support/eventually.js';
import { firstRunTimeline, historyStats } from './support/history-stats.js';
import { childWith, whilePaused } from './support/pause-process.js';
import { killHard, startWorkerProcess } from './support/worker-process.js';

/*
 * Issue 10: steady events through a real API process and worker process while the store is paused
 * 30 s, then Temporal 30 s (SIGSTOP), then the worker is killed with kill -9 twenty times. Clients
 * resend an event answered 503 (or not at all) with its eventId until it is answered 202. Afterwards
 * every event answered 202 must be applied exactly once: each customer's stored `orders` equals the
 * distinct events accepted for them, and each event's row has `appliedAt`. Prints a table either way.
 */

/** ~20 events/s: 4 clients, one event each every 200 ms. */
const CLIENTS = 4;
const EVENT_EVERY_MS = 200;
const PAUSE_MS = 30_000;
/** Traffic before the first fault and between faults, so each fault starts from a working system. */
const CALM_MS = 5_000;
const KILLS = 20;
/** How long a worker runs once it polls before it is killed: long enough, at random, to finish some work between kills. */
const KILL_AFTER_MS: [number, number] = [500, 4_000];
/** How long no worker runs after a kill. */
const DOWN_MS: [number, number] = [500, 3_000];
/** Customers with events from the start; one more joins at each kill, so lifecycles also start while workers die. */
const FIRST_CUSTOMERS = 15;
const APPLY_WAIT_MS = 180_000;

// A store and a Temporal server of this suite's own, so pausing them stops nobody else's tests.
let store: FerretDbServer;
let temporal: TemporalServer;
let connection: Connection;
let client: Client;
let api: ApiProcess;
const unique = Date.now().toString(36);
const taskQueue = `fault-${unique}`;
const logDir = mkdtempSync(join(tmpdir(), 'tideway-fault-'));
const customers = Array.from({ length: FIRST_CUSTOMERS + KILLS }, (_, n) => `ft-${unique}-c${n}`);
let activeCustomers = FIRST_CUSTOMERS;

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));
const between = (lowMs: number, highMs: number) => lowMs + Math.random() * (highMs - lowMs);
const seconds = (ms: number) => `${(ms / 1000).toFixed(1)} s`;

const workers: ChildProcess[] = [];
let worker: ChildProcess | undefined;
/** Workers that ended other than by the test's kill -9. */
const unexpectedExits: string[] = [];
let finished = false;
/** Timers the test started, stopped however it ends. */
const timers: NodeJS.Timeout[] = [];

function startWorker(name: string): ChildProcess {
  const child = startWorkerProcess(name, taskQueue, { TEMPORAL_ADDRESS: temporal.address, MONGODB_URI: store.mongodbUri });
  workers.push(child);
  child.once('exit', (code, signal) => {
    if (signal !== 'SIGKILL' && !finished) unexpectedExits.push(`${name}: ${signal ?? `code ${code}`}`);
  });
  return (worker = child);
}

/** Whether a worker polled the main task queue after `since` (a killed worker's pollers stay listed a while). */
async function pollsSince(since: number): Promise<boolean> {
  const { pollers } = await client.workflowService.describeTaskQueue({ namespace: 'default', taskQueue: { name: taskQueue }, taskQueueType: 1 });
  return pollers.some((p) => p.lastAccessTime && Number(p.lastAccessTime.seconds) * 1000 + Math.floor((p.lastAccessTime.nanos ?? 0) / 1e6) > since);
}
const polling = (since: number) => eventually(() => pollsSince(since), Boolean, { timeoutMs: 120_000, intervalMs: 250, what: 'a new worker polling' });

beforeAll(async () => {
  [store, temporal] = await Promise.all([startFerretDb(), startTemporalServer({ headless: true })]);
  connection = await Connection.connect({ address: temporal.address });
  client = new Client({ connection });
  await connectStore(store.mongodbUri);
  const since = Date.now();
  startWorker('worker-0');
  api = await startApiProcess({ TEMPORAL_ADDRESS: temporal.address, MONGODB_URI: store.mongodbUri, TEMPORAL_TASK_QUEUE: taskQueue }, logDir);
  await polling(since);
});

afterAll(async () => {
  finished = true;
  for (const timer of timers) clearInterval(timer);
  for (const child of workers) killHard(child);
  await api?.proc.stop();
  await connection?.close();
  await disconnectStore();
  await Promise.all([store?.stop(), temporal?.stop()]);
});

/** Accepted events not applied yet, every 10 s: how far behind the worker is (skipped while the store is paused). */
function sampleBacklog(traffic: EventTraffic, began: number): string[] {
  const samples: string[] = [];
  const timer = setInterval(() => {
    const at = seconds(Date.now() - began);
    const accepted = traffic.accepted.size;
    void withStoreDeadline(() => EventModel.countDocuments({ appliedAt: { $ne: null } }), 2_000).then(
      (applied) => samples.push(`${at}: ${accepted - applied}`),
      () => samples.push(`${at}: ?`),
    );
  }, 10_000);
  timers.push(timer);
  return samples;
}

/** Each customer's orders as the store and their lifecycle have them, next to the events accepted for them. */
async function ordersByCustomer(accepted: Map<string, string>) {
  const acceptedFor = new Map(customers.map((c) => [c, 0]));
  for (const customerId of accepted.values()) acceptedFor.set(customerId, (acceptedFor.get(customerId) ?? 0) + 1);
  const stored = new Map((await CustomerModel.find({ _id: { $in: customers } }, { orders: 1 }).lean()).map((c) => [String(c._id), c.orders ?? 0]));
  const parkedFor = new Map<string, number>();
  for (const p of await ParkedEventModel.find({}, { customerId: 1 }).lean()) parkedFor.set(p.customerId, (parkedFor.get(p.customerId) ?? 0) + 1);
  return Promise.all(
    customers.map(async (customer) => {
      const state = await client.workflow.getHandle(lifecycleWorkflowId(customer)).query(lifecycleStateQuery).catch(() => undefined);
      return { customer, accepted: acceptedFor.get(customer)!, stored: stored.get(customer) ?? 0, inWorkflow: state?.facts.orders ?? NaN, parked: parkedFor.get(customer) ?? 0 };
    }),
  );
}

describe('steady events while the store pauses, Temporal pauses and the worker is killed 20 times', () => {
  it('applies every event answered 202 exactly once, and answers 503 (never 500) while a dependency is paused', async () => {
    const began = Date.now();
    const traffic = new EventTraffic({ baseUrl: api.baseUrl, clients: CLIENTS, everyMs: EVENT_EVERY_MS, customerFor: (n) => customers[n % activeCustomers]!, eventIdPrefix: `ft-${unique}` });
    const backlog = sampleBacklog(traffic, began);
    const phases: string[] = [];
    const phase = (name: string) => {
      phases.push(`${name} ${seconds(Date.now() - began)}`);
      console.log(`fault tolerance: ${phases.at(-1)}; ${traffic.sent} sent; not applied ${backlog.slice(-3).join(', ')}`);
    };
    const pauses: { what: string; from: number; to: number }[] = [];
    const pause = async (what: string, pid: number) => {
      phase(`${what} paused`);
      const from = Date.now();
      await whilePaused(pid, () => sleep(PAUSE_MS));
      pauses.push({ what, from, to: Date.now() });
    };
    let killing = false;
    // A worker that dies on its own is started again (and counted apart); the kill loop starts its own.
    const watchdog = setInterval(() => {
      if (!finished && !killing && worker && (worker.exitCode !== null || worker.signalCode !== null)) startWorker(`worker-restart-${workers.length}`);
    }, 1_000);
    timers.push(watchdog);
    const startups: number[] = [];
    let kills = 0;
    try {
      await sleep(CALM_MS);
      await pause('store', childWith(`127.0.0.1:${store.port}`));
      await sleep(CALM_MS);
      await pause('Temporal', childWith(String(temporal.port)));
      await sleep(CALM_MS);

      phase('kills from');
      killing = true;
      for (let since: number | undefined; kills < KILLS; ) {
        if (since !== undefined) {
          await polling(since); // the first worker polls already
          startups.push(Date.now() - since);
        }
        await sleep(between(...KILL_AFTER_MS)); // a random moment of its work
        killHard(worker!);
        kills += 1;
        activeCustomers += 1;
        await sleep(between(...DOWN_MS));
        since = Date.now();
        startWorker(`worker-${kills}`);
        if (kills % 5 === 0) phase(`kill ${kills}`);
      }
      killing = false;
    } finally {
      await traffic.stop();
    }
    phase('traffic stopped');

    // Every accepted event applied (or set aside), within a bound.
    const waitStarted = Date.now();
    const pending = async () => (await EventModel.find({ appliedAt: null }, { parkedAt: 1 }).lean()).filter((r) => !r.parkedAt).length;
    while ((await pending()) > 0 && Date.now() - waitStarted < APPLY_WAIT_MS) await sleep(3_000);
    const applyWaitMs = Date.now() - waitStarted;
    phase('applied');
    for (const timer of timers) clearInterval(timer);
    const rows = new Map((await EventModel.find({}, { appliedAt: 1, parkedAt: 1 }).lean()).map((r) => [String(r._id), r]));

    // Exactly once: each customer's orders = the distinct events accepted for them.
    const orders = await ordersByCustomer(traffic.accepted);
    const parked = await ParkedEventModel.find({}).lean();
    const twice = orders.reduce((sum, c) => sum + Math.max(0, c.stored - c.accepted), 0);
    const short = orders.reduce((sum, c) => sum + Math.max(0, c.accepted - c.parked - c.stored), 0);
    const lost = [...traffic.accepted.keys()].filter((id) => !rows.get(id)?.appliedAt && !rows.get(id)?.parkedAt);
    const serverErrors = traffic.attempts.filter((a) => typeof a.status === 'number' && a.status >= 500);
    const not503 = serverErrors.filter((a) => a.status !== 503);
    const during = pauses.map((p) => ({ what: p.what, ...traffic.between(p.from, p.to) }));
    const table: [string, string | number][] = [
      ['events sent', traffic.sent],
      ['accepted (202, distinct eventIds)', traffic.accepted.size],
      ['  of which answered duplicate', traffic.duplicates],
      ['requests', traffic.attempts.length],
      ['503s', serverErrors.length - not503.length],
      ['5xx other than 503', not503.length],
      ['no answer (network / timeout)', `${traffic.attempts.filter((a) => a.status === 'network').length} / ${traffic.attempts.filter((a) => a.status === 'timeout').length}`],
      ['refused (4xx) or wrong customer', traffic.refused.length],
      ['never answered 202 (given up at the end)', traffic.abandoned.length],
      ['applied (appliedAt set)', [...traffic.accepted.keys()].filter((id) => rows.get(id)?.appliedAt).length],
      ['parked (parked_events)', parked.length],
      ['lost (accepted, neither applied nor parked)', lost.length],
      ['orders below accepted', short],
      ['applied twice (orders above accepted)', `${twice} (${orders.filter((c) => c.stored > c.accepted).length} customers)`],
      ...during.map((p): [string, string] => [`API while ${p.what} paused`, `p50 ${p.p50} ms, max ${p.max} ms; ${p.requests} requests: ${p.statuses}; Retry-After ${p.retryAfter || '-'}`]),
      ['worker kills (kill -9)', kills],
      ['worker start → polling, p50 / max', `${percentile([...startups].sort((a, b) => a - b), 0.5)} / ${Math.max(...startups)} ms`],
      ['workers that died on their own', unexpectedExits.length ? unexpectedExits.join(', ') : 0],
      ['wait until every event applied', seconds(applyWaitMs)],
      ['wall time', `${seconds(Date.now() - began)} (${phases.join(', ')})`],
    ];
    const width = Math.max(...table.map(([k]) => k.length));
    console.log(`\nfault tolerance, ${CLIENTS} clients, ${customers.length} customers (logs: ${logDir}, workers' under ${tmpdir()}/tideway-worker-*):`);
    console.log(table.map(([k, v]) => `  ${k.padEnd(width)}  ${v}`).join('\n'));
    console.log(`  not applied, every 10 s: ${backlog.join(', ')}`);

    // Evidence for whoever reads a failure: the customers whose orders are off, and how their lifecycle started.
    const off = orders.filter((c) => c.stored !== c.accepted - c.parked || c.inWorkflow !== c.stored);
    for (const c of off.slice(0, 3)) {
      const id = lifecycleWorkflowId(c.customer);
      const history = await Promise.all([historyStats(client, id), firstRunTimeline(client, id)]).catch((error: Error) => error.message);
      console.log(`${JSON.stringify(c)}\n${typeof history === 'string' ? history : `  ${JSON.stringify(history[0])}\n  first run:\n${history[1].map((l) => `    ${l}`).join('\n')}`}`);
    }
    if (lost.length) console.log(`lost events (first 20): ${lost.slice(0, 20).join(', ')}`);

    // The faults happened: each pause was answered with 503s, and the worker died KILLS times.
    for (const p of during) expect(p.statuses, `requests while ${p.what} paused`).toMatch(/503/);
    expect(kills).toBe(KILLS);
    expect(api.proc.exit(), 'the API process kept running').toBeUndefined();
    expect(not503.map((a) => a.status), '5xx other than 503').toEqual([]);
    expect(traffic.refused).toEqual([]);
    expect(traffic.abandoned).toEqual([]);
    // Exactly once.
    expect(lost, 'accepted events never applied').toEqual([]);
    expect(parked.map((p) => `${p._id}: ${p.reason}`), 'valid events parked').toEqual([]);
    expect(twice, 'events applied twice (orders above the events accepted)').toBe(0);
    expect(short, 'orders below the events accepted').toBe(0);
  }, 720_000);
});
