import { workflowInfo } from '@temporalio/workflow';
import type { CustomerEvent } from '../domain/events.js';

/** Patch id: journey runs continue as new (runs recorded before never do, so they replay as they ran). */
export const JOURNEY_RUN_CONTINUES_AS_NEW = 'journey-run-continues-as-new';

/** Continue as new past this many history events, like the lifecycle: well before Temporal's limits. */
export const JOURNEY_RUN_MAX_HISTORY_EVENTS = 2_000;

/** Whether the run's history is long enough that it should continue as new at its next wait. */
export function historyIsLong(): boolean {
  const { continueAsNewSuggested, historyLength } = workflowInfo();
  return continueAsNewSuggested || historyLength > JOURNEY_RUN_MAX_HISTORY_EVENTS;
}

/** A wait a run was in when it continued as new: what it waited for, and the time it had left. */
export interface CarriedWait {
  what: string;
  remainingMs: number;
}

/**
 * One list of steps being gone through: the step in progress (`index`), and either the path of it
 * the run is in (an index into `childPaths(step)`) or the wait it is in.
 */
export interface CursorFrame {
  index: number;
  path?: number;
  wait?: CarriedWait;
}

/** What a journey run carries into the run it continues as: where it is, and what it has heard and done. */
export interface RunResume {
  /** The first run's id: send, task and approval keys and the run's report row go on using it. */
  runId: string;
  /** The journey's steps first, then each nested path down to the step in progress. */
  cursor: CursorFrame[];
  completedSteps: string[];
  arms: Record<string, string>;
  /** Ids of the latest events the run waits for (an event step, the goal, an exit), so one delivered again is still ignored. */
  awaitedEventIds: string[];
  /** Ids of the latest other events. */
  seenEventIds: string[];
  /** The last event, which branch conditions read. */
  lastEvent?: CustomerEvent;
  completedTasks: Record<string, string>;
  decisions: Record<string, 'approved' | 'rejected'>;
  /** How many times the run has continued as new. */
  generation: number;
}

/** Where the interpreter is, kept as it goes so that a continued run can start from there. */
export class RunCursor {
  private readonly frames: CursorFrame[] = [];

  /** Enters a list of steps; `at` moves in it, `leave` ends it. */
  enter(): void {
    this.frames.push({ index: 0 });
  }
  at(index: number): void {
    this.frames[this.frames.length - 1] = { index };
  }
  leave(): void {
    this.frames.pop();
  }
  /** The step in progress goes down its path `path` (an index into `childPaths(step)`). */
  takePath(path: number): void {
    this.frames.at(-1)!.path = path;
  }
  /** A copy for the continued run, the step in progress being in `wait`. */
  carry(wait: CarriedWait): CursorFrame[] {
    const frames = this.frames.map((frame) => ({ ...frame }));
    frames[frames.length - 1] = { ...frames.at(-1)!, wait };
    return frames;
  }
}
