/** The figures that matter, as a table on stdout and as JSON in `bench/results/<timestamp>.json`. */
import { mkdirSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import type { EmailResult } from './email.js';
import type { HistoryResult } from './history.js';
import type { LiveResult } from './live.js';
import { MODES, type Mode, type RoundResult } from './rounds.js';
import type { Rss } from './rss.js';
import type { Reached } from './applied.js';

export interface BenchReport {
  startedAt: string;
  finishedAt?: string;
  machine: { cpus: number; node: string; platform: string };
  options: Record<string, unknown>;
  rounds: RoundResult[];
  overload?: RoundResult;
  email: EmailResult[];
  rssAfterRounds?: Rss;
  rssAtEnd?: Rss;
  history?: HistoryResult;
  live?: LiveResult;
  summary?: Record<string, number | string | null>;
  failure?: string;
}

const median = (values: number[]): number => {
  const sorted = values.filter(Number.isFinite).sort((a, b) => a - b);
  if (sorted.length === 0) return NaN;
  const mid = Math.floor(sorted.length / 2);
  return sorted.length % 2 ? sorted[mid]! : (sorted[mid - 1]! + sorted[mid]!) / 2;
};
export const fmt = (n: number | undefined, digits = 0): string => (n === undefined || !Number.isFinite(n) ? 'n/a' : n.toFixed(digits));
/** Seconds to reach a milestone, or what was reached when the wait gave up. */
const seconds = (r: Reached | undefined) => (!r ? 'n/a' : r.allMs !== undefined ? (r.allMs / 1000).toFixed(1) : `${r.reached}/${r.expected} by ${(r.elapsedMs / 1000).toFixed(0)}`);

/** A plain-text table; `left` are the columns aligned left (the others right). */
export function table(header: string[], rows: string[][], left: number[]): string {
  const widths = header.map((h, i) => Math.max(h.length, ...rows.map((r) => r[i]!.length)));
  const line = (cells: string[]) => cells.map((c, i) => (left.includes(i) ? c.padEnd(widths[i]!) : c.padStart(widths[i]!))).join('  ').trimEnd();
  return [line(header), widths.map((w) => '-'.repeat(w)).join('  '), ...rows.map(line)].join('\n');
}

function roundRow(r: RoundResult): string[] {
  const path = r.mode === 'raw' ? 'raw signal-with-start' : r.mode === 'api' ? 'POST /v1/events' : 'POST /v1/events:batch';
  const round = r.round ? String(r.round) : '-';
  if (r.na || !r.sent) return [round, path, String(r.clients), `n/a`, ...Array<string>(9).fill('n/a')];
  const s = r.sent;
  return [round, path, String(r.clients), `${s.accepted}/${r.events}`, fmt(s.acceptedPerS, 1), fmt(s.p50Ms), fmt(s.p99Ms), String(s.http5xx), String(s.otherNon2xx), String(s.noAnswer),
    fmt(r.applied?.perS, 1), seconds(r.applied), seconds(r.settled)];
}

/** The headline figures and their ratios to the raw engine. */
export function summarize(report: BenchReport): Record<string, number | string | null> {
  const of = (mode: Mode) => report.rounds.filter((r) => r.mode === mode && r.sent);
  const raw = median(of('raw').map((r) => r.sent!.acceptedPerS));
  const api = median(of('api').map((r) => r.sent!.acceptedPerS));
  const batch = median(of('batch').map((r) => r.sent!.acceptedPerS));
  const applied = median(report.rounds.filter((r) => r.applied).map((r) => r.applied!.perS));
  const [rest, loaded] = [report.email.find((e) => e.label === 'at-rest'), report.email.find((e) => e.label === 'under-load')];
  const num = (n: number | undefined) => (n === undefined || !Number.isFinite(n) ? null : Number(n.toPrecision(4)));
  return {
    rawAcceptedPerS: num(raw),
    apiAcceptedPerS: num(api),
    apiP50Ms: num(median(of('api').map((r) => r.sent!.p50Ms))),
    apiP99Ms: num(median(of('api').map((r) => r.sent!.p99Ms))),
    batchEventsPerS: of('batch').length ? num(batch) : 'n/a',
    batchP99RequestMs: of('batch').length ? num(median(of('batch').map((r) => r.sent!.p99Ms))) : 'n/a',
    appliedPerS: num(applied),
    apiOverRaw: num(api / raw),
    batchOverRaw: of('batch').length ? num(batch / raw) : 'n/a',
    appliedOverRaw: num(applied / raw),
    http5xxInRounds: report.rounds.reduce((n, r) => n + (r.sent?.http5xx ?? 0), 0),
    http5xxAtOverload: report.overload?.sent?.http5xx ?? null,
    overloadClients: report.overload?.clients ?? null,
    emailP50AtRestMs: num(rest?.p50Ms),
    emailP99AtRestMs: num(rest?.p99Ms),
    emailP99UnderLoadMs: num(loaded?.p99Ms),
    emailBackgroundPerS: num(loaded?.background?.targetPerS),
    workerRssAfterRoundsMiB: num(report.rssAfterRounds?.mib),
    workerRssAtEndMiB: num(report.rssAtEnd?.mib),
    liveLifecycles: report.live?.applied ?? null,
    workerRssWithLiveMiB: num(report.live?.rssAfter?.mib),
    historyPerEventSample: num(report.history?.sample.perEventMean),
    historyPerEventBurst: num(report.history?.burst?.perEvent),
  };
}

export function printReport(report: BenchReport): void {
  const header = ['round', 'path', 'clients', 'accepted', 'accepted/s', 'p50 ms', 'p99 ms', '5xx', 'other non-2xx', 'no answer', 'applied/s', 'all applied s', 'welcome settled s'];
  const rows = MODES.flatMap((mode) => report.rounds.filter((r) => r.mode === mode)).map(roundRow);
  if (report.overload) rows.push(roundRow(report.overload));
  console.log(`\n${table(header, rows, [1])}`);
  console.log('(batch: accepted/s counts events, p50/p99 are per request of up to', report.options.batchSize, 'events; applied/s = events ÷ time from the first send until all were in stage new)');
  const s = report.summary ?? summarize(report);
  const v = (key: string, digits = 0) => (typeof s[key] === 'number' ? fmt(s[key] as number, digits) : String(s[key] ?? 'n/a'));
  const email = (label: string) => report.email.find((e) => e.label === label);
  const rows2: string[][] = [
    ['raw signal-with-start, accepted/s (median of rounds)', v('rawAcceptedPerS', 1), '1.00'],
    ['POST /v1/events, accepted/s', v('apiAcceptedPerS', 1), v('apiOverRaw', 3)],
    ['POST /v1/events p50 / p99 (median of rounds), ms', `${v('apiP50Ms')} / ${v('apiP99Ms')}`, ''],
    ['POST /v1/events:batch, events/s', v('batchEventsPerS', 1), v('batchOverRaw', 3)],
    ['POST /v1/events:batch p99 per request, ms', v('batchP99RequestMs'), ''],
    ['applied by the worker, events/s', v('appliedPerS', 1), v('appliedOverRaw', 3)],
    [`HTTP 5xx with ${v('overloadClients')} clients (and in the rounds)`, `${v('http5xxAtOverload')} (${v('http5xxInRounds')})`, ''],
    ['event → email p50 / p99 at rest, ms', `${v('emailP50AtRestMs')} / ${v('emailP99AtRestMs')}`, `${email('at-rest')?.arrived ?? 'n/a'}/${email('at-rest')?.customers ?? 'n/a'} arrived`],
    [`event → email p99 under ${v('emailBackgroundPerS')} events/s, ms`, v('emailP99UnderLoadMs'), `${email('under-load')?.arrived ?? 'n/a'}/${email('under-load')?.customers ?? 'n/a'} arrived`],
    ['worker RSS after the rounds / at the end, MiB', `${v('workerRssAfterRoundsMiB')} / ${v('workerRssAtEndMiB')}`, ''],
    [`worker RSS with ${v('liveLifecycles')} live lifecycles, MiB`, v('workerRssWithLiveMiB'), report.live?.mibPer1000 !== undefined ? `${fmt(report.live.mibPer1000, 1)} MiB per 1,000` : ''],
    ['history events per customer event (1-event lifecycles)', v('historyPerEventSample', 1), ''],
    [`history events per event, burst of ${report.history?.burst?.events ?? 'n/a'} to one customer`, v('historyPerEventBurst', 1), report.history?.burst ? `${report.history.burst.runs} run(s), ${fmt(report.history.burst.appliedPerS, 1)} applied/s` : ''],
  ];
  console.log(`\n${table(['figure', 'value', 'ratio to raw / note'], rows2, [0, 2])}`);
}

/** Writes the report as `<dir>/<timestamp>.json` and returns the file. */
export function writeReport(report: object, dir: string, stamp: string): string {
  mkdirSync(dir, { recursive: true });
  const file = path.join(dir, `${stamp}.json`);
  writeFileSync(file, `${JSON.stringify(report, null, 2)}\n`);
  return file;
}
