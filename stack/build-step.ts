/**
 * Runs one step of a tool build (go, mvn, npm) with its output summarised:
 * a progress line every 15 s, and the last lines of output in the error if it fails.
 */
import { spawn } from 'node:child_process';
import { createInterface } from 'node:readline';
import { trackChild } from './process.js';

/** How to run one build command. */
export interface BuildStepOptions {
  /** Prefix of every progress line, e.g. `temporal`. */
  label: string;
  /** Where progress lines go. */
  log: (line: string) => void;
  cwd?: string;
  /** Extra environment variables, added to this process's. */
  env?: Record<string, string>;
  /** Said when the command itself is missing, e.g. `install Go >= 1.24, or set TIDEWAY_…`. */
  missingHint: string;
}

const PROGRESS_EVERY_MS = 15_000;
const TAIL_LINES = 40;

/** Runs `command args…`, resolving when it exits 0 and rejecting with its output tail otherwise. */
export function runBuildStep(command: string, args: string[], opts: BuildStepOptions): Promise<void> {
  const started = Date.now();
  const tail: string[] = [];
  let lines = 0;
  return new Promise((resolve, reject) => {
    const child = spawn(command, args, {
      cwd: opts.cwd,
      env: { ...process.env, ...opts.env },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    trackChild(child);
    const onLine = (line: string) => {
      lines += 1;
      tail.push(line);
      if (tail.length > TAIL_LINES) tail.shift();
    };
    createInterface({ input: child.stdout }).on('line', onLine);
    createInterface({ input: child.stderr }).on('line', onLine);
    const timer = setInterval(() => {
      const last = tail.at(-1)?.trim().slice(0, 100) ?? '';
      opts.log(`${opts.label}: still running ${command} (${formatDuration(Date.now() - started)}, ${lines} lines of output${last ? `, last: ${last}` : ''})`);
    }, PROGRESS_EVERY_MS);
    timer.unref();
    child.on('error', (err: NodeJS.ErrnoException) => {
      clearInterval(timer);
      reject(err.code === 'ENOENT' ? new Error(`${command} not found on PATH: ${opts.missingHint}`) : err);
    });
    child.on('close', (code, signal) => {
      clearInterval(timer);
      if (code === 0) return resolve();
      const how = signal ? `killed by ${signal}` : `exit code ${code}`;
      reject(new Error(`${opts.label}: \`${command} ${args.join(' ')}\` failed (${how}). Last output:\n${tail.join('\n')}`));
    });
  });
}

/** `75_000` → `1m15s`; `4_200` → `4.2s`. */
export function formatDuration(ms: number): string {
  if (ms < 60_000) return `${(ms / 1000).toFixed(1)}s`;
  const s = Math.round(ms / 1000);
  return `${Math.floor(s / 60)}m${String(s % 60).padStart(2, '0')}s`;
}
