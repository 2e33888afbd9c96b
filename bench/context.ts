/** What every phase of the bench needs: options, the Temporal client, the API, and fresh id prefixes. */
import type { Client } from '@temporalio/client';
import type { CountMode } from './applied.js';
import type { BenchOptions } from './args.js';
import type { BenchStack } from './stack.js';
import type { Api } from './targets.js';

export interface BenchContext {
  opts: BenchOptions;
  stack: BenchStack;
  client: Client;
  api: Api;
  countMode: CountMode;
  /** `bench-<yyMMddHHmmss>`: every customer id of this run starts with it. */
  runId: string;
  /** Whether `POST /v1/events:batch` exists (it answered something other than 404). */
  batchAvailable: boolean;
  /** The id prefix of the customers the last phase registered, for the wait for a quiet worker. */
  lastPrefix?: string;
}

/** A prefix of customer ids no other phase or run uses: `<runId>-<phase>-`. */
export const prefixOf = (ctx: BenchContext, phase: string): string => `${ctx.runId}-${phase}-`;

/** Throws if the worker or API the bench started has died: the figures after that would mean nothing. */
export function assertAlive(ctx: BenchContext): void {
  const crashed = ctx.stack.crashed();
  if (crashed) throw new Error(crashed);
}
