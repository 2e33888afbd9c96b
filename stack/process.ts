/**
 * Child processes of the stack: started with their output in a log file, stopped with
 * SIGTERM then SIGKILL, and never left behind when this process exits or is interrupted.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { closeSync, mkdirSync, openSync, writeSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';

/** How to start one server process. */
export interface StartProcessOptions {
  /** Short name used in messages, e.g. `temporal`. */
  name: string;
  command: string;
  args: string[];
  /** stdout and stderr are appended here (its folder is created). */
  logFile: string;
  /** Extra environment variables, added to this process's. */
  env?: Record<string, string>;
  cwd?: string;
  /** Its own process group, as on a machine of its own: `process.kill(-pid, …)` reaches all it started. */
  detached?: boolean;
}

/** How a process ended. `error` is set when it could not be started at all. */
export interface ProcessExit {
  code: number | null;
  signal: NodeJS.Signals | null;
  error?: Error;
}

/** How a process ended, for messages: `signal SIGKILL`, `code 1` or `could not start: …`. */
export function describeExit(exit: ProcessExit): string {
  if (exit.error) return `could not start: ${exit.error.message}`;
  return exit.signal ? `signal ${exit.signal}` : `code ${exit.code}`;
}

/** A running child process. */
export interface ManagedProcess {
  name: string;
  pid: number | undefined;
  logFile: string;
  /** Resolves once the process has ended (never rejects). */
  exited: Promise<ProcessExit>;
  /** The exit, once it happened. */
  exit(): ProcessExit | undefined;
  /** SIGTERM, then SIGKILL if still alive after `graceMs`; resolves once it has ended. */
  stop(graceMs?: number): Promise<void>;
}

const live = new Set<ChildProcess>();
let hooksInstalled = false;

/** `<tmpdir>/tideway/<name>-<port>.log`: where a server logs when its caller names no file. */
export function defaultLogFile(name: string, port: number): string {
  return path.join(os.tmpdir(), 'tideway', `${name}-${port}.log`);
}

/** Starts a child with its output appended to `logFile`. Check readiness with `readiness.ts`. */
export function startProcess(opts: StartProcessOptions): ManagedProcess {
  mkdirSync(path.dirname(opts.logFile), { recursive: true });
  const fd = openSync(opts.logFile, 'a');
  writeSync(fd, `--- ${new Date().toISOString()} ${opts.command} ${opts.args.join(' ')}\n`);
  let child: ChildProcess;
  try {
    child = spawn(opts.command, opts.args, {
      cwd: opts.cwd,
      env: { ...process.env, ...opts.env },
      stdio: ['ignore', fd, fd],
      detached: opts.detached,
    });
  } finally {
    closeSync(fd);
  }
  trackChild(child);
  let ended: ProcessExit | undefined;
  const exited = new Promise<ProcessExit>((resolve) => {
    child.on('error', (error) => {
      if (child.pid !== undefined) return; // errors after a successful spawn (e.g. kill) end in 'exit'
      live.delete(child);
      resolve((ended = { code: null, signal: null, error }));
    });
    child.once('exit', (code, signal) => {
      resolve((ended = { code, signal }));
    });
  });
  const stop = async (graceMs = 5_000) => {
    if (ended) return;
    child.kill('SIGTERM');
    const timer = setTimeout(() => child.kill('SIGKILL'), graceMs);
    await exited;
    clearTimeout(timer);
  };
  return { name: opts.name, pid: child.pid, logFile: opts.logFile, exited, exit: () => ended, stop };
}

/** Makes `child` die with this process (see the hooks below); it is forgotten once it exits. */
export function trackChild(child: ChildProcess): void {
  installExitHooks();
  live.add(child);
  child.once('exit', () => live.delete(child));
}

/** Kills every child still running: SIGKILL at exit; SIGTERM on SIGINT/SIGTERM/SIGHUP, then exits unless someone else handles the signal. */
function installExitHooks(): void {
  if (hooksInstalled) return;
  hooksInstalled = true;
  process.on('exit', () => {
    for (const child of live) child.kill('SIGKILL');
  });
  for (const signal of ['SIGINT', 'SIGTERM', 'SIGHUP'] as const) {
    process.once(signal, () => {
      const children = [...live];
      for (const child of children) child.kill('SIGTERM');
      if (process.listenerCount(signal) > 0) return; // the app handles it (and exits; 'exit' kills the rest)
      const gone = children.map((c) => new Promise((r) => (c.exitCode !== null || c.signalCode ? r(0) : c.once('exit', r))));
      const timer = setTimeout(() => process.exit(128 + os.constants.signals[signal]), 5_000);
      void Promise.all(gone).then(() => {
        clearTimeout(timer);
        process.exit(128 + os.constants.signals[signal]);
      });
    });
  }
}
