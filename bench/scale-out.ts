/**
 * `npm run bench:scale-out`: N worker processes on one task queue against one Temporal server, a burst
 * of events that each send one email, and kill -9 of one worker in the middle of it. Shows how the work
 * spread over the workers (from the histories), that the email limit held across all of them (at the
 * mail sink and at dispatch), and that no message was lost or sent twice. See README "Benchmark".
 */
import os from 'node:os';
import path from 'node:path';
import { journeyWorkflowId, lifecycleWorkflowId } from '../domain/workflow-ids.js';
import { connectStore, disconnectStore } from '../store/connection.js';
import { checkDelivery } from './delivery.js';
import { benchEmail, createCustomers } from './email.js';
import { receivedEmails } from './mail-sink.js';
import { progress } from './progress.js';
import { writeReport } from './report.js';
import { parseScaleOutArgs } from './scale-out-args.js';
import { runBurst } from './scale-out-burst.js';
import { burstFigures, printScaleOut, type ScaleOutReport } from './scale-out-report.js';
import { type ScaleOutStack, startScaleOutStack } from './scale-out-stack.js';
import { welcomeLedger } from './send-ledger.js';
import { sendRate } from './send-rate.js';
import { workerSpread } from './worker-spread.js';

const opts = parseScaleOutArgs(process.argv.slice(2));
const now = new Date();
const stamp = `${now.toISOString().replace(/[:.]/g, '-')}-scale-out`;
const runId = `scale-${now.toISOString().replace(/\D/g, '').slice(2, 14)}`;
const report: ScaleOutReport = {
  startedAt: now.toISOString(),
  machine: { cpus: os.cpus().length, node: process.version, platform: `${os.platform()} ${os.release()}` },
  options: { ...opts, runId },
};

let stack: ScaleOutStack | undefined;
let stopping = false;
async function stopAll(code: number): Promise<never> {
  if (!stopping) {
    stopping = true;
    progress('stopping the workers, the API and the servers');
    await disconnectStore().catch(() => {});
    await stack?.stop();
  }
  process.exit(code);
}
for (const signal of ['SIGINT', 'SIGTERM'] as const) {
  process.on(signal, () => {
    progress(`${signal}: stopping`);
    report.failure ??= `interrupted (${signal})`;
    if (!stopping) finish();
    void stopAll(130);
  });
}

function finish(): void {
  report.finishedAt = new Date().toISOString();
  printScaleOut(report);
  const file = writeReport(report, path.resolve(opts.out), stamp);
  console.log(`\nJSON: ${path.relative(process.cwd(), file)}${stack ? `\nLogs: ${path.relative(process.cwd(), stack.servers.logDir)}` : ''}`);
}

try {
  stack = await startScaleOutStack(opts, path.resolve(opts.out, `${stamp}-logs`));
  const { servers, client } = stack;
  progress(`stack: API ${servers.apiUrl}, Temporal ${servers.temporalAddress}, mail sink ${servers.mailUrl}; ${stack.workers.map((w) => `${w.name} ${w.identity}`).join(', ')}`);
  await connectStore(servers.mongodbUri);
  const ids = Array.from({ length: opts.events }, (_, i) => `${runId}-${i}`);
  progress(`${ids.length} customers with an email and email consent`);
  const setupStarted = Date.now();
  const failures = await createCustomers({ url: servers.apiUrl, key: servers.apiKey }, ids, 8);
  report.setup = { customers: ids.length, failures, ms: Date.now() - setupStarted };

  progress(`burst: ${ids.length} customer.registered, ${opts.clients} clients; kill -9 at ${opts.killAtPercent} % of the emails`);
  const burst = await runBurst(stack, ids, opts);
  report.burst = burstFigures(burst);
  const owed = burst.acceptedIds; // an event the API did not accept (503: retry later) owes no email

  progress('reading the histories: who did what');
  const spread = await workerSpread(client, owed.flatMap((id) => [lifecycleWorkflowId(id), journeyWorkflowId('welcome', id)]));
  const { byIdentity } = spread;
  report.workers = stack.workers.map((w) => ({ name: w.name, identity: w.identity, killed: w.killedAt !== undefined, workflowTasks: 0, activities: 0, sendEmails: 0, retriedActivities: 0, ...byIdentity[w.identity] }));
  const ours = new Set(stack.workers.map((w) => w.identity));
  report.otherIdentities = Object.fromEntries(Object.entries(byIdentity).filter(([identity]) => !ours.has(identity)));
  report.historiesUnread = spread.unread;

  const addresses = new Set(owed.map(benchEmail));
  const received = await receivedEmails(servers.mailUrl, (to) => addresses.has(to));
  const ledger = await welcomeLedger(owed);
  // An unconfirmed row's attemptedAt is the retry's, which called no one.
  const attempts = [...ledger.values()].flatMap((row) => (row.attemptedAt === undefined || row.status === 'unconfirmed' ? [] : [row.attemptedAt]));
  report.rates = { limitPerS: opts.emailPerSecond, sink: sendRate(received.map((e) => e.sentAt)), providerCalls: sendRate(attempts), dispatch: sendRate(spread.sendEmailStarts) };
  report.delivery = checkDelivery(owed.map((id) => ({ id, email: benchEmail(id) })), received, ledger);
  finish();
  const { duplicates, lost } = report.delivery;
  if (duplicates.length || lost.length) console.error(`\nFAILED: ${duplicates.length} duplicates, ${lost.length} lost`);
  await stopAll(duplicates.length || lost.length ? 1 : 0);
} catch (error) {
  if (stopping) await new Promise(() => {}); // interrupted: the signal handler reports and exits
  report.failure = String((error as Error)?.stack ?? error);
  console.error(`bench: ${(error as Error)?.message ?? error}`);
  finish();
  await stopAll(1);
}
