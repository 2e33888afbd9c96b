/**
 * The side-by-side rounds: raw signal-with-start, `POST /v1/events` and `POST /v1/events:batch`,
 * alternating (the order rotates each round), each to fresh customers, each waited on until the
 * worker applied it; then one overload round of `POST /v1/events` with many clients.
 */
import { ratePerSecond, type Reached, waitReached } from './applied.js';
import { assertAlive, type BenchContext, prefixOf } from './context.js';
import { type Drain, waitForQuiet } from './drain.js';
import { closedLoop, countStatuses, type LoadResult, percentile } from './load.js';
import { progress } from './progress.js';
import { apiSender, batchSender, type BenchEvent, chunks, freshEvents, rawSender } from './targets.js';

export type Mode = 'raw' | 'api' | 'batch';
export const MODES: Mode[] = ['raw', 'api', 'batch'];

export interface SendFigures {
  requests: number;
  accepted: number;
  elapsedMs: number;
  acceptedPerS: number;
  p50Ms: number;
  p99Ms: number;
  http5xx: number;
  otherNon2xx: number;
  noAnswer: number;
  statuses: Record<string, number>;
  errors: string[];
}

export interface RoundResult {
  mode: Mode;
  label: string;
  round: number;
  events: number;
  clients: number;
  /** The batch route answered 404: nothing measured. */
  na?: true;
  /** The wait for a quiet worker before the round. */
  drain?: Drain;
  sent?: SendFigures;
  applied?: Reached & { perS: number };
  settled?: Reached & { perS: number };
}

export function sendFigures(load: LoadResult): SendFigures {
  return {
    requests: load.requests,
    accepted: load.accepted,
    elapsedMs: Math.round(load.elapsedMs),
    acceptedPerS: (load.accepted * 1000) / load.elapsedMs,
    p50Ms: percentile(load.latencies, 50),
    p99Ms: percentile(load.latencies, 99),
    http5xx: countStatuses(load.statuses, (s) => s >= 500),
    otherNon2xx: countStatuses(load.statuses, (s) => s < 200 || (s >= 300 && s < 500)),
    noAnswer: load.statuses.error ?? 0,
    statuses: load.statuses,
    errors: load.errors,
  };
}

/** Sends `events` by `mode` with `clients`, then waits until the worker applied them and their welcome runs settled. */
export async function runRound(ctx: BenchContext, mode: Mode, label: string, round: number, events: BenchEvent[], clients: number, prefix: string): Promise<RoundResult> {
  const result: RoundResult = { mode, label, round, events: events.length, clients };
  if (mode === 'batch' && !ctx.batchAvailable) return { ...result, na: true };
  assertAlive(ctx);
  result.drain = await waitForQuiet(ctx, label);
  const timeoutMs = ctx.opts.applyTimeoutS * 1000;
  const deadline = Date.now() + timeoutMs;
  const startedAt = Date.now();
  ctx.lastPrefix = prefix;
  const load = mode === 'raw'
    ? await closedLoop(events, clients, rawSender(ctx.client, ctx.opts.taskQueue), deadline)
    : mode === 'api'
      ? await closedLoop(events, clients, apiSender(ctx.api), deadline)
      : await closedLoop(chunks(events, ctx.opts.batchSize), clients, batchSender(ctx.api), deadline);
  const sent = sendFigures(load);
  result.sent = sent;
  const bad = sent.http5xx + sent.otherNon2xx + sent.noAnswer;
  progress(`  ${label}: ${sent.accepted}/${events.length} accepted in ${(sent.elapsedMs / 1000).toFixed(1)} s = ${sent.acceptedPerS.toFixed(1)}/s` +
    `, p50 ${sent.p50Ms.toFixed(0)} ms, p99 ${sent.p99Ms.toFixed(0)} ms${bad ? `, failed requests ${JSON.stringify(sent.statuses)}` : ''}`);
  for (const error of sent.errors) progress(`    e.g. ${error}`);
  if (sent.accepted === 0) return result; // nothing to wait for: the applied figures stay n/a
  // Events that were not accepted may still have been delivered; wait for what was accepted at least.
  const expected = sent.accepted;
  const applied = await waitReached(ctx.client, ctx.countMode, 'applied', prefix, expected, startedAt, timeoutMs,
    (n) => progress(`    applied ${n}/${expected}…`));
  result.applied = { ...applied, perS: ratePerSecond(applied) };
  const settled = await waitReached(ctx.client, ctx.countMode, 'welcome-settled', prefix, expected, startedAt, timeoutMs,
    (n) => progress(`    welcome runs past the email ${n}/${expected}…`));
  result.settled = { ...settled, perS: ratePerSecond(settled) };
  progress(`  ${label}: applied ${applied.reached}/${expected}${applied.allMs ? ` in ${(applied.allMs / 1000).toFixed(1)} s = ${result.applied.perS.toFixed(1)}/s` : ' (timed out)'}` +
    `; welcome runs past the email ${settled.reached}/${expected}${settled.allMs ? ` after ${(settled.allMs / 1000).toFixed(1)} s` : ' (timed out)'}`);
  return result;
}

/** `rounds` × (raw, api, batch), rotating the order each round; each result is pushed into `results` as it comes. */
export async function runRounds(ctx: BenchContext, results: RoundResult[]): Promise<RoundResult[]> {
  const { rounds, events, clients } = ctx.opts;
  for (let round = 1; round <= rounds; round++) {
    const order = MODES.map((_, i) => MODES[(i + round - 1) % MODES.length]!);
    for (const mode of order) {
      const prefix = prefixOf(ctx, `r${round}-${mode}`);
      const label = mode === 'batch' ? `round ${round} batch (${ctx.opts.batchSize}/request)` : `round ${round} ${mode}`;
      progress(`${label}: ${events} fresh customers, ${clients} clients`);
      results.push(await runRound(ctx, mode, label, round, freshEvents(prefix, events), clients, prefix));
    }
  }
  return results;
}

/** One round of `POST /v1/events` with `--burst-clients` clients: how many 5xx does overload bring. */
export async function runOverload(ctx: BenchContext): Promise<RoundResult> {
  const { events, burstClients } = ctx.opts;
  const prefix = prefixOf(ctx, 'overload');
  const label = `api with ${burstClients} clients`;
  progress(`${label}: ${events} fresh customers`);
  return runRound(ctx, 'api', label, 0, freshEvents(prefix, events), burstClients, prefix);
}
