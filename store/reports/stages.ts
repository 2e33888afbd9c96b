import { type Stage, STAGES } from '../../domain/stages.js';
import { CustomerModel } from '../models/customer.js';

const DAY_MS = 86_400_000;

export type StageCounts = Record<Stage, number>;
const noCounts = (): StageCounts => Object.fromEntries(STAGES.map((stage) => [stage, 0])) as StageCounts;

export interface StageReport {
  now: { customers: number; withStage: number; byStage: StageCounts; silentShare: number | null };
  /** The stage each customer held at the end of each UTC day, from their stage history. */
  days: { day: string; byStage: StageCounts }[];
  /** Changes made in the period, from → to (from null: the customer's first stage). */
  moves: { from: Stage | null; to: Stage; count: number }[];
}

/**
 * Customers per stage now, per day over the period, and the moves between stages in it. Reads the
 * stage history of every customer (merged ones aside) in one pass of a cursor: a full scan on any store,
 * kept light by the projection; at 10,000 customers it is a few MB.
 */
export async function stageReport({ start, days }: { start: Date; days: string[] }): Promise<StageReport> {
  const now = noCounts();
  const perDay = days.map(noCounts);
  const moves = new Map<string, { from: Stage | null; to: Stage; count: number }>();
  const end = start.getTime() + days.length * DAY_MS;
  let customers = 0;
  const cursor = CustomerModel.find({ mergedInto: null }, { stage: 1, stageHistory: 1 }).lean().cursor();
  for await (const customer of cursor) {
    customers++;
    if (customer.stage) now[customer.stage as Stage]++;
    const history = [...(customer.stageHistory ?? [])].sort((a, b) => a.at.getTime() - b.at.getTime());
    let next = 0;
    let held: Stage | null = null;
    for (let i = 0; i < days.length; i++) {
      const dayEnd = start.getTime() + (i + 1) * DAY_MS;
      while (next < history.length && history[next]!.at.getTime() < dayEnd) held = history[next++]!.to as Stage;
      if (held) perDay[i]![held]++;
    }
    for (const change of history) {
      const at = change.at.getTime();
      if (at < start.getTime() || at >= end) continue;
      const from = (change.from ?? null) as Stage | null;
      const key = `${from}>${change.to}`;
      const move = moves.get(key) ?? { from, to: change.to as Stage, count: 0 };
      move.count++;
      moves.set(key, move);
    }
  }
  const withStage = STAGES.reduce((sum, stage) => sum + now[stage], 0);
  return {
    now: { customers, withStage, byStage: now, silentShare: withStage ? now.silent / withStage : null },
    days: days.map((day, i) => ({ day, byStage: perDay[i]! })),
    moves: [...moves.values()].sort((a, b) => b.count - a.count),
  };
}
