import { TaskModel } from '../models/task.js';

/** Median and 90th percentile of some durations, in ms (nearest rank); null without any. */
export interface DurationFigures {
  count: number;
  medianMs: number | null;
  p90Ms: number | null;
}

export interface TaskFigures {
  /** Open now. */
  open: number;
  /** Open now and past their due time. */
  overdue: number;
  /** Tasks created in the period: from creation to the first assign, claim or completion. */
  firstResponse: DurationFigures;
  /** Tasks created in the period and completed: from creation to completion. */
  resolution: DurationFigures;
}

const nearestRank = (sorted: number[], p: number) => sorted[Math.max(0, Math.ceil(p * sorted.length) - 1)]!;

export function durationFigures(durations: number[]): DurationFigures {
  const sorted = [...durations].sort((a, b) => a - b);
  if (sorted.length === 0) return { count: 0, medianMs: null, p90Ms: null };
  return { count: sorted.length, medianMs: nearestRank(sorted, 0.5), p90Ms: nearestRank(sorted, 0.9) };
}

interface Collected {
  open: number;
  overdue: number;
  firstResponse: number[];
  resolution: number[];
}
const empty = (): Collected => ({ open: 0, overdue: 0, firstResponse: [], resolution: [] });
const figures = ({ open, overdue, firstResponse, resolution }: Collected): TaskFigures => ({
  open,
  overdue,
  firstResponse: durationFigures(firstResponse),
  resolution: durationFigures(resolution),
});

/**
 * Task figures, in all and per queue: open and overdue now; response and resolution times of the tasks
 * created in [start, end). A task completed before `firstResponseAt` was recorded counts its completion
 * as its first response. Two reads filtered on status and creation time: scans on FerretDB's SQLite
 * backend, projected to the few fields used.
 */
export async function taskReport({ start, end }: { start: Date; end: Date }, now = new Date()): Promise<TaskFigures & { queues: (TaskFigures & { queue: string })[] }> {
  const fields = { queue: 1, status: 1, dueAt: 1, createdAt: 1, firstResponseAt: 1, completedAt: 1 };
  const [open, created] = await Promise.all([
    TaskModel.find({ status: 'open' }, fields).lean(),
    TaskModel.find({ createdAt: { $gte: start, $lt: end } }, fields).lean(),
  ]);
  const all = empty();
  const queues = new Map<string, Collected>();
  const of = (queue: string) => queues.get(queue) ?? queues.set(queue, empty()).get(queue)!;
  for (const task of open) {
    const overdue = task.dueAt.getTime() < now.getTime() ? 1 : 0;
    for (const c of [all, of(task.queue)]) {
      c.open++;
      c.overdue += overdue;
    }
  }
  for (const task of created) {
    const created = task.createdAt.getTime();
    const responded = task.firstResponseAt ?? task.completedAt;
    for (const c of [all, of(task.queue)]) {
      if (responded) c.firstResponse.push(responded.getTime() - created);
      if (task.status === 'completed' && task.completedAt) c.resolution.push(task.completedAt.getTime() - created);
    }
  }
  return { ...figures(all), queues: [...queues].map(([queue, c]) => ({ queue, ...figures(c) })).sort((a, b) => a.queue.localeCompare(b.queue)) };
}
