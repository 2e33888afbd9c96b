/** The scale-out figures: a table per worker and one of the whole, on stdout; the JSON goes next to the bench's. */
import type { Delivery } from './delivery.js';
import { percentile } from './load.js';
import { fmt, table } from './report.js';
import type { BurstResult } from './scale-out-burst.js';
import type { SendRate } from './send-rate.js';
import type { WorkerShare } from './worker-spread.js';

export interface ScaleOutReport {
  startedAt: string;
  finishedAt?: string;
  machine: { cpus: number; node: string; platform: string };
  options: Record<string, unknown>;
  setup?: { customers: number; failures: number; ms: number };
  burst?: Omit<BurstResult, 'load' | 'acceptedIds'> & { accepted: number; sent: number; p50Ms: number; p99Ms: number; statuses: Record<string, number>; errors: string[] };
  workers?: ({ name: string; identity: string; killed: boolean } & WorkerShare)[];
  /** Identities in the histories that are none of the bench's workers (should be none). */
  otherIdentities?: Record<string, WorkerShare>;
  historiesUnread?: number;
  rates?: { limitPerS: number; sink: SendRate; providerCalls: SendRate; dispatch: SendRate };
  delivery?: Delivery;
  failure?: string;
}

const rate = (r: SendRate | undefined) => (r ? `peak ${r.peakPerS}/s in 1 s, ${fmt(r.peakWindow.perS, 1)}/s over ${r.peakWindow.windowS} s; mean ${fmt(r.meanPerS, 1)}/s, median busy second ${r.medianBusyPerS}/s` : 'n/a');

export function printScaleOut(report: ScaleOutReport): void {
  const { burst, delivery, rates } = report;
  if (report.workers) {
    const header = ['worker', 'identity', 'workflow tasks', 'activities', 'sendEmail', 'retried attempts', ''];
    const rows = report.workers.map((w) => [w.name, w.identity, String(w.workflowTasks), String(w.activities), String(w.sendEmails), String(w.retriedActivities), w.killed ? 'kill -9' : '']);
    for (const [identity, w] of Object.entries(report.otherIdentities ?? {})) rows.push(['(other)', identity, String(w.workflowTasks), String(w.activities), String(w.sendEmails), String(w.retriedActivities), '']);
    console.log(`\n${table(header, rows, [0, 1, 6])}`);
    console.log('(from the histories: the identity that completed each workflow task and ran the last attempt of each activity)');
  }
  const secs = (ms: number | undefined) => (ms === undefined ? 'n/a' : `${(ms / 1000).toFixed(1)} s`);
  const rows: string[][] = [
    ['events accepted (POST /v1/events)', burst ? `${burst.accepted}/${burst.sent}, ${fmt(burst.acceptedPerS, 1)}/s, p50 ${fmt(burst.p50Ms)} ms, p99 ${fmt(burst.p99Ms)} ms` : 'n/a'],
    ['answers', burst ? Object.entries(burst.statuses).map(([status, n]) => `${n}× ${status}`).join(', ') : 'n/a'],
    ['email limit (TIDEWAY_EMAIL_PER_SECOND)', rates ? `${rates.limitPerS}/s` : 'n/a'],
    ['emails at the sink (Date header, whole s)', rate(rates?.sink)],
    ['SMTP calls (ledger attemptedAt, ms)', rate(rates?.providerCalls)],
    ['sendEmail started (history, ms)', rate(rates?.dispatch)],
    ['kill -9', burst?.killed ? `${burst.killed.worker} at ${secs(burst.killed.atMs)}, ${burst.killed.emailsInSink} emails in the sink` : 'none'],
    ['received exactly once', delivery ? `${delivery.receivedOnce}/${delivery.expected}` : 'n/a'],
    ['duplicates (same message twice)', delivery ? String(delivery.duplicates.length) : 'n/a'],
    ['lost', delivery ? `${delivery.lost.length}${delivery.lost.length ? ` (ledger: ${[...new Set(delivery.lost.map((l) => l.ledger))].join(', ')})` : ''}` : 'n/a'],
    ['cut short by the kill, not re-sent', delivery ? `${delivery.cutShort.length} (ledger "unconfirmed"; ${delivery.unconfirmedButReceived} more unconfirmed but received)` : 'n/a'],
    ['all settled after the first event', secs(burst?.settledMs)],
    ['drain after the kill', secs(burst?.drainAfterKillMs)],
  ];
  console.log(`\n${table(['figure', 'value'], rows, [0, 1])}`);
  console.log(`(${report.machine.cpus} cores shared by the Temporal server, FerretDB, maildev, the API and ${report.options.workers} workers: CPU-bound, so the figures are of this machine)`);
}

/** The burst's load figures, for the report. */
export function burstFigures(burst: BurstResult): NonNullable<ScaleOutReport['burst']> {
  const { load, acceptedIds, ...rest } = burst;
  return { ...rest, accepted: acceptedIds.length, sent: load.requests, p50Ms: percentile(load.latencies, 50), p99Ms: percentile(load.latencies, 99), statuses: load.statuses, errors: load.errors };
}
