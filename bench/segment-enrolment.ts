/**
 * `npm run bench:enrolment [-- --customers 10000 --settle-minutes 60]`: a scheduled journey whose segment matches N customers,
 * fired once through its Temporal Schedule, against servers of its own. Reports how long enrolment took
 * (first to last run started), how long until every run's send was settled, and checks that no customer
 * got more marketing SMS than the frequency cap allows (a tenth already had their one SMS of the day).
 */
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { Client, Connection } from '@temporalio/client';
import { NativeConnection } from '@temporalio/worker';
import { loadConfig } from '../config/env.js';
import { defineJourney } from '../domain/journey.js';
import type { SendPolicy } from '../domain/send-policy.js';
import { withTemplates } from '../domain/templates.js';
import { templates } from '../journeys/index.js';
import { startFerretDb } from '../stack/ferretdb-server.js';
import { startTemporalServer } from '../stack/temporal-server.js';
import { ensureTools } from '../stack/tools.js';
import { connectStore, disconnectStore } from '../store/connection.js';
import { backfillJourneyEntries } from '../store/journey-reentry.js';
import { CustomerModel } from '../store/models/customer.js';
import { JourneyRunModel } from '../store/models/journey-run.js';
import { MessageModel } from '../store/models/message.js';
import { SendBudgetModel } from '../store/models/send-budget.js';
import { JourneyRunner } from '../temporal/journey-runner.js';
import { journeyScheduleId, syncSchedules } from '../temporal/schedules.js';
import { createWorkers } from '../worker/create-worker.js';
import type { EnrolmentProgress } from '../workflows/segment-enrolment.js';
import { progress } from './progress.js';

const arg = (name: string, fallback: number) => {
  const at = process.argv.indexOf(`--${name}`);
  return at > 0 ? Number(process.argv[at + 1]) : fallback;
};
const CUSTOMERS = arg('customers', 10_000);
const config = loadConfig();
const CAP = { per: '1 day' as const, max: 1 };
const policy: SendPolicy = { quietHours: null, defaultTimezone: 'Asia/Shanghai', caps: { email: [], sms: [CAP] } };
const journey = withTemplates(
  defineJourney({
    id: 'bench-rescue',
    name: 'Bench: active customers at risk',
    entry: { schedule: { cron: '0 10 * * MON', timezone: 'Asia/Shanghai', segment: { all: [{ stageIn: ['active'] }, { health: { below: 40 } }] } } },
    reentry: { after: '7 days' },
    steps: [{ kind: 'send', key: 'nudge', channel: 'sms', template: 'winback-reminder', whenCapped: 'skip' }],
  }),
  templates,
);

const tools = await ensureTools(progress);
const logDir = mkdtempSync(path.join(tmpdir(), 'tideway-bench-enrolment-'));
const [temporal, store] = await Promise.all([
  startTemporalServer({ bin: tools.temporal, headless: true, logFile: path.join(logDir, 'temporal.log') }),
  startFerretDb({ bin: tools.ferretdb, logFile: path.join(logDir, 'ferretdb.log') }),
]);
try {
  await connectStore(store.mongodbUri);
  const connection = await Connection.connect({ address: temporal.address });
  const nativeConnection = await NativeConnection.connect({ address: temporal.address });
  const client = new Client({ connection });
  const taskQueue = 'bench-enrolment';
  const workers = await createWorkers({
    connection: nativeConnection,
    namespace: 'default',
    taskQueue,
    deps: {
      mailer: { sendMail: async () => ({}) } as never,
      from: 'bench@tideway.test',
      templates,
      templateDefaults: { brand: 'Tideway', handbookUrl: 'http://tideway.test/h', surveyUrl: 'http://tideway.test/s', couponUrl: 'http://tideway.test/c' },
      webhooks: {},
      webhookSecret: '',
      runner: new JourneyRunner(client, taskQueue),
      journeys: [journey],
      healthModel: (await import('../config/health-model.js')).loadHealthModel(),
      sendPolicy: policy,
    },
    // The worker's defaults (config/env.ts): a bounded workflow cache, as in production.
    limits: { maxCachedWorkflows: config.TIDEWAY_WORKER_CACHED_WORKFLOWS, maxConcurrentWorkflowTaskExecutions: config.TIDEWAY_WORKER_WORKFLOW_TASKS, maxConcurrentActivities: config.TIDEWAY_WORKER_ACTIVITIES },
  });
  const running = workers.run();

  progress(`inserting ${CUSTOMERS} customers (a tenth already had today's SMS)`);
  const id = (k: number) => `c-${String(k).padStart(6, '0')}`;
  const consent = { sms: { status: 'opted_in', at: new Date(), source: 'bench' } };
  for (let from = 0; from < CUSTOMERS; from += 1_000) {
    const batch = Array.from({ length: Math.min(1_000, CUSTOMERS - from) }, (_, k) => from + k);
    await CustomerModel.insertMany(batch.map((k) => ({ _id: id(k), name: `Customer ${k}`, phone: `+86138${String(k).padStart(8, '0')}`, locale: 'en', stage: 'active', health: { score: k % 40 }, consent })));
    await SendBudgetModel.insertMany(batch.filter((k) => k % 10 === 0).map((k) => ({ _id: `${id(k)}:sms`, sends: [{ sendKey: `earlier:${k}`, at: new Date(Date.now() - 3_600_000) }], version: 1 })));
  }
  await backfillJourneyEntries();
  await syncSchedules(client, [journey], taskQueue);

  progress('firing the schedule');
  const fired = Date.now();
  const schedule = client.schedule.getHandle(journeyScheduleId(journey.id));
  await schedule.trigger();
  let workflowId: string | undefined;
  while (!workflowId) {
    workflowId = (await schedule.describe()).info.recentActions[0]?.action.workflow.workflowId;
    await new Promise((resolve) => setTimeout(resolve, 200));
  }
  const enrolment = (await client.workflow.getHandle(workflowId).result()) as EnrolmentProgress;
  const enrolled = Date.now();
  progress(`enrolment workflow done in ${enrolled - fired} ms: ${JSON.stringify(enrolment)}; waiting for every send to settle`);

  const settleBy = Date.now() + arg('settle-minutes', 60) * 60_000;
  for (;;) {
    const settled = await MessageModel.countDocuments({ channel: 'sms', status: { $in: ['outbox', 'skipped', 'sent'] } });
    if (settled >= CUSTOMERS || Date.now() > settleBy) break; // the cap check below holds for what settled
    progress(`${settled} of ${CUSTOMERS} sends settled`);
    await new Promise((resolve) => setTimeout(resolve, 5_000));
  }
  const allSettled = Date.now();
  // When Temporal started each run (the report rows are written by the runs' first activity, later under load).
  const starts: number[] = [];
  for await (const run of client.workflow.list({ query: `WorkflowType = "journeyRun" AND JourneyId = "${journey.id}"` })) starts.push(run.startTime.getTime());
  const runs = await JourneyRunModel.countDocuments({ journeyId: journey.id });
  // The cap: what the ledger shows went out to each customer today, plus the SMS a tenth had already had, is at most max.
  const gone = await MessageModel.aggregate<{ _id: string; count: number }>([{ $match: { channel: 'sms', status: { $in: ['outbox', 'sent'] } } }, { $group: { _id: '$customerId', count: { $sum: 1 } } }]);
  const overCap = gone.filter((row) => row.count + (Number(row._id.slice(2)) % 10 === 0 ? 1 : 0) > CAP.max).map((row) => row._id);
  const ledger = await MessageModel.aggregate<{ _id: string; count: number }>([{ $match: { channel: 'sms' } }, { $group: { _id: '$status', count: { $sum: 1 } } }]);
  const result = {
    customers: CUSTOMERS,
    enrolment,
    enrolmentMs: Math.max(...starts) - Math.min(...starts),
    runsStarted: starts.length,
    firingToEnrolmentDoneMs: enrolled - fired,
    firingToAllSendsSettledMs: allSettled - fired,
    runs,
    ledger: Object.fromEntries(ledger.map((row) => [row._id, row.count])),
    cap: `${CAP.max} sms per ${CAP.per}`,
    customersOverCap: overCap.length,
  };
  const file = path.join('bench', 'results', `${new Date().toISOString().replace(/[:.]/g, '-')}-enrolment.json`);
  writeFileSync(file, `${JSON.stringify(result, null, 2)}\n`);
  console.log(JSON.stringify(result, null, 2));
  progress(`written to ${file}; logs in ${logDir}`);
  workers.shutdown();
  await running;
  await Promise.all([connection.close(), nativeConnection.close()]);
  await disconnectStore();
  if (overCap.length || runs !== CUSTOMERS) process.exitCode = 1;
} finally {
  await Promise.all([temporal.stop(), store.stop()]);
}
