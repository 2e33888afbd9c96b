/**
 * History events per customer event: the history length of a lifecycle (summed over its runs, so
 * continue-as-new is counted) divided by the events sent to it (accepted). For a sample of the rounds'
 * customers (one event each) and for one customer that receives a burst through `POST /v1/events`.
 */
import type { Client } from '@temporalio/client';
import { assertAlive, type BenchContext, prefixOf } from './context.js';
import { waitForQuiet } from './drain.js';
import { closedLoop } from './load.js';
import { pause, progress } from './progress.js';
import { apiSender, registered, type BenchEvent } from './targets.js';

export interface HistoryResult {
  /** Lifecycles sampled from the rounds: one event each. */
  sample: { customers: number; perEventMean: number; perEventMin: number; perEventMax: number };
  burst?: {
    events: number; accepted: number; statuses: Record<string, number>; applied: number; runs: number; historyEvents: number; perEvent: number; applyMs?: number; appliedPerS: number;
  };
}

/** Sum of `historyLength` over every run of the workflow (from visibility, plus the current run). */
export async function historyOf(client: Client, workflowId: string): Promise<{ runs: number; length: number }> {
  const runIds = new Set<string>();
  for await (const info of client.workflow.list({ query: `WorkflowId = "${workflowId}"`, pageSize: 100 })) {
    runIds.add(info.runId);
    if (runIds.size >= 1_000) break;
  }
  runIds.add((await client.workflow.getHandle(workflowId).describe()).runId);
  let length = 0;
  for (const runId of runIds) length += (await client.workflow.getHandle(workflowId, runId).describe()).historyLength;
  return { runs: runIds.size, length };
}

/** How many events the lifecycle applied (its `lifecycleState` query), or undefined if it does not answer. */
async function eventsApplied(client: Client, workflowId: string): Promise<number | undefined> {
  try {
    const state = await client.workflow.getHandle(workflowId).query<{ eventsApplied?: number }>('lifecycleState');
    return state.eventsApplied;
  } catch {
    return undefined;
  }
}

/** Waits until the burst customer's lifecycle applied `expected` events (or its history stops growing, if it cannot be asked). */
async function waitBurstApplied(client: Client, workflowId: string, expected: number, deadline: number): Promise<number> {
  let last = -1;
  let stableSince = Date.now();
  for (let poll = 0; poll < 100_000 && Date.now() < deadline; poll++) {
    const applied = await eventsApplied(client, workflowId);
    if (applied !== undefined && applied >= expected) return applied;
    const length = applied ?? (await historyOf(client, workflowId).catch(() => ({ length: last }))).length;
    if (length !== last) [last, stableSince] = [length, Date.now()];
    else if (applied === undefined && Date.now() - stableSince > 5_000) return NaN;
    await pause(250);
  }
  return (await eventsApplied(client, workflowId)) ?? NaN;
}

export async function measureHistory(ctx: BenchContext, sampleIds: string[]): Promise<HistoryResult> {
  assertAlive(ctx);
  progress(`history: ${sampleIds.length} sampled lifecycles${ctx.opts.burst > 0 ? `, and one customer with a burst of ${ctx.opts.burst} events` : ''}`);
  const perEvent: number[] = [];
  for (const id of sampleIds) {
    const { length } = await historyOf(ctx.client, `customer-${id}`).catch(() => ({ length: NaN }));
    if (Number.isFinite(length)) perEvent.push(length);
  }
  const result: HistoryResult = {
    sample: {
      customers: perEvent.length,
      perEventMean: perEvent.reduce((a, b) => a + b, 0) / perEvent.length,
      perEventMin: Math.min(...perEvent),
      perEventMax: Math.max(...perEvent),
    },
  };
  const n = ctx.opts.burst;
  if (n > 0) {
    const id = `${prefixOf(ctx, 'burst')}0`;
    const workflowId = `customer-${id}`;
    const events: BenchEvent[] = [registered(id), ...Array.from({ length: n - 1 }, (_, i) => ({ ...registered(id, `${id}-e${i + 1}`), type: 'customer.interacted' }))];
    await waitForQuiet(ctx, 'the burst');
    const started = Date.now();
    const load = await closedLoop(events, ctx.opts.clients, apiSender(ctx.api), started + ctx.opts.applyTimeoutS * 1000);
    progress(`  burst: ${load.accepted}/${n} accepted in ${(load.elapsedMs / 1000).toFixed(1)} s ${JSON.stringify(load.statuses)}; waiting until the lifecycle applied them`);
    const applied = await waitBurstApplied(ctx.client, workflowId, load.accepted, Date.now() + ctx.opts.applyTimeoutS * 1000);
    const applyMs = Number.isFinite(applied) && applied >= load.accepted ? Date.now() - started : undefined;
    const history = await historyOf(ctx.client, workflowId);
    result.burst = {
      events: n, accepted: load.accepted, statuses: load.statuses, applied, runs: history.runs, historyEvents: history.length,
      perEvent: history.length / Math.max(1, load.accepted), applyMs, appliedPerS: applyMs ? (load.accepted * 1000) / applyMs : NaN,
    };
    progress(`  burst: ${applied} applied${applyMs ? ` after ${(applyMs / 1000).toFixed(1)} s` : ' (not all, by the deadline: the ratio below is too low)'}, ${history.length} history events over ${history.runs} run(s) = ${result.burst.perEvent.toFixed(1)} per event accepted`);
  }
  progress(`  sample: ${result.sample.perEventMean.toFixed(1)} history events per event (min ${result.sample.perEventMin}, max ${result.sample.perEventMax})`);
  return result;
}
