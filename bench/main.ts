/**
 * `npm run bench`: the event path measured side by side with the raw engine, in one run, against
 * the HTTP API and Temporal only. See README "Benchmark" for the options and what each figure means.
 */
import { Client, Connection } from '@temporalio/client';
import os from 'node:os';
import path from 'node:path';
import { countMode } from './applied.js';
import { parseBenchArgs } from './args.js';
import type { BenchContext } from './context.js';
import { runEmailPhase } from './email.js';
import { measureHistory } from './history.js';
import { runLive } from './live.js';
import { progress } from './progress.js';
import { type BenchReport, printReport, summarize, writeReport } from './report.js';
import { runOverload, runRounds } from './rounds.js';
import { workerRss } from './rss.js';
import { attachStack, type BenchStack, startStack } from './stack.js';
import { warmUp } from './warmup.js';

const opts = parseBenchArgs(process.argv.slice(2));
const now = new Date();
const stamp = now.toISOString().replace(/[:.]/g, '-');
const runId = `bench-${now.toISOString().replace(/\D/g, '').slice(2, 14)}`;
const report: BenchReport = {
  startedAt: now.toISOString(),
  machine: { cpus: os.cpus().length, node: process.version, platform: `${os.platform()} ${os.release()}` },
  options: { ...opts, attach: opts.attach ? { ...opts.attach, key: '(hidden)' } : undefined, runId },
  rounds: [],
  email: [],
};

let stack: BenchStack | undefined;
let connection: Connection | undefined;
let stopping = false;
async function stopAll(code: number): Promise<never> {
  if (!stopping) {
    stopping = true;
    await connection?.close().catch(() => {});
    if (stack && !opts.attach) progress('stopping the stack');
    await stack?.stop();
  }
  process.exit(code);
}
for (const signal of ['SIGINT', 'SIGTERM'] as const) {
  process.on(signal, () => {
    progress(`${signal}: stopping`);
    if (!stopping && report.rounds.length > 0) {
      report.failure = `interrupted (${signal})`;
      try {
        finish();
      } catch {
        // the partial report is a courtesy; stopping is what matters
      }
    }
    void stopAll(130);
  });
}

function finish(): void {
  report.finishedAt = new Date().toISOString();
  report.summary = summarize(report);
  printReport(report);
  const file = writeReport(report, path.resolve(opts.out), stamp);
  console.log(`\nJSON: ${path.relative(process.cwd(), file)}${stack?.logDir ? `\nServer logs: ${path.relative(process.cwd(), stack.logDir)}` : ''}`);
}

try {
  stack = opts.attach ? attachStack(opts.attach) : await startStack(opts, path.resolve(opts.out, `${stamp}-logs`));
  progress(`stack: API ${stack.apiUrl}, Temporal ${stack.temporalAddress}, mail sink ${stack.mailUrl}, worker pid ${stack.workerPid ?? 'unknown'}`);
  connection = await Connection.connect({ address: stack.temporalAddress });
  const client = new Client({ connection, namespace: opts.namespace });
  const ctx: BenchContext = { opts, stack, client, api: { url: stack.apiUrl, key: stack.apiKey }, countMode: await countMode(client), runId, batchAvailable: false };
  progress(`run ${runId}: ${opts.rounds} rounds × ${opts.events} events, ${opts.clients} clients; applied counted by visibility (${ctx.countMode})`);
  ctx.batchAvailable = await warmUp(ctx);

  await runRounds(ctx, report.rounds);
  report.overload = await runOverload(ctx);
  report.rssAfterRounds = workerRss(stack.workerPid);
  progress(`worker RSS after the rounds: ${report.rssAfterRounds?.mib.toFixed(0) ?? 'unknown (no worker pid)'} MiB`);

  if (opts.emailCustomers > 0) {
    report.email.push(await runEmailPhase(ctx, 'at-rest', 0));
    const best = Math.max(0, ...[...report.rounds, report.overload].filter((r) => r.mode === 'api' && r.sent).map((r) => r.sent!.acceptedPerS));
    if (best > 0) report.email.push(await runEmailPhase(ctx, 'under-load', best / 2));
    else progress('email under-load: skipped, no POST /v1/events rate was measured');
  }
  const sampleIds = Array.from({ length: Math.min(opts.historySample, opts.events) }, (_, i) => `${runId}-r1-api-${i}`);
  report.history = await measureHistory(ctx, sampleIds);
  if (opts.live > 0) report.live = await runLive(ctx);
  report.rssAtEnd = workerRss(stack.workerPid);
  finish();
  await stopAll(0);
} catch (error) {
  report.failure = String((error as Error)?.stack ?? error);
  console.error(`bench: ${(error as Error)?.message ?? error}`);
  if (report.rounds.length > 0) finish();
  await stopAll(1);
}
