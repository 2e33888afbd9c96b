/**
 * Waiting for a quiet worker before a measured phase, so a phase does not pay for the work the one
 * before left: no task waiting on `<queue>` and `<queue>-email` (Temporal's DescribeTaskQueue
 * stats), and, when the server has STARTS_WITH, every customer of the previous phase applied (stage
 * `new`) with its welcome run past the email (activities waiting to retry are in neither backlog).
 * It must read 0 three polls in a row.
 */
import type { BenchContext } from './context.js';
import { pause, progress } from './progress.js';

const WORKFLOW = 1; // temporal.api.enums.v1.TaskQueueType
const ACTIVITY = 2;

export interface Drain {
  /** Tasks and runs pending when the wait began; undefined if the server gives no stats. */
  pendingAtStart?: number;
  /** How long it took to read 0 three times, ms; undefined if it never did by the deadline. */
  drainedMs?: number;
}

/** Tasks waiting on the bench's task queues, or undefined when the server reports no stats. */
async function backlog(ctx: BenchContext): Promise<number | undefined> {
  let total = 0;
  for (const name of [ctx.opts.taskQueue, `${ctx.opts.taskQueue}-email`]) {
    for (const taskQueueType of [WORKFLOW, ACTIVITY]) {
      const { stats } = await ctx.client.workflowService.describeTaskQueue({ namespace: ctx.opts.namespace, taskQueue: { name }, taskQueueType, reportStats: true });
      if (!stats) return undefined;
      total += Number(stats.approximateBacklogCount ?? 0);
    }
  }
  return total;
}

/** Lifecycles of the previous phase not yet in stage `new`, and its welcome runs not yet past the email. */
async function unfinished(ctx: BenchContext): Promise<number> {
  if (!ctx.lastPrefix || ctx.countMode !== 'starts-with') return 0;
  const mine = `ExecutionStatus = "Running" AND CustomerId STARTS_WITH "${ctx.lastPrefix}"`;
  const lifecycles = await ctx.client.workflow.count(`WorkflowType = "customerLifecycle" AND ${mine} AND (Stage IS NULL OR Stage != "new")`);
  const runs = await ctx.client.workflow.count(`WorkflowType = "journeyRun" AND JourneyId = "welcome" AND ${mine} AND (JourneyStep IS NULL OR JourneyStep = "welcome-email")`);
  return lifecycles.count + runs.count;
}

async function pending(ctx: BenchContext): Promise<number | undefined> {
  const waiting = await backlog(ctx);
  return waiting === undefined ? undefined : waiting + (await unfinished(ctx));
}

export async function waitForQuiet(ctx: BenchContext, what: string): Promise<Drain> {
  const started = Date.now();
  const deadline = started + ctx.opts.applyTimeoutS * 1000;
  const first = await pending(ctx).catch(() => undefined);
  if (first === undefined) return {};
  let zeros = first === 0 ? 1 : 0;
  let lastReport = started;
  if (first > 0) progress(`  before ${what}: waiting for the worker: ${first} tasks or runs pending`);
  for (let poll = 0; poll < 100_000 && zeros < 3 && Date.now() < deadline; poll++) {
    await pause(1_000);
    const now = await pending(ctx).catch(() => undefined);
    zeros = now === 0 ? zeros + 1 : 0;
    if (now && Date.now() - lastReport > 15_000) {
      progress(`    pending ${now}…`);
      lastReport = Date.now();
    }
  }
  const drained = zeros >= 3 ? Date.now() - started : undefined;
  if (first > 0) progress(`  ${drained === undefined ? `not quiet after ${ctx.opts.applyTimeoutS} s: measuring anyway` : `drained in ${(drained / 1000).toFixed(0)} s`}`);
  return { pendingAtStart: first, drainedMs: drained };
}
