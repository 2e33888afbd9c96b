/**
 * How fast the worker applies what was sent, counted through the Temporal visibility API (`count`):
 * a `customer.registered` is applied once its lifecycle mirrored stage `new` to the `Stage` search
 * attribute; its welcome run has settled once its `JourneyStep` moved past the first step (the
 * email). Workflows are found by prefix when the server supports STARTS_WITH, else in `IN (…)`
 * chunks. Visibility lags the workflows a little, so these times are upper bounds.
 */
import type { Client } from '@temporalio/client';
import { pause } from './progress.js';

export type CountMode = 'starts-with' | 'in-chunks';

/** What is counted: lifecycles in stage `new`, or welcome runs past their first step. */
export type Milestone = 'applied' | 'welcome-settled';

/** Lifecycles are found by their workflow id, `customer-<id>`; journey runs by their CustomerId search attribute. */
const MILESTONES: Record<Milestone, { where: string; key: 'WorkflowId' | 'CustomerId'; value: (customerId: string) => string }> = {
  applied: { where: 'WorkflowType = "customerLifecycle" AND Stage = "new"', key: 'WorkflowId', value: (id) => `customer-${id}` },
  'welcome-settled': {
    where: 'WorkflowType = "journeyRun" AND JourneyId = "welcome" AND JourneyStep != "welcome-email"',
    key: 'CustomerId',
    value: (id) => id,
  },
};

/** Whether the server answers a count with STARTS_WITH (SQLite visibility of older servers may not). */
export async function countMode(client: Client): Promise<CountMode> {
  try {
    await client.workflow.count(`${MILESTONES.applied.where} AND WorkflowId STARTS_WITH "customer-bench-probe-"`);
    return 'starts-with';
  } catch {
    return 'in-chunks';
  }
}

/** How many of the customers `<prefix>0 … <prefix><count-1>` reached the milestone. */
export async function countReached(client: Client, mode: CountMode, milestone: Milestone, prefix: string, count: number): Promise<number> {
  const { where, key, value } = MILESTONES[milestone];
  if (mode === 'starts-with') return (await client.workflow.count(`${where} AND ${key} STARTS_WITH "${value(prefix)}"`)).count;
  let total = 0;
  for (let from = 0; from < count; from += 200) {
    const ids = Array.from({ length: Math.min(200, count - from) }, (_, i) => `"${value(`${prefix}${from + i}`)}"`);
    total += (await client.workflow.count(`${where} AND ${key} IN (${ids.join(', ')})`)).count;
  }
  return total;
}

export interface Reached {
  /** Customers at the milestone when the wait ended. */
  reached: number;
  expected: number;
  /** From `startedAt` (the first send) to the poll that saw them all, ms; undefined if it timed out. */
  allMs?: number;
  /** From `startedAt` to the poll that saw half of them, ms. */
  halfMs?: number;
  /** From `startedAt` to the end of the wait, ms. */
  elapsedMs: number;
  timedOut: boolean;
}

/**
 * Polls (at least once) until `expected` customers of the prefix reached the milestone, or for at
 * most `timeoutMs` from now; times are counted from `startedAt`.
 */
export async function waitReached(
  client: Client, mode: CountMode, milestone: Milestone, prefix: string, expected: number, startedAt: number, timeoutMs: number,
  onProgress: (reached: number) => void = () => {},
): Promise<Reached> {
  const deadline = Date.now() + timeoutMs;
  let reached = 0;
  let halfMs: number | undefined;
  let lastReport = Date.now();
  for (let poll = 0; poll < 100_000; poll++) {
    reached = await countReached(client, mode, milestone, prefix, expected).catch(() => reached);
    const now = Date.now();
    if (halfMs === undefined && reached * 2 >= expected) halfMs = now - startedAt;
    if (reached >= expected) return { reached, expected, allMs: now - startedAt, halfMs, elapsedMs: now - startedAt, timedOut: false };
    if (now >= deadline) break;
    if (now - lastReport > 10_000) {
      onProgress(reached);
      lastReport = now;
    }
    await pause(expected > 1000 ? 1_000 : 250);
  }
  return { reached, expected, halfMs, elapsedMs: Date.now() - startedAt, timedOut: true };
}

/** Per second: `expected` over the time to reach them all, or what was reached over the time waited. */
export const ratePerSecond = (r: Reached): number => ((r.allMs ? r.expected : r.reached) * 1000) / (r.allMs ?? r.elapsedMs);
