/**
 * How each store call on the event path costs as the store grows. Not part of `npm test`:
 *
 *   npx tsx bench/store-growth.ts [--sizes 1000,10000,100000] [--calls 50]
 *
 * Starts its own FerretDB in a temp folder (`TIDEWAY_FERRETDB_BIN` picks another build), fills it to
 * each size: that many customers, identities, events, journey runs, messages, tasks, approvals and send
 * budgets, written as the code writes them (keyed by `_id` where the model's `_id` is the key), then
 * times each call: the median of `--calls` calls, or of the calls made in ~4 s when one call is slow.
 * On FerretDB's SQLite backend only a filter of exactly `{ _id: <string or ObjectId> }` is answered by
 * SQL; any other filter reads the whole collection, so those rows grow with the size.
 *
 * Calls of our own functions are timed through them; calls inside the intake and the lifecycle (being
 * rewritten) are repeated here as their files make them, named by file.
 */
import { randomBytes } from 'node:crypto';
import type { Schema } from 'mongoose';
import { createApproval } from '../activities/approvals.js';
import { customerSnapshot } from '../activities/customers.js';
import { recordRun, recordStep } from '../activities/journey-runs.js';
import { claimSend, clearProviderAttempt, noteProviderAttempt, recordSend, recordSendFailure } from '../activities/send-ledger.js';
import { createTaskActivities } from '../activities/tasks.js';
import { NO_SEND_LIMITS, type SendPolicy } from '../domain/send-policy.js';
import { STAGES } from '../domain/stages.js';
import { startFerretDb } from '../stack/ferretdb-server.js';
import { connectStore, disconnectStore } from '../store/connection.js';
import { changeStage } from '../store/customers.js';
import { customerForIdentity, survivorOf } from '../store/identities.js';
import { insertOnce } from '../store/insert-once.js';
import { applyStatusReport } from '../store/message-status.js';
import { ApprovalModel } from '../store/models/approval.js';
import { CustomerModel } from '../store/models/customer.js';
import { EventModel } from '../store/models/event.js';
import { IdentityModel } from '../store/models/identity.js';
import { JourneyRunModel } from '../store/models/journey-run.js';
import { MessageModel } from '../store/models/message.js';
import { SendBudgetModel } from '../store/models/send-budget.js';
import { TaskModel } from '../store/models/task.js';
import { reserveSendSlot } from '../store/send-budget.js';
import { activeStageRules } from '../store/stage-rules.js';
import { progress } from './progress.js';

const args = process.argv.slice(2);
const option = (name: string, fallback: string) => {
  const at = args.indexOf(`--${name}`);
  return at >= 0 && args[at + 1] ? args[at + 1]! : fallback;
};
const SIZES = option('sizes', '1000,10000,100000').split(',').map(Number).sort((a, b) => a - b);
const CALLS = Number(option('calls', '50'));
const BUDGET_MS = 4_000;
const BATCH = 5_000;
const JOURNEY = 'welcome';
const sid = (i: number) => `SM${i.toString(16).padStart(32, '0')}`;
const runId = (i: number) => `run-${i}`;

/** `{ _id: key }` when the model is keyed by its key (a String `_id`), else nothing: the driver makes an ObjectId. */
const keyed = (model: { schema: Schema }, key: string) => (model.schema.path('_id')?.instance === 'String' ? { _id: key } : {});

/** The rows of customer `i`, one per collection, shaped as the code stores them. */
function rowsOf(i: number, at: Date) {
  const customerId = `c-${i}`;
  const run = runId(i);
  const email = `${customerId}@bench.test`;
  const stage = STAGES[i % STAGES.length]!;
  return {
    customers: {
      _id: customerId, email, name: `Customer ${i}`, locale: 'en', tags: i % 10 === 0 ? ['vip'] : [],
      consent: { email: { status: 'opted_in', at, source: 'bench' } }, consentHistory: [],
      stage, stageChangedAt: at, stageHistory: [{ from: null, to: stage, reason: 'bench', source: 'bench', ruleVersion: 'stage-rules@1', at }],
      stageRuleVersion: 'stage-rules@1', orders: i % 4, totalValue: (i % 4) * 100, lastInteractionAt: at, createdAt: at, updatedAt: at,
    },
    identities: { _id: `email:${email}`, kind: 'email', value: email, customerId, claimedAt: at },
    events: {
      ...keyed(EventModel, `e-${i}`), eventId: `e-${i}`, customerId, type: 'customer.interacted', occurredAt: at, properties: {},
      receivedAt: at, dispatchedAt: at, appliedAt: at,
    },
    journey_runs: {
      ...keyed(JourneyRunModel, run), runId: run, workflowId: `journey-${JOURNEY}-${customerId}`, journeyId: JOURNEY, journeyVersion: 'v1', customerId,
      trigger: 'stage:new', status: i % 2 ? 'running' : 'finished', arms: {}, startedAt: at, ...(i % 2 ? {} : { finishedAt: at, outcome: 'completed', reason: 'all steps done' }),
      steps: [{ key: 'welcome-email', at }, { key: 'survey', at }],
    },
    messages: {
      ...keyed(MessageModel, `${run}:welcome-email`), sendKey: `${run}:welcome-email`, customerId, channel: 'email', template: 'welcome', journeyId: JOURNEY,
      workflowId: `journey-${JOURNEY}-${customerId}`, to: email, locale: 'en', status: 'sent', providerMessageId: sid(i), sentAt: at, createdAt: at, updatedAt: at,
    },
    tasks: {
      ...keyed(TaskModel, `${run}:survey`), taskKey: `${run}:survey`, customerId, journeyId: JOURNEY, workflowId: `journey-${JOURNEY}-${customerId}`, title: 'Fill in the survey',
      queue: 'customer', requestedQueue: 'customer', routedBy: null, priority: 'normal', status: i % 2 ? 'open' : 'completed', dueAt: at, createdAt: at, updatedAt: at,
    },
    approvals: {
      ...keyed(ApprovalModel, `${run}:approve`), approvalKey: `${run}:approve`, kind: 'journey-step', customerId, journeyId: JOURNEY,
      workflowId: `journey-${JOURNEY}-${customerId}`, reason: 'sensitive customer', status: i % 2 ? 'pending' : 'approved', createdAt: at, updatedAt: at,
    },
    send_budgets: { _id: `${customerId}:email`, sends: [], version: 1 },
  };
}

type Collection = keyof ReturnType<typeof rowsOf>;
/** A model as the fill uses it (mongoose's typings are too deep to name generically). */
interface Filled {
  schema: Schema;
  insertMany(docs: object[], options: { lean: true; ordered: false }): Promise<unknown>;
}
const MODELS: Record<Collection, Filled> = {
  customers: CustomerModel, identities: IdentityModel, events: EventModel, journey_runs: JourneyRunModel,
  messages: MessageModel, tasks: TaskModel, approvals: ApprovalModel, send_budgets: SendBudgetModel,
};

/** Fills every collection from `from` up to `to` rows, in big unordered batches. */
async function fill(from: number, to: number): Promise<void> {
  const at = new Date();
  for (let start = from; start < to; start += BATCH) {
    const rows = Array.from({ length: Math.min(BATCH, to - start) }, (_, k) => rowsOf(start + k, at));
    await Promise.all(
      (Object.keys(MODELS) as Collection[]).map((name) => MODELS[name].insertMany(rows.map((row) => row[name]), { lean: true, ordered: false })),
    );
    progress(`filled ${Math.min(start + BATCH, to)} of ${to}`);
  }
}

/** One kind of store call: `call(n, size)` makes the n-th call against a store of `size` customers. */
interface Case {
  name: string;
  /** Where the event path makes it. */
  where: string;
  call(n: number, size: number): Promise<unknown>;
}

/**
 * A customer spread over the store, different for each call: the n-th point of the golden-ratio
 * sequence, so even the first three calls fall far apart (the middle, near the start, near the end).
 * A query that stops at its first match reads the table up to that row, so where the rows are matters.
 */
const pick = (n: number, size: number) => Math.floor(((0.5 + n * 0.618_033_988_75) % 1) * size);
const fresh = () => randomBytes(6).toString('hex');
const marketing: SendPolicy = { ...NO_SEND_LIMITS, caps: { email: [{ max: 1_000_000, per: '1 day' }], sms: [] } } as SendPolicy;
const { createTask } = createTaskActivities({});
const ref = (i: number, stepKey: string) => ({ workflowId: `journey-${JOURNEY}-c-${i}`, runId: runId(i), journeyId: JOURNEY, journeyVersion: 'v1', customerId: `c-${i}`, stepKey });

/** Ids of some tasks and approvals as the API addresses them (their `_id`), read in one query each. */
const apiIds = { tasks: [] as string[], approvals: [] as string[] };
async function loadApiIds(size: number): Promise<void> {
  const sample = Array.from({ length: 64 }, (_, n) => runId(pick(n, size)));
  const tasks = await TaskModel.find({ taskKey: { $in: sample.map((run) => `${run}:survey`) } }, { taskKey: 1 }).lean();
  const approvals = await ApprovalModel.find({ approvalKey: { $in: sample.map((run) => `${run}:approve`) } }, { approvalKey: 1 }).lean();
  // In the order of the sample (a query returns them in the table's order).
  const order = (key: string) => sample.indexOf(key.slice(0, key.lastIndexOf(':')));
  apiIds.tasks = tasks.sort((a, b) => order(String(a.taskKey)) - order(String(b.taskKey))).map((row) => String(row._id));
  apiIds.approvals = approvals.sort((a, b) => order(String(a.approvalKey)) - order(String(b.approvalKey))).map((row) => String(row._id));
}

const CASES: Case[] = [
  // The intake (api/event-intake.ts at HEAD; the lead rewrites it).
  { name: 'event insert', where: 'api/event-intake.ts EventModel.create', call: () => { const id = `bench-${fresh()}`; return EventModel.create({ ...keyed(EventModel, id), eventId: id, customerId: 'c-1', type: 'customer.interacted', occurredAt: new Date(), receivedAt: new Date() }); } },
  { name: 'event by eventId (duplicate)', where: 'api/event-intake.ts findOne {eventId}', call: (n, size) => EventModel.findOne({ eventId: `e-${pick(n, size)}` }, { dispatchedAt: 1, customerId: 1 }).lean() },
  { name: 'event marked dispatched', where: 'api/event-intake.ts updateOne {eventId}', call: (n, size) => EventModel.updateOne({ eventId: `e-${pick(n, size)}` }, { $set: { dispatchedAt: new Date() } }) },
  { name: 'customer made sure of', where: 'api/event-intake.ts updateOne {_id} upsert', call: (n, size) => CustomerModel.updateOne({ _id: `c-${pick(n, size)}` }, { $setOnInsert: { _id: `c-${pick(n, size)}` } }, { upsert: true }) },
  { name: 'survivorOf', where: 'store/identities.ts findById', call: (n, size) => survivorOf(`c-${pick(n, size)}`) },
  { name: 'customerForIdentity', where: 'store/identities.ts findById', call: (n, size) => customerForIdentity({ kind: 'email', value: `c-${pick(n, size)}@bench.test` }) },
  // The lifecycle (activities/lifecycle.ts, activities/stage-entry.ts at HEAD; the lead rewrites them).
  { name: 'stored facts', where: 'activities/lifecycle.ts findOneAndUpdate {_id} upsert', call: (n, size) => CustomerModel.findOneAndUpdate({ _id: `c-${pick(n, size)}` }, { $setOnInsert: { _id: `c-${pick(n, size)}` } }, { upsert: true, returnDocument: 'after', lean: true }) },
  { name: 'activeStageRules', where: 'store/stage-rules.ts findOne {rolledBackAt}.sort (grows with versions only)', call: () => activeStageRules() },
  { name: 'facts mirrored', where: 'activities/lifecycle.ts updateOne {_id}', call: (n, size) => CustomerModel.updateOne({ _id: `c-${pick(n, size)}` }, { $set: { orders: 1, totalValue: 10, lastInteractionAt: new Date() } }) },
  { name: 'carried-over events', where: 'activities/lifecycle.ts find {eventId: $in}', call: (n, size) => EventModel.find({ eventId: { $in: [0, 1, 2].map((k) => `e-${pick(n + k, size)}`) } }).lean() },
  { name: 'urgent review opened', where: 'activities/lifecycle.ts insertOnce(tasks)', call: () => insertOnce(TaskModel, { taskKey: `review:bench-${fresh()}` }, { customerId: 'c-1', title: 'Urgent review', queue: 'urgent-review', status: 'open', dueAt: new Date() }) },
  { name: 'changeStage', where: 'store/customers.ts findById + updateOne {_id, stage}', call: (n, size) => changeStage({ customerId: `c-${pick(n, size)}`, stage: STAGES[n % STAGES.length]!, reason: 'bench', source: 'bench' }) },
  { name: 'stage change approved?', where: 'activities/stage-entry.ts exists {_id, kind, …}', call: (n) => ApprovalModel.exists({ _id: apiIds.approvals[n % apiIds.approvals.length], kind: 'stage-change', customerId: 'c-1', status: 'approved', 'stageChange.to': 'cold' }) },
  { name: 'stage change approval asked', where: 'activities/stage-entry.ts insertOnce(approvals)', call: () => insertOnce(ApprovalModel, { approvalKey: `stage:bench-${fresh()}` }, { kind: 'stage-change', customerId: 'c-1', reason: 'bench', status: 'pending' }) },
  { name: 'last finished run (re-entry)', where: 'temporal/journey-runner.ts findOne {journeyId, customerId, status}.sort', call: (n, size) => JourneyRunModel.findOne({ journeyId: JOURNEY, customerId: `c-${pick(n, size)}`, status: 'finished' }, { finishedAt: 1 }).sort({ finishedAt: -1 }).lean() },
  // A journey run's own rows (the files changed for O(1)).
  { name: 'recordRun (start)', where: 'activities/journey-runs.ts', call: (n) => recordRun({ ...ref(n, 'start'), runId: `bench-${fresh()}`, status: 'running', trigger: 'bench' }) },
  { name: 'recordRun (finish)', where: 'activities/journey-runs.ts', call: (n, size) => recordRun({ ...ref(pick(n, size), 'end'), status: 'finished', trigger: 'bench', outcome: 'completed', reason: 'bench', completedSteps: ['welcome-email', 'survey', `wait-${n}`] }) },
  { name: 'recordStep', where: 'activities/journey-runs.ts', call: (n, size) => recordStep(ref(pick(n, size), `step-${n}`)) },
  { name: 'createTask', where: 'activities/tasks.ts', call: (n, size) => createTask({ ...ref(pick(n, size), 'task'), taskKey: `bench-${fresh()}:task`, title: 'Call', queue: 'customer-success', slaMs: 3_600_000 }) },
  { name: 'createApproval', where: 'activities/approvals.ts', call: (n, size) => createApproval({ ...ref(pick(n, size), 'approve'), approvalKey: `bench-${fresh()}:approve`, reason: 'bench' }) },
  { name: 'customerSnapshot', where: 'activities/customers.ts findById', call: (n, size) => customerSnapshot({ customerId: `c-${pick(n, size)}` }) },
  // A send (activities/send-*.ts, store/send-budget.ts).
  { name: 'open urgent review? (send hold)', where: 'activities/review-hold.ts exists {customerId, status, $or}', call: (n, size) => TaskModel.exists({ customerId: `c-${pick(n, size)}`, status: 'open', $or: [{ requestedQueue: 'urgent-review' }, { queue: 'urgent-review' }] }) },
  { name: 'claimSend (first)', where: 'activities/send-ledger.ts', call: (n, size) => claimSend({ ...ref(pick(n, size), 'send'), sendKey: `bench-${fresh()}:send`, template: 'welcome' }, 'email') },
  { name: 'claimSend (retry)', where: 'activities/send-ledger.ts', call: (n, size) => claimSend({ ...ref(pick(n, size), 'welcome-email'), sendKey: `${runId(pick(n, size))}:welcome-email`, template: 'welcome' }, 'email') },
  { name: 'reserveSendSlot', where: 'store/send-budget.ts findById + updateOne {_id, version}', call: (n, size) => reserveSendSlot({ customerId: `c-${pick(n, size)}`, channel: 'email', sendKey: `bench-${fresh()}` }, marketing) },
  { name: 'send deferred (reason noted)', where: 'activities/send-gate.ts updateOne {sendKey}', call: (n, size) => MessageModel.updateOne({ sendKey: `${runId(pick(n, size))}:welcome-email` }, { $set: { reason: 'waiting' } }) },
  { name: 'noteProviderAttempt', where: 'activities/send-ledger.ts', call: (n, size) => noteProviderAttempt(`${runId(pick(n, size))}:welcome-email`) },
  { name: 'clearProviderAttempt', where: 'activities/send-ledger.ts', call: (n, size) => clearProviderAttempt(`${runId(pick(n, size))}:welcome-email`) },
  { name: 'recordSend (sent)', where: 'activities/send-ledger.ts', call: (n, size) => recordSend(`${runId(pick(n, size))}:welcome-email`, { status: 'sent', to: 'x@bench.test', providerMessageId: sid(pick(n, size)) }, { channel: 'email' }) },
  { name: 'recordSendFailure', where: 'activities/send-ledger.ts', call: (n, size) => recordSendFailure(`${runId(pick(n, size))}:welcome-email`, { to: 'x@bench.test', reason: 'bench' }, { channel: 'email', reason: 'provider_refused' }) },
  { name: 'status report (SID + sendKey)', where: 'store/message-status.ts (Twilio webhook)', call: (n, size) => applyStatusReport(sid(pick(n, size)), { status: 'delivered' }, new Date(), `${runId(pick(n, size))}:welcome-email`) },
  { name: 'status report (SID only)', where: 'store/message-status.ts (Twilio webhook)', call: (n, size) => applyStatusReport(sid(pick(n, size)), { status: 'delivered' }) },
  // People answering (api/routes/tasks.ts, api/routes/approvals.ts).
  { name: 'task by id', where: 'api/routes/tasks.ts findById', call: (n) => TaskModel.findById(apiIds.tasks[n % apiIds.tasks.length]).lean() },
  { name: 'task completed once', where: 'api/routes/tasks.ts findOneAndUpdate {_id, status}', call: (n) => TaskModel.findOneAndUpdate({ _id: apiIds.tasks[n % apiIds.tasks.length], status: 'open' }, { $set: { note: 'bench' } }, { lean: true }) },
  { name: 'approval decided once', where: 'api/routes/approvals.ts findOneAndUpdate {_id, status}', call: (n) => ApprovalModel.findOneAndUpdate({ _id: apiIds.approvals[n % apiIds.approvals.length], status: 'pending' }, { $set: { decidedAt: new Date() } }, { lean: true }) },
];

/** Median ms of up to CALLS calls, stopping early once BUDGET_MS is spent (at least 3 calls). */
async function time(kind: Case, size: number): Promise<{ ms: number; calls: number }> {
  const took: number[] = [];
  const started = performance.now();
  for (let n = 0; n < CALLS && (n < 3 || performance.now() - started < BUDGET_MS); n++) {
    const t0 = performance.now();
    await kind.call(n, size);
    took.push(performance.now() - t0);
  }
  took.sort((a, b) => a - b);
  return { ms: took[Math.floor(took.length / 2)]!, calls: took.length };
}

function printTable(results: Map<string, { ms: number; calls: number }[]>): void {
  const head = ['call', ...SIZES.map((s) => `${s.toLocaleString('en')}`), 'x', 'where'];
  const rows = CASES.map((kind) => {
    const cells = results.get(kind.name)!;
    const growth = cells.at(-1)!.ms / Math.max(cells[0]!.ms, 0.05);
    // A few ms either way is the machine, not the store.
    const grows = growth > 3 && cells.at(-1)!.ms - cells[0]!.ms > 20;
    return [kind.name, ...cells.map((c) => `${c.ms.toFixed(c.ms < 10 ? 2 : 0)}${c.calls < CALLS ? ` (${c.calls})` : ''}`), `${growth.toFixed(growth < 10 ? 1 : 0)}${grows ? ' GROWS' : ''}`, kind.where];
  });
  const widths = head.map((h, k) => Math.max(h.length, ...rows.map((r) => r[k]!.length)));
  const line = (cells: string[]) => `| ${cells.map((c, k) => (k > 0 && k <= SIZES.length + 1 ? c.padStart(widths[k]!) : c.padEnd(widths[k]!))).join(' | ')} |`;
  console.log(`\nMedian ms per call, by customers (and events, runs, messages, tasks, approvals) in the store; (n) = calls in the time budget; x = largest / smallest size, GROWS when over 3 and 20 ms.\n`);
  console.log(line(head));
  console.log(`|${widths.map((w) => '-'.repeat(w + 2)).join('|')}|`);
  for (const row of rows) console.log(line(row));
}

const store = await startFerretDb();
progress(`FerretDB ${store.mongodbUri} (${store.dataDir})`);
try {
  await connectStore(store.mongodbUri);
  const results = new Map<string, { ms: number; calls: number }[]>(CASES.map((kind) => [kind.name, []]));
  let filled = 0;
  for (const size of SIZES) {
    await fill(filled, size);
    filled = size;
    await loadApiIds(size);
    for (const kind of CASES) {
      const result = await time(kind, size);
      results.get(kind.name)!.push(result);
      progress(`${size}: ${kind.name} ${result.ms.toFixed(2)} ms (${result.calls} calls)`);
    }
  }
  printTable(results);
} finally {
  await disconnectStore();
  await store.stop();
}
