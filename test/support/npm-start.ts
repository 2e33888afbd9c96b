/** `npm start`'s entry (stack/start.ts) as a child process, with its console output kept for assertions. */
import { type ChildProcess, execFileSync, spawn } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { freePort } from '../../stack/ports.js';

const root = fileURLToPath(new URL('../..', import.meta.url));

/** A running `npm start`. */
export interface NpmStart {
  child: ChildProcess;
  /** Everything it printed so far, stdout and stderr interleaved. */
  output(): string;
  /** Resolves with the first match of `pattern` in the output; rejects if the process ends or time runs out. */
  waitFor(pattern: RegExp, timeoutMs: number): Promise<RegExpMatchArray>;
  exited: Promise<{ code: number | null; signal: NodeJS.Signals | null }>;
}

/** The ports `npm start` listens on, all free and distinct, as its environment variables. */
export async function freeStackPorts(): Promise<Record<'PORT' | 'TEMPORAL_PORT' | 'TEMPORAL_UI_PORT' | 'STORE_PORT' | 'SMTP_PORT' | 'MAIL_WEB_PORT', string>> {
  const ports = new Set<number>();
  while (ports.size < 6) ports.add(await freePort());
  const [api, temporal, ui, store, smtp, web] = [...ports].map(String) as [string, string, string, string, string, string];
  return { PORT: api, TEMPORAL_PORT: temporal, TEMPORAL_UI_PORT: ui, STORE_PORT: store, SMTP_PORT: smtp, MAIL_WEB_PORT: web };
}

/** Starts `stack/start.ts` with `env` on top of this process's environment minus what would point it elsewhere. */
export function runNpmStart(env: Record<string, string>): NpmStart {
  const base = { ...process.env };
  for (const name of ['MONGODB_URI', 'TIDEWAY_API_KEY', 'TIDEWAY_PUBLIC_URL', 'TEMPORAL_ADDRESS', 'SMTP_URL', 'TEMPORAL_TASK_QUEUE']) delete base[name];
  const child = spawn(process.execPath, ['--import', 'tsx', 'stack/start.ts'], { cwd: root, env: { ...base, ...env }, stdio: ['ignore', 'pipe', 'pipe'] });
  let text = '';
  child.stdout!.on('data', (chunk: Buffer) => (text += chunk.toString()));
  child.stderr!.on('data', (chunk: Buffer) => (text += chunk.toString()));
  const exited = new Promise<{ code: number | null; signal: NodeJS.Signals | null }>((resolve) => child.once('exit', (code, signal) => resolve({ code, signal })));
  let ended = false;
  void exited.then(() => (ended = true));
  const waitFor = async (pattern: RegExp, timeoutMs: number) => {
    const deadline = Date.now() + timeoutMs;
    for (;;) {
      const match = pattern.exec(text);
      if (match) return match;
      if (ended || Date.now() > deadline) throw new Error(`${ended ? 'npm start ended' : `no ${pattern} after ${timeoutMs} ms`}; its output:\n${text}`);
      await new Promise((resolve) => setTimeout(resolve, 200));
    }
  };
  return { child, output: () => text, waitFor, exited };
}

/** The direct children of `pid` with their command lines (Linux `ps`). */
export function childProcesses(pid: number): { pid: number; args: string }[] {
  let out = '';
  try {
    out = execFileSync('ps', ['-o', 'pid=,args=', '--ppid', String(pid)], { encoding: 'utf8' });
  } catch {
    return []; // ps exits 1 when there are none
  }
  return out
    .trim()
    .split('\n')
    .filter(Boolean)
    .map((line) => {
      const [, id, args] = /^\s*(\d+)\s+(.*)$/.exec(line)!;
      return { pid: Number(id), args: args! };
    });
}

/** Whether `pid` still runs (a zombie, dead but not yet reaped, does not). */
export function isRunning(pid: number): boolean {
  try {
    return !/^\d+ \(.*\) Z/.test(readFileSync(`/proc/${pid}/stat`, 'utf8'));
  } catch {
    return false;
  }
}
