import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import type { ManagedProcess, ProcessExit } from '../stack/process.js';
import { restartDelayMs, supervise } from '../stack/supervisor.js';

/** A stand-in for a child process that the test kills by calling `die`. */
function fakeProcess(pid: number) {
  let end: (exit: ProcessExit) => void = () => {};
  let ended: ProcessExit | undefined;
  const exited = new Promise<ProcessExit>((resolve) => (end = (exit) => resolve((ended ??= exit))));
  const proc: ManagedProcess = { name: 'worker', pid, logFile: '/logs/worker.log', exited, exit: () => ended, stop: async () => end({ code: null, signal: 'SIGTERM' }) };
  return { proc, die: (signal: NodeJS.Signals = 'SIGKILL') => end({ code: null, signal }) };
}

const policy = { firstDelayMs: 1_000, maxDelayMs: 30_000, stableAfterMs: 60_000 };

describe('supervising the worker and the API', () => {
  let lines: string[];
  let started: ReturnType<typeof fakeProcess>[];
  const restart = () => {
    const next = fakeProcess(100 + started.length);
    started.push(next);
    return next.proc;
  };
  beforeEach(() => {
    vi.useFakeTimers();
    lines = [];
    started = [fakeProcess(100)];
  });
  afterEach(() => {
    vi.useRealTimers();
  });

  it('waits 1 s, then doubles up to 30 s', () => {
    expect([0, 1, 2, 3, 4, 5, 6, 10].map((streak) => restartDelayMs(streak))).toEqual([1_000, 2_000, 4_000, 8_000, 16_000, 30_000, 30_000, 30_000]);
  });

  it('starts a dead process again after the backoff, saying so, and each quick death doubles the wait', async () => {
    const supervised = supervise(started[0]!.proc, { restart, log: (line) => lines.push(line), policy });
    started[0]!.die();
    await vi.advanceTimersByTimeAsync(999);
    expect(started).toHaveLength(1);
    expect(lines).toEqual(['worker exited (signal SIGKILL); restarting in 1 s (restart 1); see /logs/worker.log']);
    await vi.advanceTimersByTimeAsync(1);
    expect(started).toHaveLength(2);
    expect(supervised.current()).toBe(started[1]!.proc);
    expect(lines[1]).toBe('worker restarted (pid 101)');

    started[1]!.die('SIGSEGV');
    await vi.advanceTimersByTimeAsync(1_999);
    expect(started).toHaveLength(2);
    await vi.advanceTimersByTimeAsync(1);
    expect(started).toHaveLength(3);
    expect(lines[2]).toBe('worker exited (signal SIGSEGV); restarting in 2 s (restart 2); see /logs/worker.log');
    expect(supervised.restarts()).toBe(2);
  });

  it('starts over at 1 s once a run stayed up a minute', async () => {
    supervise(started[0]!.proc, { restart, log: (line) => lines.push(line), policy });
    started[0]!.die();
    await vi.advanceTimersByTimeAsync(1_000);
    started[1]!.die();
    await vi.advanceTimersByTimeAsync(2_000);
    await vi.advanceTimersByTimeAsync(60_000);
    started[2]!.die();
    await vi.advanceTimersByTimeAsync(0);
    expect(lines.at(-1)).toBe('worker exited (signal SIGKILL); restarting in 1 s (restart 3); see /logs/worker.log');
  });

  it('restarts nothing once stopped or shutting down, also during a wait', async () => {
    const shutdown = new AbortController();
    supervise(started[0]!.proc, { restart, log: (line) => lines.push(line), policy, shutdown: shutdown.signal });
    started[0]!.die();
    await vi.advanceTimersByTimeAsync(500);
    shutdown.abort();
    await vi.advanceTimersByTimeAsync(60_000);
    expect(started).toHaveLength(1);

    const other = fakeProcess(200);
    const supervised = supervise(other.proc, { restart, log: (line) => lines.push(line), policy });
    await supervised.stop();
    await vi.advanceTimersByTimeAsync(60_000);
    expect(started).toHaveLength(1);
    expect(lines).toHaveLength(1);
  });

  it('tries again later when the process cannot even be spawned', async () => {
    let calls = 0;
    const failing = () => {
      calls += 1;
      if (calls === 1) throw new Error('EMFILE: too many open files');
      return restart();
    };
    supervise(started[0]!.proc, { restart: failing, log: (line) => lines.push(line), policy });
    started[0]!.die();
    await vi.advanceTimersByTimeAsync(1_000);
    expect(lines[1]).toBe('worker could not be started again (EMFILE: too many open files); restarting in 2 s (restart 2); see /logs/worker.log');
    await vi.advanceTimersByTimeAsync(2_000);
    expect(started).toHaveLength(2);
  });
});
