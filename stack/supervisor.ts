/**
 * Keeps a stateless child of `npm start` (the worker, the API) running: when it dies unexpectedly it
 * is started again after a backoff that doubles from 1 s up to 30 s, and starts over at 1 s once a
 * run stayed up for a minute.
 */
import { describeExit, type ManagedProcess } from './process.js';

/** When to start a dead process again. */
export interface RestartPolicy {
  /** Wait before the first restart of a streak. @default 1_000 */
  firstDelayMs: number;
  /** The longest wait; each restart of a streak doubles the last one up to this. @default 30_000 */
  maxDelayMs: number;
  /** A run that lasted this long ends the streak: the next restart waits `firstDelayMs` again. @default 60_000 */
  stableAfterMs: number;
}

export const DEFAULT_RESTART_POLICY: RestartPolicy = { firstDelayMs: 1_000, maxDelayMs: 30_000, stableAfterMs: 60_000 };

/** The wait before restart number `streak` (0 = the first) of a streak of quick deaths. */
export function restartDelayMs(streak: number, policy: RestartPolicy = DEFAULT_RESTART_POLICY): number {
  return Math.min(policy.firstDelayMs * 2 ** streak, policy.maxDelayMs);
}

/** A child that `supervise` starts again whenever it dies. */
export interface SupervisedProcess {
  /** The process running now (or the one that died, during the wait). */
  current(): ManagedProcess;
  /** How many times it was started again. */
  restarts(): number;
  /** Stops restarting, then stops the process (see {@link ManagedProcess.stop}). */
  stop(graceMs?: number): Promise<void>;
}

export interface SuperviseOptions {
  /** Starts a new process, the same way as the first. */
  restart: () => ManagedProcess;
  /** Console lines: `worker exited (signal SIGKILL); restarting in 1 s (restart 1)`. */
  log: (line: string) => void;
  /** Aborted = shutting down: an exit from then on is expected and nothing is started again. */
  shutdown?: AbortSignal;
  policy?: RestartPolicy;
}

/** Watches `first` (already running and ready) and starts it again each time it dies, until stopped. */
export function supervise(first: ManagedProcess, { restart, log, shutdown, policy = DEFAULT_RESTART_POLICY }: SuperviseOptions): SupervisedProcess {
  let proc = first;
  let startedAt = Date.now();
  let stopped = false;
  let restarts = 0;
  let streak = 0;
  let timer: NodeJS.Timeout | undefined;
  const done = () => stopped || shutdown?.aborted === true;
  shutdown?.addEventListener('abort', () => clearTimeout(timer), { once: true });

  const died = (how: string) => {
    if (done()) return;
    if (Date.now() - startedAt >= policy.stableAfterMs) streak = 0;
    const delay = restartDelayMs(streak++, policy);
    restarts += 1;
    log(`${proc.name} ${how}; restarting in ${delay / 1_000} s (restart ${restarts}); see ${proc.logFile}`);
    timer = setTimeout(startAgain, delay);
  };
  const watch = (watched: ManagedProcess) => void watched.exited.then((exit) => died(`exited (${describeExit(exit)})`));
  const startAgain = () => {
    timer = undefined;
    if (done()) return;
    startedAt = Date.now();
    try {
      proc = restart();
    } catch (error) {
      died(`could not be started again (${(error as Error).message})`);
      return;
    }
    log(`${proc.name} restarted (pid ${proc.pid})`);
    watch(proc);
  };
  watch(first);

  return {
    current: () => proc,
    restarts: () => restarts,
    stop: async (graceMs) => {
      stopped = true;
      clearTimeout(timer);
      await proc.stop(graceMs);
    },
  };
}
