/**
 * `--live N`: N live lifecycles (raw signal-with-start of `customer.registered`, the fastest way to
 * make them; each also starts its welcome run), then the worker's RSS with them all in flight.
 */
import { ratePerSecond, waitReached } from './applied.js';
import { assertAlive, type BenchContext, prefixOf } from './context.js';
import { waitForQuiet } from './drain.js';
import { closedLoop } from './load.js';
import { progress } from './progress.js';
import { sendFigures, type SendFigures } from './rounds.js';
import { workerRss, type Rss } from './rss.js';
import { freshEvents, rawSender } from './targets.js';

export interface LiveResult {
  lifecycles: number;
  sent: SendFigures;
  applied: number;
  appliedPerS: number;
  timedOut: boolean;
  rssBefore?: Rss;
  rssAfter?: Rss;
  /** Extra MiB per 1,000 live lifecycles. */
  mibPer1000?: number;
}

export async function runLive(ctx: BenchContext): Promise<LiveResult> {
  assertAlive(ctx);
  const n = ctx.opts.live;
  const prefix = prefixOf(ctx, 'live');
  await waitForQuiet(ctx, 'the live phase');
  const rssBefore = workerRss(ctx.stack.workerPid);
  progress(`live: ${n} lifecycles by raw signal-with-start, ${ctx.opts.clients} clients`);
  const timeoutMs = Math.max(ctx.opts.applyTimeoutS * 1000, n * 100);
  const started = Date.now();
  ctx.lastPrefix = prefix;
  const load = await closedLoop(freshEvents(prefix, n), ctx.opts.clients, rawSender(ctx.client, ctx.opts.taskQueue), started + timeoutMs);
  const sent = sendFigures(load);
  progress(`  live: ${sent.accepted}/${n} started in ${(sent.elapsedMs / 1000).toFixed(0)} s; waiting until applied (at most ${(timeoutMs / 1000).toFixed(0)} s)`);
  const applied = await waitReached(ctx.client, ctx.countMode, 'applied', prefix, Math.max(1, sent.accepted), started, timeoutMs,
    (reached) => progress(`    live: applied ${reached}/${sent.accepted}…`));
  const rssAfter = workerRss(ctx.stack.workerPid);
  const result: LiveResult = {
    lifecycles: n, sent, applied: applied.reached, appliedPerS: ratePerSecond(applied), timedOut: applied.timedOut, rssBefore, rssAfter,
    mibPer1000: rssBefore && rssAfter && applied.reached > 0 ? ((rssAfter.mib - rssBefore.mib) * 1000) / applied.reached : undefined,
  };
  progress(`  live: ${applied.reached} applied; worker RSS ${rssBefore?.mib.toFixed(0) ?? '?'} → ${rssAfter?.mib.toFixed(0) ?? '?'} MiB`);
  return result;
}
