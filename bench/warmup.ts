/**
 * Before measuring: a few events by each path (connections opened, the worker's workflow bundle
 * loaded and its caches warm), and whether `POST /v1/events:batch` exists (404: not yet).
 */
import { waitReached } from './applied.js';
import { type BenchContext, prefixOf } from './context.js';
import { closedLoop } from './load.js';
import { progress } from './progress.js';
import { apiSender, BATCH_ROUTE, batchSender, freshEvents, rawSender } from './targets.js';

const WARMUP_EVENTS = 10;

/** Warms every path up and returns whether the batch route exists. */
export async function warmUp(ctx: BenchContext): Promise<boolean> {
  progress(`warm-up: ${WARMUP_EVENTS} events by each path`);
  const raw = prefixOf(ctx, 'warmup-raw');
  const api = prefixOf(ctx, 'warmup-api');
  const batch = prefixOf(ctx, 'warmup-batch');
  const started = Date.now();
  const rawLoad = await closedLoop(freshEvents(raw, WARMUP_EVENTS), 4, rawSender(ctx.client, ctx.opts.taskQueue));
  const apiLoad = await closedLoop(freshEvents(api, WARMUP_EVENTS), 4, apiSender(ctx.api));
  const probe = await batchSender(ctx.api)(freshEvents(batch, WARMUP_EVENTS));
  const batchAvailable = probe.status !== 404;
  progress(`  raw ${rawLoad.accepted}/${WARMUP_EVENTS}, api ${apiLoad.accepted}/${WARMUP_EVENTS} (${JSON.stringify(apiLoad.statuses)}), ` +
    `${BATCH_ROUTE}: ${batchAvailable ? `HTTP ${probe.status}, ${probe.accepted}/${WARMUP_EVENTS} accepted` : '404, not there yet: n/a'}`);
  for (const error of [...rawLoad.errors, ...apiLoad.errors, ...(probe.error && batchAvailable ? [probe.error] : [])]) progress(`    e.g. ${error}`);
  const timeoutMs = ctx.opts.applyTimeoutS * 1000;
  for (const [prefix, n] of [[raw, rawLoad.accepted], [api, apiLoad.accepted], [batch, batchAvailable ? probe.accepted : 0]] as const) {
    if (n === 0) continue;
    const applied = await waitReached(ctx.client, ctx.countMode, 'welcome-settled', prefix, n, started, timeoutMs);
    if (applied.timedOut) progress(`  warm-up ${prefix}: only ${applied.reached}/${n} welcome runs past the email after ${ctx.opts.applyTimeoutS} s`);
  }
  progress(`  warm-up done in ${((Date.now() - started) / 1000).toFixed(1)} s`);
  return batchAvailable;
}
